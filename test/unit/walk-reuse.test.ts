import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { FileFacts } from '../../server/src/core/facts';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { MAX_VERSIONS_FROM_LAST, scanTypeScriptFrom, type TypeScriptParse } from '../../server/src/core/scan/typescript';
import { generateWorkspace } from '../bench/workspace';
import { edit, TS_CORPUS, TS_TOKENS } from './fuzz-inputs';

/** An open document: each version scanned from the last one's walk, as the server's scanner thread does. */
class Document {
	private parse: TypeScriptParse;
	/** Top-level statements the last version took from the walk before it. */
	reused = 0;
	facts: FileFacts;

	constructor(
		public text: string,
		private readonly path = '/w/doc.ts',
	) {
		const first = scanTypeScriptFrom(text, path, this.language, undefined);
		this.parse = first.parse;
		this.facts = first.facts;
	}

	private get language() {
		return this.path.endsWith('.js') ? ('javascript' as const) : ('typescript' as const);
	}

	/** Replaces the first `from` in the text; the new version's facts must equal a scan from scratch. */
	change(from: string, to: string): this {
		assert.ok(this.text.includes(from), `the document holds ${JSON.stringify(from)}`);
		return this.version(this.text.replace(from, to));
	}

	version(text: string): this {
		const next = scanTypeScriptFrom(text, this.path, this.language, this.parse);
		this.text = text;
		this.parse = next.parse;
		this.facts = next.facts;
		this.reused = next.reused;
		assert.deepStrictEqual(next.facts, scanFile(text, this.path, this.language));
		return this;
	}
}

const paths = (facts: FileFacts) => facts.calls.map((c) => `${c.method} ${c.path}`);

void describe('an edited document reuses the walk of the statements the edit did not touch', () => {
	test('an edit inside one function walks that statement alone; the others move with the edit', () => {
		const doc = new Document(`import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function readLead(id: string) {
  return zoho.get('/Leads/' + id);
}
export async function listDeals() {
  for (const page of [1, 2, 3]) await zoho.get('/Deals?page=' + page);
}
export async function convert(id: string) {
  return zoho.post('/Leads/' + id + '/actions/convert', {});
}
`);
		// Five statements: the import, the client, three functions. A line added to the first function walks it alone.
		// (A segment read from a variable is a hole, `{x}`.)
		doc.change(`return zoho.get('/Leads/' + id);`, `const lead = 1;\n  return zoho.get('/Leads/' + id);`);
		assert.equal(doc.reused, 4);
		assert.deepEqual(paths(doc.facts), ['GET /crm/v8/Leads/{x}', 'GET /crm/v8/Deals', 'POST /crm/v8/Leads/{x}/actions/convert']);
		// The loop of the second function, moved by the 19 characters added above it.
		const loop = doc.facts.loops[0];
		assert.equal(doc.text.slice(loop.header.start, loop.header.start + 4), 'for ');
		assert.equal(doc.facts.calls[1].loops[0], 0);
	});

	test('a statement reading a module constant the edit changed is walked again', () => {
		const doc = new Document(`const BASE = 'https://www.zohoapis.com/crm/v8';
export async function leads() {
  return fetch(BASE + '/Leads');
}
export async function other() {
  return fetch('https://example.com/x');
}
`);
		assert.deepEqual(paths(doc.facts), ['GET /crm/v8/Leads']);
		doc.change('https://www.zohoapis.com/crm/v8', 'https://api.example.com/v1');
		// `leads` read BASE: walked again, and no longer a Zoho call. `other` did not: reused.
		assert.equal(doc.reused, 1);
		assert.deepEqual(paths(doc.facts), []);
	});

	test('what a reused statement wrote to the module is there for the statements after it', () => {
		// `prepare` fills the module's `body` with three records; `send` writes it: 3 records, one credit.
		const doc = new Document(`import axios from 'axios';
const body = { data: [] as unknown[] };
function prepare() {
  body.data = [1, 2, 3];
}
export async function send() {
  await axios.post('https://www.zohoapis.com/crm/v8/Leads', body);
}
export function unrelated() {
  return 1;
}
`);
		assert.equal(doc.facts.calls[0].records, 3);
		doc.change('return 1;', 'return 2;');
		assert.equal(doc.reused, 4);
		assert.equal(doc.facts.calls[0].records, 3);
		// An edit of `prepare` changes what `send` reads: both are walked again.
		doc.change('[1, 2, 3]', '[1, 2, 3, 4, 5]');
		assert.equal(doc.facts.calls[0].records, 5);
		assert.equal(doc.reused, 3);
	});

	test('a parameter marker moves with its function', () => {
		const doc = new Document(`import axios from 'axios';
const http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export function get(path: string) {
  return http.get(path);
}
export async function job() {
  for (let i = 0; i < 4; i++) await get('/Leads');
}
`);
		const before = doc.facts.calls[0].template?.url;
		assert.match(before ?? '', /\u0004\d+:0\u0005/);
		doc.change(`import axios from 'axios';`, `import axios from 'axios';\n// a comment above everything`);
		// Every statement after the edit moved; the template now names the function's new start.
		const start = doc.text.indexOf('export function get');
		assert.equal(doc.facts.calls[0].template?.url, before?.replace(/\u0004\d+:/, `\u0004${start}:`));
		assert.equal(doc.facts.functions?.find((f) => f.name === 'get')?.span.start, start);
	});

	test("loops keep their indexes when an earlier statement's loops change", () => {
		const doc = new Document(`import axios from 'axios';
export async function a() {
  await axios.get('https://www.zohoapis.com/crm/v8/Leads');
}
export async function b() {
  for (const x of [1, 2]) await axios.get('https://www.zohoapis.com/crm/v8/Deals');
}
`);
		doc.change(
			`await axios.get('https://www.zohoapis.com/crm/v8/Leads');`,
			`for (const y of [1, 2, 3]) await axios.get('https://www.zohoapis.com/crm/v8/Leads');`,
		);
		assert.equal(doc.reused, 2);
		// b's loop is now the second of the file, and its call says so.
		assert.deepEqual(
			doc.facts.calls.map((c) => c.loops),
			[[0], [1]],
		);
		assert.deepEqual(
			doc.facts.loops.map((l) => l.iterations),
			[3, 2],
		);
	});

	test('a page read at the top level and looped over further down', () => {
		// The loop reads `rows`, whose value is unknown either way: only the page it holds tells the versions apart.
		const doc = new Document(`import axios from 'axios';
const resp = await axios.get('https://www.zohoapis.com/crm/v8/Leads?per_page=50');
const rows = resp.data.data;
for (const lead of rows) await axios.put('https://www.zohoapis.com/crm/v8/Leads/' + lead.id, {});
`);
		assert.equal(doc.facts.loops[0].page?.perPage, 50);
		doc.change('per_page=50', 'per_page=20');
		assert.equal(doc.facts.loops[0].page?.perPage, 20);
		assert.equal(doc.reused, 1);
	});

	test('an annotation after the end of a reused statement, on its line', () => {
		const doc = new Document(`import axios from 'axios';
for (const id of ids) axios.get('https://www.zohoapis.com/crm/v8/Leads/' + id); one(); two(); three(); // zoho-credits: iterations=4
`);
		// TypeScript keeps the loop's node (the edit is three statements away), yet its count changes.
		assert.equal(doc.facts.loops[0].iterations, 4);
		doc.change('iterations=4', 'iterations=9');
		assert.equal(doc.facts.loops[0].iterations, 9);
		// The line's rest grows an annotation where it had none: the loop's count changes too.
		doc.change(' // zoho-credits: iterations=9', '');
		assert.equal(doc.facts.loops[0].iterations, undefined);
		doc.change('three();', 'three(); // zoho-credits: iterations=6');
		assert.equal(doc.facts.loops[0].iterations, 6);
	});

	test('a name that comes to hold an instance of another class', () => {
		const doc = new Document(`import { LeadService, DealService } from './services';
const service = new LeadService();
export async function run() {
  await service.sync();
}
`);
		assert.deepEqual(
			doc.facts.invocations?.map((i) => i.target),
			[{ kind: 'import', local: 'LeadService', member: 'sync', instance: true }],
		);
		doc.change('new LeadService()', 'new DealService()');
		assert.deepEqual(
			doc.facts.invocations?.map((i) => i.target),
			[{ kind: 'import', local: 'DealService', member: 'sync', instance: true }],
		);
	});

	test('a local class renamed under the same module name', () => {
		const doc = new Document(`class LeadSync { async run() { return fetch('https://www.zohoapis.com/crm/v8/Leads'); } }
class DealSync { async run() { return fetch('https://www.zohoapis.com/crm/v8/Deals'); } }
const job = new LeadSync();
export async function nightly() {
  await job.run();
}
`);
		assert.deepEqual(
			doc.facts.invocations?.map((i) => i.target),
			[{ kind: 'local', name: 'LeadSync.run' }],
		);
		doc.change('new LeadSync()', 'new DealSync()');
		assert.deepEqual(
			doc.facts.invocations?.map((i) => i.target),
			[{ kind: 'local', name: 'DealSync.run' }],
		);
	});

	test('a script that becomes a module is walked whole again', () => {
		// In a browser script, `helper` may be another script's function; in a module it is nothing.
		const doc = new Document(
			`function leads() { return fetch('https://www.zohoapis.com/crm/v8/Leads'); }
function job() { for (const x of [1, 2]) helper(x); }
`,
			'/w/page.js',
		);
		assert.deepEqual(
			doc.facts.invocations?.map((i) => i.target),
			[{ kind: 'global', name: 'helper' }],
		);
		doc.version(`${doc.text}module.exports = { leads };\n`);
		assert.equal(doc.reused, 0);
		assert.deepEqual(doc.facts.invocations, []);
	});

	test("a parameter's value written to the module moves with its function", () => {
		// `configure` leaves its parameter in `options.base`; `get` builds its URL from it, with the marker of configure's parameter.
		const doc = new Document(`import axios from 'axios';
const options = { base: '' };
function configure(base: string) {
  options.base = base;
}
export async function get() {
  return fetch(options.base + '/Leads');
}
`);
		const marker = (d: FileFacts) => d.deferred?.[0]?.url;
		assert.equal(marker(doc.facts), `\u0004${doc.text.indexOf('function configure')}:0\u0005/Leads`);
		// One character more in the import: `options` is the same node, `configure` moved by one.
		doc.change('import axios', 'import axioss');
		assert.equal(marker(doc.facts), `\u0004${doc.text.indexOf('function configure')}:0\u0005/Leads`);
	});

	test('early returns still count after more edits than a block may have early returns', () => {
		// Each version walks `run` again (its class changed) over the same block node, which TypeScript keeps.
		const doc = new Document(`import axios from 'axios';
export class Sync {
  edited() { return 0; }
  async run(cached: boolean) {
    if (cached) { return await axios.get('https://www.zohoapis.com/crm/v8/Leads/1'); }
    return await axios.get('https://www.zohoapis.com/crm/v8/Leads');
  }
}
`);
		const branches = doc.facts.branches?.length;
		assert.equal(branches, 1);
		for (let k = 1; k <= 120; k++) doc.change(`return ${k - 1};`, `return ${k};`);
		assert.equal(doc.facts.branches?.length, 1);
	});

	test('random edits, one version after another, give the facts of a scan from scratch', () => {
		const generated = [...generateWorkspace(12, 7).files].filter(([, f]) => f.language !== 'deluge').map(([, f]) => f.text);
		const texts = [...TS_CORPUS, ...generated];
		let reused = 0;
		fc.assert(
			fc.property(fc.constantFrom(...texts), fc.array(edit(TS_TOKENS), { minLength: 1, maxLength: 10 }), (start, edits) => {
				const doc = new Document(start);
				for (const e of edits) {
					const text = doc.text;
					const at = text.length === 0 ? 0 : e.at % (text.length + 1);
					if (e.kind === 'delete') doc.version(text.slice(0, at) + text.slice(at + e.length));
					else if (e.kind === 'duplicate') doc.version(text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length));
					else if (e.kind === 'truncate') doc.version(text.slice(0, at));
					else doc.version(text.slice(0, at) + e.token + text.slice(at));
					reused += doc.reused;
				}
			}),
			{ seed: 20261205, numRuns: 300 },
		);
		// The property holds on versions that reuse statements, not only on ones walked whole.
		assert.ok(reused > 1000, `${reused} statements reused`);
	});

	test('line edits of the generated 3,000-line file, as typed', () => {
		const workspace = generateWorkspace(20, 3);
		const lines = workspace.files.get(workspace.bigFile)!.text.split('\n');
		const doc = new Document(lines.join('\n'), workspace.bigFile);
		let seed = 5;
		const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let k = 0; k < 40; k++) {
			const line = Math.floor(next() * lines.length);
			const r = next();
			if (r < 0.4) lines[line] += ` // edit ${k}`;
			else if (r < 0.6) lines.splice(line, 0, `const URL${k} = 'https://www.zohoapis.com/crm/v8/Leads';`);
			else if (r < 0.8) lines[line] = lines[line].replace(/[A-Za-z_]\w*/, (w) => `${w}x`);
			else lines.splice(line, 1);
			doc.version(lines.join('\n'));
		}
	});

	test('a long line of versions starts over: the next version is parsed and walked afresh, to the same facts', () => {
		const doc = new Document(`import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function readLead(id: string) {
  // version 0
  return zoho.get('/Leads/' + id);
}
export async function listDeals() {
  for (const page of [1, 2, 3]) await zoho.get('/Deals?page=' + page);
}
`);
		// Four statements: the import, the client, two functions. Each edit of the first function's comment
		// walks that function alone: versions 1 to 200 each start from the one before and reuse the other three.
		for (let k = 1; k <= MAX_VERSIONS_FROM_LAST; k++) {
			doc.version(doc.text.replace(/\/\/ version \d+/, `// version ${k}`));
			assert.equal(doc.reused, 3, `version ${k}`);
		}
		// Version 201 starts over, and the next line of versions starts from it.
		doc.change('// version 200', '// version 201');
		assert.equal(doc.reused, 0);
		doc.change('// version 201', '// version 202');
		assert.equal(doc.reused, 3);
		assert.deepEqual(paths(doc.facts), ['GET /crm/v8/Leads/{x}', 'GET /crm/v8/Deals']);
	});
});
