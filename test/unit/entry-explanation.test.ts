import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FileAnalysis } from '../../server/src/core/analysis';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { resolveSettings } from '../../server/src/core/config';
import { entryExplanation } from '../../server/src/core/explain';
import { buildReport } from '../../server/src/core/report';
import { hover } from '../../server/src/lsp/views/hover';

const PRO = { edition: 'professional', users: 10 }; // 50,000 + 500 × 10 = 55,000 credits a day (the current table)

const HOURLY = `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
async function fetchLead(id: string) { return zoho.get('/Leads/' + id); }
// zoho-credits: runs-per-day=24
export async function hourly(hot: boolean) {
  for (const id of ['a', 'b', 'c']) {
    await fetchLead(id);
  }
  if (hot) {
    await zoho.post('/Leads/1/actions/convert', {});
  } else {
    await zoho.get('/Deals');
  }
}
export async function walk(depth: number) {
  for (let i = 0; i < 4; i++) await zoho.get('/Contacts');
  if (depth > 0) await walk(depth - 1);
}
`;

function analyse(files: Record<string, string>, settings: Record<string, unknown> = PRO): FileAnalysis[] {
	return analyzeWorkspace(
		Object.entries(files).map(([path, text]) => ({ path, language: 'typescript' as const, text })),
		resolveSettings([{ values: settings, origin: 'settings' }]),
	);
}

function explanation(analysis: FileAnalysis, name: string): string[] {
	const entry = analysis.entryPoints.find((e) => e.name === name);
	assert.ok(entry, `${name} is an entry point`);
	return entryExplanation(entry, analysis.lines, analysis.budget);
}

void describe('entry point explanations', () => {
	test('the total, each costly call with its loop and where its count came from, and the branch left out', () => {
		const [analysis] = analyse({ '/w/jobs.ts': HOURLY });
		// fetchLead: Get Record 1 × 3 ids = 3; the if takes Convert Lead (5) over Get Records (1): 8 a run.
		// × 24 runs (annotation) = 192 a day, 192 / 55,000 = 0.35%.
		assert.deepEqual(explanation(analysis, 'hourly'), [
			'8 credits per run × 24 runs a day (from the annotation) = 192 credits a day, 0.35% of the daily 55,000.',
			'line 7: fetchLead(), 1 credit ×3 (loop at line 6: literal array of 3 items) = 3 credits',
			'line 10: Convert Lead, 5 credits',
			'line 12: Get Records, 1 credit (not counted: another branch costs more)',
			'Of each if/else, only the dearest branch is counted.',
		]);
		const hourly = analysis.entryPoints.find((e) => e.name === 'hourly')!;
		assert.equal(hourly.assumed, false, 'every count is read from the code and the runs from the annotation');
	});

	test('a function calling itself: the inner call is listed, not counted, and the recursion is said', () => {
		const [analysis] = analyse({ '/w/jobs.ts': HOURLY });
		// walk: 4 Get Records a run; the recursive call adds nothing. Once a day, assumed: 4 / 55,000 = 0.007%.
		assert.deepEqual(explanation(analysis, 'walk'), [
			'4 credits per run × 1 run a day (assumed) = 4 credits a day, 0.007% of the daily 55,000.',
			'line 16: Get Records, 1 credit ×4 (loop at line 16: literal bound: i from 0 while i < 4) = 4 credits',
			'line 17: walk(), 4 credits (not counted: a call of itself; one run is counted, not one per level)',
			'A function on this path calls itself: the recursive call is counted once, not once per level (assumed).',
		]);
		assert.equal(analysis.entryPoints.find((e) => e.name === 'walk')!.assumed, true);
	});

	test('the report carries the same lines, and the runs source; hover on the entry point name shows them too', () => {
		const analyses = analyse({ '/w/jobs.ts': HOURLY });
		const report = buildReport([{ path: 'jobs.ts', analysis: analyses[0] }], analyses[0].budget);
		const hourly = report.entryPoints.find((e) => e.name === 'hourly')!;
		assert.equal(hourly.runsSource, 'annotation');
		assert.equal(hourly.assumed, false);
		assert.deepEqual(hourly.explanation, explanation(analyses[0], 'hourly'));
		const offset = HOURLY.indexOf('hourly(') + 2;
		const markdown = String((hover(analyses[0], offset)?.contents as { value: string }).value);
		assert.ok(markdown.startsWith('**Entry point `hourly`**: 8 credits per run × 24 runs a day (from the annotation) = 192 credits a day'), markdown);
		assert.ok(markdown.includes('\n- line 12: Get Records, 1 credit (not counted: another branch costs more)\n'), markdown);
		assert.equal(hover(analyses[0], HOURLY.indexOf('fetchLead(id: string)') + 2), null, 'a called helper is no entry point');
	});

	test('across files: a job in one file priced through a helper in another, with its loops', () => {
		const [, job] = analyse({
			'/w/lib.ts': `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function convertAll(ids: string[]) {
  for (const id of ids) await zoho.post('/Leads/' + id + '/actions/convert', {});
}
`,
			'/w/job.ts': `import { convertAll } from './lib';
export async function nightly(pending: string[][]) {
  for (const batch of [1, 2]) await convertAll(pending[batch]);
}
`,
		});
		// convertAll: Convert Lead 5 × 10 ids (default, assumed) = 50, from 5 × 1 to 5 × 100 (assumedIterations.high);
		// nightly: 50 × 2 batches = 100 a day (1 run, assumed), from 10 to 1,000.
		assert.deepEqual(explanation(job, 'nightly'), [
			'≈ 100 (10–1,000) credits per run × 1 run a day (assumed) = ≈ 100 (10–1,000) credits a day, 0.18% of the daily 55,000.',
			"The range: what the calls cost where the records, a LIMIT, how far a loop can run or your org's list leave it open, 10 at the fewest and 1,000 at the most per run.",
			'line 3: convertAll(), 50 credits ×2 (loop at line 3: literal array of 2 items) = ≈ 100 (10–1,000) credits',
		]);
	});
});
