import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../../server/src/core/analyze-texts';
import { resolveSettings } from '../../../server/src/core/config';

/** An hourly job of 25 deletes a run, run `runs` times a day, and a nightly job using a shared helper. */
function jobs(runs: number, loop = 25): string {
	return `// zoho-credits: runs-per-day=${runs}
export async function hourly() {
  for (let i = 0; i < ${loop}; i++) await fetch('https://www.zohoapis.com/crm/v8/Leads/' + i, { method: 'DELETE' });
}
export async function nightly() {
  await helper();
  await helper();
}
async function helper() {
  await fetch('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert', { method: 'POST' });
}`;
}

function analyse(text: string, settings: Record<string, unknown>) {
	const [analysis] = analyzeWorkspace([{ path: '/jobs.ts', language: 'typescript', text }], resolveSettings([{ values: settings, origin: 'settings' }]));
	return analysis;
}

const FREE = { edition: 'free', users: 1 }; // 5,000 credits a day
const PRO = { edition: 'professional', users: 10, budgetTable: 'seed' }; // the source document's table: 15,000

void describe('entry points and their daily credits', () => {
	test('uncalled functions with their annotated or assumed runs; the shared helper is not an entry point', () => {
		const analysis = analyse(jobs(24), FREE);
		assert.deepEqual(
			analysis.entryPoints.map((e) => [e.name, e.perRun, e.runsPerDay, e.runsSource, e.perDay]),
			[
				// 25 deletes × 24 runs = 600; the helper's Convert Lead (5) twice = 10, once a day (assumed).
				['hourly', 25, 24, 'annotation', 600],
				['nightly', 10, 1, 'default', 10],
			],
		);
	});

	test('the configuration names entry points and their runs, over annotations', () => {
		const analysis = analyse(jobs(24), {
			...FREE,
			entryPoints: [
				{ function: 'hourly', runsPerDay: 2 },
				{ function: 'helper', runsPerDay: 3 },
			],
		});
		assert.deepEqual(
			analysis.entryPoints.map((e) => [e.name, e.perDay, e.runsSource]),
			[
				['hourly', 50, 'settings'],
				['nightly', 10, 'default'],
				// Named in the configuration, so an entry point although nightly calls it.
				['helper', 15, 'settings'],
			],
		);
	});
});

void describe('finding: daily-budget-risk', () => {
	const risk = (text: string, settings: Record<string, unknown>) => analyse(text, settings).findings.filter((f) => f.id === 'daily-budget-risk');

	test('warning from the warning share (50%), error from the error share (100%), on Free; nothing on Professional', () => {
		// 25 × 99 = 2,475 of 5,000: 49.5%, below the warning share.
		assert.deepEqual(risk(jobs(99), FREE), []);
		// 25 × 100 = 2,500: exactly 50%.
		const [warning] = risk(jobs(100), FREE);
		assert.equal(warning.severity, 'warning');
		assert.equal(
			warning.message,
			'hourly spends 2,500 credits a day (25 credits a run × 100 runs a day from the annotation), 50% of the daily 5,000 (Free, 1 user); the warning share is at 50%.',
		);
		// 25 × 200 = 5,000: 100%.
		const [error] = risk(jobs(200), FREE);
		assert.equal(error.severity, 'error');
		assert.match(error.message, /100% of the daily 5,000 .*the error share is at 100%\.$/);
		// On Professional, 5,000 of 15,000 is 33.3%.
		assert.deepEqual(risk(jobs(200), PRO), []);
	});

	test('a point below the warning share whose high end crosses the error share: a warning naming the loop', () => {
		// Ten pages by default, up to 100 (assumedIterations.high): 10 a run at the point, 100 at the high end.
		// × 200 runs: 2,000 a day (13.3% of 15,000, below the warning share), up to 20,000 (133.3%).
		const pages = `// zoho-credits: runs-per-day=200
export async function readAll() {
  let page = 1;
  let more = true;
  while (more) {
    const res = await fetch('https://www.zohoapis.com/crm/v8/Deals?page=' + page + '&per_page=200');
    more = (await res.json()).info.more_records;
    page++;
  }
}`;
		const [high] = risk(pages, PRO);
		assert.equal(high.severity, 'warning');
		assert.equal(
			high.message,
			'readAll spends 2,000 credits a day at the point estimate (10 credits a run × 200 runs a day from the annotation), but can reach 20,000 credits a day, 133.3% of the daily 15,000 (Professional, 10 users) when a loop counted 10 times runs 100 times; the error share is 100%.',
		);
		// The loop is the first related place: its header is on line 5.
		assert.equal(high.related?.[0].message, 'this loop can run 100 times (counted 10)');
		// A high end of 40 keeps the day within the error share: 40 × 200 = 8,000, 53.3%; the point stays below the warning share.
		assert.deepEqual(risk(pages, { ...PRO, assumedIterations: { high: 40 } }), []);
	});

	test('configured thresholds move the boundary', () => {
		// 2,475 of 5,000 is 49.5%: a warning once the warning share is 40%.
		assert.equal(risk(jobs(99), { ...FREE, thresholds: { warning: 0.4, error: 0.9 } })[0]?.severity, 'warning');
	});
});

void describe('finding: single-run-exhausts', () => {
	test('one run costing more than the day holds is an error; on a bigger edition it is not', () => {
		// 6,000 deletes in one run, against Free's 5,000.
		const exhausted = analyse(jobs(1, 6000), FREE).findings.filter((f) => f.id === 'single-run-exhausts');
		assert.deepEqual(
			exhausted.map((f) => [f.severity, f.message]),
			[['error', 'One run of hourly costs 6,000 credits, more than the 5,000 credits the organisation has in a day (Free, 1 user).']],
		);
		assert.deepEqual(
			analyse(jobs(1, 6000), PRO).findings.filter((f) => f.id === 'single-run-exhausts'),
			[],
		);
	});
});

void describe('shared helpers and hover per day', () => {
	test('a helper two entry points share is paid by each; the total counts each entry once', () => {
		const text = `// zoho-credits: runs-per-day=3
export async function a() { await helper(); }
export async function b() { await helper(); await helper(); }
async function helper() { await fetch('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert', { method: 'POST' }); }`;
		const analysis = analyse(text, FREE);
		// a: 5 × 3 runs = 15; b: 10 × 1 = 10; helper is no entry point of its own.
		assert.deepEqual(
			analysis.entryPoints.map((e) => [e.name, e.perDay]),
			[
				['a', 15],
				['b', 10],
			],
		);
		assert.equal(
			analysis.entryPoints.reduce((sum, e) => sum + e.perDay, 0),
			25,
		);
	});
});
