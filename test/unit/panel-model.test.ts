import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entryTooltip, panelModel } from '../../client/src/panel-model';
import type { JsonReport } from '../../shared/report';
import type { WorkspaceReport } from '../../shared/protocol';

type Entry = JsonReport['entryPoints'][number];
type Call = JsonReport['files'][number]['calls'][number];

function entry(name: string, path: string, perDay: number, runsSource = 'annotation'): Entry {
	return {
		name,
		path,
		line: 3,
		perRun: perDay,
		runsPerDay: 1,
		runsSource,
		perDay,
		low: perDay,
		high: perDay,
		perDayLow: perDay,
		perDayHigh: perDay,
		shareOfDaily: perDay / 15000,
		assumed: false,
		explanation: [`${name} explained`],
	};
}

function call(perRun: number): Call {
	return {
		line: 1,
		column: 1,
		endLine: 1,
		endColumn: 2,
		api: 'Get Records',
		operation: 'GET /crm/v8/{module}',
		via: 'rest',
		credits: 1,
		multiplier: perRun,
		inLoop: perRun > 1,
		assumed: [],
		perRun,
		low: perRun,
		high: perRun,
		chain: [],
	};
}

function report(entryPoints: Entry[], files: JsonReport['files'] = [], findings: JsonReport['findings'] = []): WorkspaceReport {
	const perDay = entryPoints.reduce((n, e) => n + e.perDay, 0);
	return {
		report: {
			version: 1,
			budget: { edition: 'professional', users: 10, addOnCredits: 0, table: 'seed', dailyCredits: 15000, concurrency: 15 },
			files,
			entryPoints,
			findings,
			apis: [],
			skipped: [],
			totals: { perDay, perDayLow: perDay, perDayHigh: perDay, shareOfDaily: perDay / 15000 },
		},
		assumptions: ['one assumption'],
		uris: {},
		indexing: false,
		revision: 1,
	};
}

void describe('budget panel model', () => {
	test('open ranges and observed usage', () => {
		const data = report([{ ...entry('sync', 'sync.ts', 240), low: 15, high: 62, perDayLow: 60, perDayHigh: 248 }]);
		data.report.totals = { ...data.report.totals, perDayLow: 60, perDayHigh: 248 };
		data.report.observed = [
			{ kind: 'entry-point', name: 'sync', observedPerDay: 250, days: 2, estimatedPerDay: 240, ratio: 250 / 240 },
			{ kind: 'api', name: 'Convert Lead', observedPerDay: 40, days: 1, estimatedPerDay: 20, ratio: 2 },
			{ kind: 'api', name: 'Get Blueprint', observedPerDay: 3, days: 1, estimatedPerDay: null, ratio: null },
		];
		const model = panelModel(data);
		assert.equal(model.usage, '≈ 240 (60–248) of 15,000 credits a day (1.6%)');
		assert.deepEqual([model.entries[0].perRun, model.entries[0].perDay], ['≈ 240 (15–62)', '≈ 240 (60–248)']);
		assert.deepEqual(model.observed, [
			// 250 / 240 = 1.04: close enough.
			{ label: 'Entry point sync', estimated: '240', observed: '250', ratio: '×1.04', days: '2', off: false },
			// Twice the estimate: off.
			{ label: 'API Convert Lead', estimated: '20', observed: '40', ratio: '×2', days: '1', off: true },
			// Spent by code the scan did not find.
			{ label: 'API Get Blueprint', estimated: 'not in the code', observed: '3', ratio: '—', days: '1', off: true },
		]);
	});

	test('usage against the allowance, and one bar segment per entry point in proportion to it', () => {
		const model = panelModel(report([entry('convertAll', 'jobs/convert.ts', 480), entry('nightly', 'functions/nightly.dg', 11, 'default')]));
		// 491 / 15,000 = 3.27%.
		assert.equal(model.usage, '491 of 15,000 credits a day (3.3%)');
		assert.equal(model.over, false);
		assert.deepEqual(
			model.segments.map((s) => [s.label, s.width.toFixed(4), s.colour]),
			[
				['convertAll', '3.2000', 0],
				['nightly', '0.0733', 1],
			],
		);
		assert.deepEqual(
			model.entries.map((e) => [e.name, e.perDay, e.share, e.runsAssumed]),
			[
				['convertAll', '480', '3.2%', false],
				['nightly', '11', '0.07%', true],
			],
		);
		assert.equal(model.budget.editionLabel, 'Professional');
		assert.equal(model.editions.length, 5);
	});

	test('over the allowance the bar stands for the use, so the segments fill it', () => {
		const model = panelModel(report([entry('a', 'a.ts', 20000), entry('b', 'b.ts', 10000)]));
		assert.equal(model.usage, '30,000 of 15,000 credits a day (200%)');
		assert.equal(model.over, true);
		// Scale 30,000: 20,000 → 66.67%, 10,000 → 33.33%.
		assert.deepEqual(
			model.segments.map((s) => s.width.toFixed(2)),
			['66.67', '33.33'],
		);
	});

	test('past six entry points the rest share one segment; entry points that spend nothing draw none', () => {
		const entries = [700, 600, 500, 400, 300, 200, 100, 50, 0].map((n, i) => entry(`e${i}`, `e${i}.ts`, n));
		const model = panelModel(report(entries));
		assert.equal(model.segments.length, 7);
		assert.deepEqual([model.segments[6].label, model.segments[6].perDay, model.segments[6].colour], ['2 more entry points', 150, -1]);
		assert.equal(model.entries.length, 9);
	});

	test('files by the credits a day of their entry points, then by what their calls cost a run; files without either are left out', () => {
		const files: JsonReport['files'] = [
			{ path: 'lib/zoho.ts', language: 'typescript', calls: [call(5), call(1)] },
			{ path: 'lib/util.ts', language: 'typescript', calls: [] },
			{ path: 'jobs/convert.ts', language: 'typescript', calls: [call(20)] },
			{ path: 'lib/cheap.ts', language: 'typescript', calls: [call(1)] },
		];
		const model = panelModel(report([entry('convertAll', 'jobs/convert.ts', 480)], files));
		assert.deepEqual(
			model.files.map((f) => [f.path, f.calls, f.perRun, f.perDay]),
			[
				['jobs/convert.ts', 1, '20', '480'],
				['lib/zoho.ts', 2, '6', '0'],
				['lib/cheap.ts', 1, '1', '0'],
			],
		);
	});

	test('findings: errors first, then by place', () => {
		const finding = (severity: 'error' | 'warning' | 'info', path: string, line: number) => ({
			id: 'x',
			severity,
			path,
			line,
			column: 1,
			message: `${severity} at ${line}`,
			related: [],
			fingerprint: `${path}:${line}`,
		});
		const model = panelModel(
			report([], [], [finding('warning', 'a.ts', 2), finding('error', 'b.ts', 9), finding('info', 'a.ts', 1), finding('error', 'a.ts', 5)]),
		);
		assert.deepEqual(
			model.findings.map((f) => `${f.severity} ${f.path}:${f.line}`),
			['error a.ts:5', 'error b.ts:9', 'warning a.ts:2', 'info a.ts:1'],
		);
		assert.equal(model.note, '');
		assert.equal(panelModel({ ...report([]), indexing: true }).note, 'The workspace is still being read: these numbers are not complete yet.');
	});

	test("an entry point's tooltip in the explorer: name, place and explanation are text in its Markdown", () => {
		const row = panelModel(report([entry('![p](https://evil.example/x.png)', 'a.ts`\n## x', 5)])).entries[0];
		assert.equal(entryTooltip(row), '**!\\[p\\](https://evil.example/x.png)** (a.ts\\` ## x:3)\n\n- !\\[p\\](https://evil.example/x.png) explained');
		assert.equal(
			entryTooltip(panelModel(report([entry('nightly', 'jobs/nightly.ts', 5)])).entries[0]),
			'**nightly** (jobs/nightly.ts:3)\n\n- nightly explained',
		);
	});
});

void describe('budget panel header', () => {
	test('says "(assumed)" where the status bar does, names the table in force and when it was read, and explains 1*', () => {
		const assumed = panelModel({ ...report([entry('sync', 'sync.ts', 240, 'default')]), budgetAssumed: true, tableDated: 'read 2026-11-25' });
		// The fixture's budget: Professional, 10 users, the seed table's 15,000.
		assert.equal(assumed.budgetLine, 'Professional (assumed), 10 users, seed table (read 2026-11-25): 15,000 credits a day.');
		assert.match(assumed.runsNote ?? '', /^1\* is an assumed count: nothing states how often that code runs, so it is counted once a day\./);
		const configured = panelModel({ ...report([entry('sync', 'sync.ts', 240)]), budgetAssumed: false });
		assert.equal(configured.budgetLine, 'Professional, 10 users, seed table: 15,000 credits a day.');
		assert.equal(configured.runsNote, undefined);
	});
});
