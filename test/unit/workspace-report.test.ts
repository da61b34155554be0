import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetOf, DEFAULT_SETTINGS, languageOf } from '../../server/src/core/analysis';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { assumptionsOf } from '../../server/src/core/analysis';
import { FunctionCosts } from '../../server/src/core/estimate';
import type { FileFacts } from '../../server/src/core/facts';
import { Graph } from '../../server/src/core/graph';
import { IncrementalReport, makeReport, type ReportSource } from '../../server/src/core/workspace-report';

// By hand: readLead is a Get Record (1 credit); jobA calls it 3 times a run: 3 credits a day.
// listDeals is a Get Records (1); jobB calls it twice: 2 credits. Total 5 credits a day.
// After the edit readLead converts the lead (Convert Lead, 5 credits): jobA 15, total 17.
const TEXTS: Record<string, string> = {
	'/w/lib.ts': `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function readLead(id: string) { return zoho.get('/Leads/' + id); }
`,
	'/w/job.ts': `import { readLead } from './lib';
export async function jobA() {
  for (const id of ['1', '2', '3']) await readLead(id);
}
`,
	'/w/deals.ts': `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function jobB() {
  for (const page of [1, 2]) await zoho.get('/Deals');
}
`,
};
const CONVERTING = TEXTS['/w/lib.ts'].replace("zoho.get('/Leads/' + id)", "zoho.post('/Leads/' + id + '/actions/convert', {})");

function scan(path: string, text: string): FileFacts {
	return scanFile(text, path, languageOf(path)!);
}

void describe('IncrementalReport: the workspace report, kept part by part', () => {
	const texts = new Map(Object.entries(TEXTS));
	const facts = new Map([...texts].map(([path, text]) => [path, scan(path, text)] as const));
	const graph = new Graph(facts);
	const costs = new FunctionCosts(graph, assumptionsOf(DEFAULT_SETTINGS));
	const budget = budgetOf(DEFAULT_SETTINGS);
	const sources = (): ReportSource[] =>
		[...facts.keys()]
			.sort()
			.map((path) => ({ path, reportPath: path.slice(3), facts: facts.get(path)!, settings: DEFAULT_SETTINGS, costs, text: () => texts.get(path) }));
	const reporter = new IncrementalReport();
	const analysed: string[] = [];
	const options = { analysed: (source: ReportSource) => analysed.push(source.reportPath) };
	/** The fingerprint of the cold report, and of the report after the edit. */
	let coldDigest = '';
	let editedDigest = '';

	test('cold: every file analysed, the entry points totalled', () => {
		const report = makeReport(reporter, sources(), budget, options);
		assert.deepEqual(analysed.sort(), ['deals.ts', 'job.ts', 'lib.ts']);
		assert.deepEqual(
			report.entryPoints.map((e) => [e.name, e.perDay]),
			[
				['jobA', 3],
				['jobB', 2],
			],
		);
		assert.equal(report.totals.perDay, 5);
		coldDigest = reporter.digest;
		assert.match(coldDigest, /^[0-9a-f]{16}$/);
	});

	test('nothing changed: nothing analysed again, the same report and fingerprint', () => {
		analysed.length = 0;
		const report = makeReport(reporter, sources(), budget, options);
		assert.deepEqual(analysed, []);
		assert.equal(report.totals.perDay, 5);
		assert.equal(reporter.digest, coldDigest);
	});

	test('an edit of a helper: the helper and its caller are analysed again, the other file is reused', () => {
		analysed.length = 0;
		texts.set('/w/lib.ts', CONVERTING);
		facts.set('/w/lib.ts', scan('/w/lib.ts', CONVERTING));
		graph.update('/w/lib.ts', facts.get('/w/lib.ts'));
		const report = makeReport(reporter, sources(), budget, options);
		assert.deepEqual(analysed.sort(), ['job.ts', 'lib.ts']);
		assert.deepEqual(
			report.entryPoints.map((e) => [e.name, e.perDay]),
			[
				['jobA', 15],
				['jobB', 2],
			],
		);
		assert.equal(report.totals.perDay, 17);
		editedDigest = reporter.digest;
		assert.notEqual(editedDigest, coldDigest);
	});

	test('a file scanned again to the same facts: analysed again, the same fingerprint', () => {
		analysed.length = 0;
		facts.set('/w/deals.ts', scan('/w/deals.ts', TEXTS['/w/deals.ts']));
		graph.update('/w/deals.ts', facts.get('/w/deals.ts'));
		makeReport(reporter, sources(), budget, options);
		assert.deepEqual(analysed, ['deals.ts']);
		assert.equal(reporter.digest, editedDigest);
	});

	test('steps yield progress twice a file (its calls linked, then its part) and once between, counting the files analysed again', () => {
		const steps = [...new IncrementalReport().steps(sources(), budget)];
		// The long steps (which functions are called, the first part, the report assembled) are announced by the step before them.
		assert.deepEqual(
			steps.map((s) => [s.done, s.total, s.analysed, s.heavyNext === true]),
			[
				[1, 6, 0, false],
				[2, 6, 0, false],
				[3, 6, 0, true],
				[3, 6, 0, true],
				[4, 6, 1, false],
				[5, 6, 2, false],
				[6, 6, 3, true],
			],
		);
	});

	test('with `fingerprint`, each part is hashed in the step that makes it: reading the fingerprint then serialises no part', () => {
		/** Serialisations of a file's part (`{ file, entryPoints, findings, apis }`) while `run` runs. */
		const partsSerialised = (run: () => void): number => {
			const stringify = JSON.stringify;
			let count = 0;
			JSON.stringify = ((value: unknown, ...rest: never[]) => {
				if (value && typeof value === 'object' && 'file' in value && 'entryPoints' in value) count++;
				return stringify(value, ...rest);
			}) as typeof JSON.stringify;
			try {
				run();
			} finally {
				JSON.stringify = stringify;
			}
			return count;
		};
		const eager = new IncrementalReport();
		const lazy = new IncrementalReport();
		// Three files, three parts: hashed in the steps, or all at once when the fingerprint is read.
		assert.equal(
			partsSerialised(() => makeReport(eager, sources(), budget, { fingerprint: true })),
			3,
		);
		assert.equal(
			partsSerialised(() => makeReport(lazy, sources(), budget)),
			0,
		);
		let eagerDigest = '';
		let lazyDigest = '';
		assert.equal(
			partsSerialised(() => (eagerDigest = eager.digest)),
			0,
		);
		assert.equal(
			partsSerialised(() => (lazyDigest = lazy.digest)),
			3,
		);
		assert.equal(eagerDigest, lazyDigest);
		assert.equal(eagerDigest, editedDigest);
		// A file that holds nothing keeps its (empty) part from one report to the next, like the others: hashed once.
		const withEmpty = [
			...sources(),
			{
				path: '/w/types.ts',
				reportPath: 'types.ts',
				facts: scan('/w/types.ts', 'export type Id = string;\n'),
				settings: DEFAULT_SETTINGS,
				costs,
				text: () => '',
			},
		];
		assert.equal(
			partsSerialised(() => makeReport(eager, withEmpty, budget, { fingerprint: true })),
			1,
		);
		assert.equal(
			partsSerialised(() => makeReport(eager, withEmpty, budget, { fingerprint: true })),
			0,
		);
	});

	test('a file that cannot be read leaves the report, and its part leaves the cache', () => {
		analysed.length = 0;
		const unreadable = sources().map((s) =>
			s.path === '/w/deals.ts' ? { ...s, facts: scan('/w/deals.ts', TEXTS['/w/deals.ts'] + '\n'), text: () => undefined } : s,
		);
		const report = makeReport(reporter, unreadable, budget, options);
		assert.deepEqual(
			report.files.map((f) => f.path),
			['job.ts', 'lib.ts'],
		);
		assert.equal(report.totals.perDay, 15);
	});
});
