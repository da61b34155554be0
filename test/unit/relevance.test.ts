import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { budgetOf, DEFAULT_SETTINGS } from '../../server/src/core/analysis';
import { type SourceText } from '../../server/src/core/analyze-texts';
import { nestingBound, relevantSources } from '../../server/src/core/scan/relevance';
import { IncrementalReport, makeReport } from '../../server/src/core/workspace-report';
import { sourcesOfTexts } from '../../server/src/core/analyze-texts';
import { generateWorkspace } from '../bench/workspace';
import { typeScriptHostileShapes, typeScriptSource, workspaceSources } from './fuzz-inputs';

const SEED = 20261205;
// ZCL_RELEVANCE_RUNS runs more (and ZCL_RELEVANCE_SEED another sample) than the 300 of every test run.
const RUNS = Number(process.env.ZCL_RELEVANCE_RUNS ?? 300);

/** The workspace report, every file scanned (`skip` false) or only those that can matter. */
function report(files: readonly SourceText[], skip: boolean): string {
	return JSON.stringify(makeReport(new IncrementalReport(), sourcesOfTexts(files, DEFAULT_SETTINGS, { readAll: !skip }), budgetOf(DEFAULT_SETTINGS)));
}

/** The same text with every Zoho marker renamed: ordinary code of the same shape. */
function withoutZoho(text: string): string {
	return text
		.replace(/zoho/gi, 'acme')
		.replace(/\/crm\//gi, '/api/')
		.replace(/invoke(url|api)/gi, 'call$1')
		.replace(/coql/gi, 'sql')
		.replace(/\bzdk\b/gi, 'sdk')
		.replace(/zcrm/gi, 'acm')
		.replace(/Operations\b/g, 'Service');
}

function ts(path: string, text: string): SourceText {
	return { path, language: path.endsWith('.ts') || path.endsWith('.tsx') ? 'typescript' : 'javascript', text };
}

void describe('relevance: files that cannot matter are not read, and the report stays the same', () => {
	// By hand: zoho.ts names Zoho; service.ts imports it, route.ts imports service.ts, and format.ts is
	// imported by route.ts (a function it is handed could loop): all four matter. button.tsx and its
	// styles.ts link only to each other; types.ts to nothing: they do not. Of the scripts, legacy.js names
	// Zoho, so widget.js, whose globals it may call, matters too.
	const files = [
		ts('/w/src/lib/zoho.ts', `import axios from 'axios';\nexport const crm = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });`),
		ts('/w/src/services/leads.ts', `import { crm } from '../lib/zoho';\nexport async function readLead(id: string) { return crm.get('/Leads/' + id); }`),
		ts(
			'/w/src/routes/leads.ts',
			`import { readLead } from '@/services/leads';\nimport { each } from '../util/format';\nexport async function all(ids: string[]) { await each(ids, readLead); }`,
		),
		ts('/w/src/util/format.ts', `export async function each<T>(items: T[], f: (t: T) => Promise<unknown>) { for (const i of items) await f(i); }`),
		ts('/w/src/ui/button.tsx', `import { styles } from './styles';\nexport function Button() { return <button className={styles.primary}>OK</button>; }`),
		ts('/w/src/ui/styles.ts', `export const styles = { primary: 'btn' };`),
		ts('/w/src/types.ts', `export interface Lead { id: string; }`),
		ts('/w/public/legacy.js', `function sync() { fetch('https://www.zohoapis.com/crm/v8/Leads'); helper(); }`),
		ts('/w/public/widget.js', `function helper() { for (var i = 0; i < 3; i++) sync(); }`),
	];

	test('the files that matter, by hand', () => {
		assert.deepEqual([...relevantSources(files)].sort(), [
			'/w/public/legacy.js',
			'/w/public/widget.js',
			'/w/src/lib/zoho.ts',
			'/w/src/routes/leads.ts',
			'/w/src/services/leads.ts',
			'/w/src/util/format.ts',
		]);
		assert.equal(report(files, true), report(files, false));
	});

	test('deep nesting without any Zoho name still matters: the report lists such a file as not read', () => {
		const deep = ts('/w/deep.js', `const x = ${'['.repeat(450)}1${']'.repeat(450)};`);
		const chained = ts('/w/chain.ts', `export const s = ${Array.from({ length: 500 }, (_, i) => `'p${i}'`).join(' + ')};`);
		const elses = ts(
			'/w/else.ts',
			`export function f(n: number) { ${Array.from({ length: 450 }, (_, i) => `if (n === ${i}) { return ${i}; }`).join(' else ')} return -1; }`,
		);
		assert.ok(nestingBound(deep.text) >= 200 && nestingBound(chained.text) >= 200 && nestingBound(elses.text) >= 200);
		assert.deepEqual([...relevantSources([deep, chained, elses])].sort(), ['/w/chain.ts', '/w/deep.js', '/w/else.ts']);
		assert.equal(report([deep, chained, elses], true), report([deep, chained, elses], false));
	});

	test('ordinary code stays far below the nesting bound', () => {
		assert.ok(nestingBound(files[4].text) < 40);
		assert.ok(nestingBound(files[2].text) < 40);
	});

	test('generated workspaces, alone and among files of the same shape that name nothing of Zoho: the same report', () => {
		const { files: generated } = generateWorkspace(40, 7);
		const zoho = [...generated].map(([path, f]) => ({ path, language: f.language, text: f.text }));
		// Renamed files too (`client3` → `plainclient3`), so no import of theirs names an original.
		const rename = (text: string) => text.replace(/\b(client|job|helper|big)(\d*)\b/g, 'plain$1$2');
		const plain = zoho
			.filter((f) => f.language !== 'deluge')
			.map((f) => ({ ...f, path: rename(f.path.replace('/bench/', '/plain/')), text: rename(withoutZoho(f.text)) }));
		const all = [...zoho, ...plain];
		const relevant = relevantSources(all);
		assert.ok(
			plain.every((f) => !relevant.has(f.path)),
			'the renamed copies are not read',
		);
		assert.equal(report(all, true), report(all, false));
	});

	test('fuzzed workspaces, as they are and with their Zoho names renamed: the same report', () => {
		fc.assert(
			fc.property(workspaceSources, fc.boolean(), (files, rename) => {
				const input = rename ? files.map((f) => ({ ...f, text: withoutZoho(f.text) })) : files;
				assert.equal(report(input, true), report(input, false));
			}),
			{ seed: Number(process.env.ZCL_RELEVANCE_SEED ?? SEED), numRuns: RUNS },
		);
	});

	test('fuzzed and hostile single files with their Zoho names renamed: the same report', () => {
		fc.assert(
			fc.property(fc.oneof(typeScriptSource, typeScriptHostileShapes), fc.boolean(), (text, js) => {
				const file = ts(js ? '/w/f.js' : '/w/f.ts', withoutZoho(text));
				assert.equal(report([file], true), report([file], false));
			}),
			{ seed: Number(process.env.ZCL_RELEVANCE_SEED ?? SEED), numRuns: RUNS },
		);
	});
});
