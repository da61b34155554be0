import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Ten literal pages; each page's leads converted. Without a module size the inner loop runs the default
// 10 times, but the code states a page holds up to 200 records: one run is 10 × (1 + 10 × 5) = 510 at the
// point, 10 × (1 + 200 × 5) = 10,010 at the high end, twice Free's 5,000 credits a day; when each page holds
// a single lead, 10 × (1 + 1 × 5) = 60 at the low end.
const SCRIPT = `void automation.convert_every_page()
{
	for each page in {1,2,3,4,5,6,7,8,9,10}
	{
		leads = zoho.crm.getRecords("Leads", page, 200);
		for each lead in leads
		{
			zoho.crm.convertLead(lead.get("id"), Map());
		}
	}
}
`;

void describe('loop counts carry their high end', () => {
	test('a page loop on the Free edition: 510 at the point, 10,010 at the high end, single-run-exhausts, --fail-on error exits 1', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-ranges-'));
		try {
			writeFileSync(join(dir, 'convert.dg'), SCRIPT);
			const json = cli(['scan', '.', '--format', 'json', '--edition', 'free', '--users', '1', '--fail-on', 'never'], dir);
			assert.equal(json.status, 0, json.stderr);
			const report = JSON.parse(json.stdout);
			assert.deepEqual(
				report.entryPoints.map((e: { perRun: number; low: number; high: number }) => [e.perRun, e.low, e.high]),
				[[510, 60, 10010]],
			);
			assert.deepEqual(
				report.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { id: string; line: number }) => [f.id, f.line]),
				[['single-run-exhausts', 1]],
			);
			assert.equal(cli(['scan', '.', '--edition', 'free', '--users', '1', '--fail-on', 'error'], dir).status, 1);
			// A module size bounds the page: 10 × (1 + 50 × 5) = 2,510 at both ends, within the day.
			writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ edition: 'free', users: 1, moduleSizes: { Leads: 50 } }));
			const sized = JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout);
			assert.deepEqual(
				sized.entryPoints.map((e: { perRun: number; high: number }) => [e.perRun, e.high]),
				[[2510, 2510]],
			);
			assert.equal(cli(['scan', '.', '--fail-on', 'error'], dir).status, 0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('pages through a module of unknown size reach assumedIterations.high', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-ranges-'));
		try {
			// A more_records loop: 10 pages by default; up to 100 (the documented default), or the configured high.
			writeFileSync(
				join(dir, 'pages.ts'),
				`import axios from 'axios';
export async function readAll() {
  let page = 1;
  let more = true;
  while (more) {
    const resp = await axios.get('https://www.zohoapis.com/crm/v8/Deals', { params: { page, per_page: 200 } });
    more = resp.data.info.more_records;
    page++;
  }
}
`,
			);
			const high = (config?: object) => {
				if (config) writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify(config));
				return JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout).entryPoints.map((e: { perRun: number; high: number }) => [e.perRun, e.high]);
			};
			assert.deepEqual(high(), [[10, 100]]);
			assert.deepEqual(high({ assumedIterations: { high: 40 } }), [[10, 40]]);
			// A broken value is refused with its place, and nothing of the file applies.
			writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ assumedIterations: { high: 0 } }));
			assert.equal(cli(['scan', '.'], dir).status, 2);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('a loop over a list of unknown size runs from once to assumedIterations.high, 10 at the point', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-ranges-'));
		try {
			// One Get Record per id: 10 at the point (the default count), 1 when the list holds one id, 100 at
			// the documented high end; with two such loops nested, 1 × 10 × 10 = 100, 1 and 100 × 100 = 10,000.
			writeFileSync(
				join(dir, 'touch.ts'),
				`export async function touch(ids: string[]) {
  for (const id of ids) await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
export async function touchPairs(groups: string[][]) {
  for (const group of groups) for (const id of group) await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
`,
			);
			const ranges = () =>
				JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout).entryPoints.map((e: { name: string; perRun: number; low: number; high: number }) => [
					e.name,
					e.perRun,
					e.low,
					e.high,
				]);
			assert.deepEqual(ranges(), [
				['touchPairs', 100, 1, 10000],
				['touch', 10, 1, 100],
			]);
			// The team's high end: 100 → 30; the nested loops reach 30 × 30 = 900.
			writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ assumedIterations: { high: 30 } }));
			assert.deepEqual(ranges(), [
				['touchPairs', 100, 1, 900],
				['touch', 10, 1, 30],
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
