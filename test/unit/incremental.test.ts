import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { languageOf } from '../../server/src/core/analysis';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { DEFAULT_ASSUMPTIONS, FunctionCosts } from '../../server/src/core/estimate';
import type { FileFacts } from '../../server/src/core/facts';
import { Graph } from '../../server/src/core/graph';

// Two independent chains and a Deluge pair. By hand:
// readLead 1 (Get Record), convert 5 (Convert Lead); jobA: (1 + 5) × 3 = 18.
// listDeals 1 (Get Records); jobB: 1 × 2 = 2.
// touch 1 (getRecordById); nightly: 1 × 4 = 4.
const FILES: Record<string, string> = {
	'/w/a/lib.ts': `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function readLead(id: string) { return zoho.get('/Leads/' + id); }
export async function convert(id: string) { return zoho.post('/Leads/' + id + '/actions/convert', {}); }
`,
	'/w/a/job.ts': `import { readLead, convert } from './lib';
export async function jobA() {
  for (const id of ['1', '2', '3']) { await readLead(id); await convert(id); }
}
`,
	'/w/b/lib.ts': `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function listDeals() { return zoho.get('/Deals'); }
`,
	'/w/b/job.ts': `import { listDeals } from './lib';
export async function jobB() {
  for (const page of [1, 2]) await listDeals();
}
`,
	'/w/d/helper.dg': `void standalone.touch()
{
  r = zoho.crm.getRecordById("Leads", 1);
}
`,
	'/w/d/nightly.dg': `void standalone.nightly()
{
  for each i in {1, 2, 3, 4}
  {
    standalone.touch();
  }
}
`,
};

const FUNCTIONS = [
	{ path: '/w/a/lib.ts', name: 'readLead' },
	{ path: '/w/a/lib.ts', name: 'convert' },
	{ path: '/w/a/job.ts', name: 'jobA' },
	{ path: '/w/b/lib.ts', name: 'listDeals' },
	{ path: '/w/b/job.ts', name: 'jobB' },
	{ path: '/w/d/helper.dg', name: 'standalone.touch' },
	{ path: '/w/d/nightly.dg', name: 'standalone.nightly' },
	{ path: '/w/c/job.ts', name: 'jobC' },
];

function facts(path: string, text: string): FileFacts {
	return scanFile(text, path, languageOf(path)!);
}

function workspace(files: Record<string, string>): Map<string, FileFacts> {
	return new Map(Object.entries(files).map(([path, text]) => [path, facts(path, text)]));
}

/** Every function's cost and the called set, as a cold analysis of the files computes them. */
function cold(files: Record<string, string>): string[] {
	return summary(new FunctionCosts(new Graph(workspace(files)), DEFAULT_ASSUMPTIONS));
}

function summary(costs: FunctionCosts): string[] {
	const lines = FUNCTIONS.map((f) => `${f.name}=${costs.cost(f).perRun}`);
	return [...lines, `called:${[...costs.graph.calledFunctions().keys()].sort().join(',')}`];
}

void describe('incremental recomputation', () => {
	test('an edit recomputes the costs that read the edited file and reuses the rest', () => {
		const graph = new Graph(workspace(FILES));
		const costs = new FunctionCosts(graph, DEFAULT_ASSUMPTIONS);
		assert.equal(costs.cost({ path: '/w/a/job.ts', name: 'jobA' }).perRun, 18);
		assert.equal(costs.cost({ path: '/w/b/job.ts', name: 'jobB' }).perRun, 2);
		assert.equal(costs.cost({ path: '/w/d/nightly.dg', name: 'standalone.nightly' }).perRun, 4);

		// listDeals now converts a lead too: 1 + 5 = 6, so jobB = 6 × 2 = 12.
		graph.update(
			'/w/b/lib.ts',
			facts(
				'/w/b/lib.ts',
				FILES['/w/b/lib.ts'].replace("return zoho.get('/Deals');", "await zoho.post('/Leads/9/actions/convert', {}); return zoho.get('/Deals');"),
			),
		);
		const before = costs.computed;
		assert.equal(costs.cost({ path: '/w/a/job.ts', name: 'jobA' }).perRun, 18);
		assert.equal(costs.cost({ path: '/w/d/nightly.dg', name: 'standalone.nightly' }).perRun, 4);
		assert.equal(costs.computed, before, 'chain A and the Deluge pair do not read b/lib.ts: nothing is computed again');
		assert.equal(costs.cost({ path: '/w/b/job.ts', name: 'jobB' }).perRun, 12);
		// jobB and the call of listDeals it prices; both read b/lib.ts.
		assert.equal(costs.computed, before + 2);
		// The helper's own cost was never asked before the edit; asked now it is computed once, then reused.
		assert.equal(costs.cost({ path: '/w/b/lib.ts', name: 'listDeals' }).perRun, 6);
		assert.equal(costs.cost({ path: '/w/b/lib.ts', name: 'listDeals' }).perRun, 6);
		assert.equal(costs.computed, before + 3);
	});

	test('a file of many functions prices each function from its own calls, before and after an edit', () => {
		// 20 functions (enough for the file's functions to be indexed): f<i> reads a record i + 1 times, 1 credit
		// each, and calls g<i>, which converts a lead (5 credits) unless i is even. By hand: f<i> = (i + 1) + (i odd ? 5 : 0).
		const lib = (bump: number) =>
			`import axios from 'axios';\nconst zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });\n` +
			Array.from(
				{ length: 10 },
				(_, i) =>
					`export async function g${i}() { ${i % 2 ? "await zoho.post('/Leads/1/actions/convert', {});" : 'return 0;'} }\n` +
					`export async function f${i}() { for (let k = 0; k < ${i + 1 + (i === 3 ? bump : 0)}; k++) await zoho.get('/Leads/' + k); await g${i}(); }\n`,
			).join('');
		const graph = new Graph(workspace({ '/w/many.ts': lib(0) }));
		const costs = new FunctionCosts(graph, DEFAULT_ASSUMPTIONS);
		const perRun = () => Array.from({ length: 10 }, (_, i) => costs.cost({ path: '/w/many.ts', name: `f${i}` }).perRun);
		assert.deepEqual(perRun(), [1, 7, 3, 9, 5, 11, 7, 13, 9, 15]);
		// f3's loop runs twice more: 4 + 2 + 5 = 11.
		graph.update('/w/many.ts', facts('/w/many.ts', lib(2)));
		assert.deepEqual(perRun(), [1, 7, 3, 11, 5, 11, 7, 13, 9, 15]);
	});

	test('after a series of edits, adds, removals and renames, every cost equals a cold analysis of the final files', () => {
		const files = { ...FILES };
		const graph = new Graph(workspace(files));
		const costs = new FunctionCosts(graph, DEFAULT_ASSUMPTIONS);
		const apply = (path: string, text: string | undefined) => {
			if (text === undefined) delete files[path];
			else files[path] = text;
			graph.update(path, text === undefined ? undefined : facts(path, text));
			// Asked after every edit, so stale answers would be reused if invalidation missed them.
			assert.deepEqual(summary(costs), cold(files), `after editing ${path}`);
		};
		assert.deepEqual(summary(costs), [
			'readLead=1',
			'convert=5',
			'jobA=18',
			'listDeals=1',
			'jobB=2',
			'standalone.touch=1',
			'standalone.nightly=4',
			'jobC=0',
			'called:/w/a/lib.ts#convert,/w/a/lib.ts#readLead,/w/b/lib.ts#listDeals,/w/d/helper.dg#standalone.touch',
		]);
		// jobA loops five times: (1 + 5) × 5 = 30.
		apply('/w/a/job.ts', FILES['/w/a/job.ts'].replace("['1', '2', '3']", "['1', '2', '3', '4', '5']"));
		// convert becomes a read: jobA = (1 + 1) × 5 = 10.
		apply('/w/a/lib.ts', FILES['/w/a/lib.ts'].replace("zoho.post('/Leads/' + id + '/actions/convert', {})", "zoho.get('/Contacts/' + id)"));
		// A new file calls jobB three times: jobC = 2 × 3 = 6, and jobB is now called.
		apply('/w/c/job.ts', `import { jobB } from '../b/job';\nexport async function jobC() { for (const r of [1, 2, 3]) await jobB(); }\n`);
		// b/lib.ts goes: listDeals resolves nowhere, jobB and jobC cost nothing.
		apply('/w/b/lib.ts', undefined);
		// It comes back with two reads: listDeals 2, jobB 4, jobC 12.
		apply('/w/b/lib.ts', FILES['/w/b/lib.ts'].replace("return zoho.get('/Deals');", "await zoho.get('/Deals'); return zoho.get('/Accounts');"));
		// The Deluge helper is renamed: nightly's call of standalone.touch links to nothing (0).
		apply('/w/d/helper.dg', FILES['/w/d/helper.dg'].replace('standalone.touch', 'standalone.poke'));
		// And back, with a second task: touch 2, nightly 8.
		apply('/w/d/helper.dg', FILES['/w/d/helper.dg'].replace('}\n', '  s = zoho.crm.searchRecords("Leads", "(Last_Name:equals:A)");\n}\n'));
		assert.deepEqual(summary(costs), [
			'readLead=1',
			'convert=1',
			'jobA=10',
			'listDeals=2',
			'jobB=4',
			'standalone.touch=2',
			'standalone.nightly=8',
			'jobC=12',
			'called:/w/a/lib.ts#convert,/w/a/lib.ts#readLead,/w/b/job.ts#jobB,/w/b/lib.ts#listDeals,/w/d/helper.dg#standalone.touch',
		]);
	});

	test('costs built on a graph that changed more often than it remembers start over, and stay right', () => {
		const files = { ...FILES };
		const graph = new Graph(workspace(files));
		const costs = new FunctionCosts(graph, DEFAULT_ASSUMPTIONS);
		assert.equal(costs.cost({ path: '/w/b/job.ts', name: 'jobB' }).perRun, 2);
		// An edit of b/lib.ts, then 300 edits of a/lib.ts with no cost asked for in between: the first falls out of what the graph remembers.
		graph.update('/w/b/lib.ts', facts('/w/b/lib.ts', FILES['/w/b/lib.ts'].replace("zoho.get('/Deals')", "zoho.post('/Leads/1/actions/convert', {})")));
		for (let i = 0; i < 300; i++) graph.update('/w/a/lib.ts', facts('/w/a/lib.ts', FILES['/w/a/lib.ts'] + `// ${i}\n`));
		// listDeals is a Convert Lead now: jobB = 5 × 2 = 10.
		assert.equal(costs.cost({ path: '/w/b/job.ts', name: 'jobB' }).perRun, 10);
	});
});
