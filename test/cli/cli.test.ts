import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { buildMatcher } from '@microsoft/sarif-matcher-utils';
import { markdownSyntax } from '../unit/markdown-syntax';

const ROOT = join(__dirname, '..', '..', '..');

function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
	// A CLI that hangs fails its test (status null) instead of stopping the run.
	const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

void describe('zoho-credits scan', () => {
	test('JSON report of the bundled examples, worked out by hand', () => {
		const { status, stdout, stderr } = cli(['scan', 'examples', '--format', 'json']);
		assert.equal(stderr, '');
		assert.equal(status, 0);
		const report = JSON.parse(stdout);
		assert.equal(report.version, 1);
		assert.deepEqual(report.budget, { edition: 'professional', users: 10, addOnCredits: 0, table: 'current', dailyCredits: 55000, concurrency: 15 });
		assert.deepEqual(
			report.files.map((f: { path: string; language: string; calls: { perRun: number }[] }) => [f.path, f.language, f.calls.map((c) => c.perRun)]),
			[
				// getRecordById 1; getRecords 1 × 3 pages; convertLead 5 × 3 pages × 10 leads (default).
				['examples/deluge/convert_hot_leads.dg', 'deluge', [1, 3, 150]],
				// Each function of the shared client is one request: Get Record 1, Convert Lead 5.
				['examples/node/lib/zoho-client.ts', 'typescript', [1, 5]],
				// The nightly job calls both per lead: 10 leads (default) × 1 and × 5.
				['examples/node/nightly-convert.ts', 'typescript', [10, 50]],
				// 5 literal pages × 1.
				['examples/node/read-deals.js', 'javascript', [5]],
				// upsert per contact × 10 (default); one read; the token request is free.
				['examples/node/sync-contacts.ts', 'typescript', [10, 1]],
			],
		);
		const convert = report.files[0].calls[2];
		assert.deepEqual(convert, {
			line: 14,
			column: 5,
			endLine: 14,
			endColumn: 48,
			api: 'Convert Lead',
			operation: 'POST /crm/v2/Leads/{lead_id}/actions/convert',
			via: 'deluge-task',
			credits: 5,
			multiplier: 30,
			inLoop: true,
			assumed: ['loop at 10: 10 iterations (default)'],
			perRun: 150,
			// Convert Lead's price is fixed; the inner loop goes over one page's records, at least one and up to
			// the 200 a page holds: 5 × 3 × 1 = 15 at the low end, 5 × 3 × 200 = 3,000 at the high end.
			low: 15,
			high: 3000,
			chain: [],
		});
		// The client's requests run only through the nightly job, so they count there, once.
		// The low end: 1 + 3 + 15 (Deluge); each loop over a list of unknown size runs once: 1 + 5 (nightly), 1 + 1
		// (contacts), and the five literal pages. The high end: 1 + 3 + 3,000; those loops run 100 times
		// (assumedIterations.high): 100 + 500, 100 + 1; the five pages.
		assert.deepEqual(report.totals, { perDay: 154 + 60 + 5 + 11, perDayLow: 19 + 6 + 5 + 2, perDayHigh: 3004 + 600 + 5 + 101, shareOfDaily: 230 / 55000 });
		// By API: Convert Lead 150 (Deluge) + 50 (nightly); Get Record 1 + 10; one upsert per contact × 10; Get Records 3 + 5 + 1.
		assert.deepEqual(report.apis, [
			{ api: 'Convert Lead', perDay: 200 },
			{ api: 'Get Record', perDay: 11 },
			{ api: 'Upsert Records', perDay: 10 },
			{ api: 'Get Records', perDay: 9 },
		]);
		const wrapper = report.files[2].calls[1];
		assert.deepEqual(
			[wrapper.via, wrapper.api, wrapper.operation, wrapper.credits, wrapper.multiplier],
			['wrapper', 'convertLead()', 'POST /crm/v8/Leads/{lead_id}/actions/convert', 5, 10],
		);
		assert.deepEqual(wrapper.chain, [
			{ path: 'examples/node/lib/zoho-client.ts', line: 11, what: 'convertLead()' },
			{ path: 'examples/node/lib/zoho-client.ts', line: 12, what: 'POST /crm/v8/Leads/{lead_id}/actions/convert' },
		]);
		assert.deepEqual(
			report.findings.map((f: { id: string; path: string; line: number }) => [f.id, f.path, f.line]),
			[
				['call-in-loop', 'examples/deluge/convert_hot_leads.dg', 9],
				['heavy-call-in-loop', 'examples/deluge/convert_hot_leads.dg', 14],
				['call-in-loop', 'examples/node/nightly-convert.ts', 7],
				// convertLead() reaches Convert Lead: a heavy call, through its helper.
				['heavy-call-in-loop', 'examples/node/nightly-convert.ts', 9],
				['call-in-loop', 'examples/node/read-deals.js', 7],
				['write-in-loop', 'examples/node/sync-contacts.ts', 8],
			],
		);
	});

	test('table format and budget options', () => {
		const { status, stdout } = cli(['scan', 'examples/node', '--edition', 'free', '--users', '3']);
		assert.equal(status, 0);
		const lines = stdout.trimEnd().split('\n');
		// Columns are as wide as their longest cell: a 37-character location such as
		// examples/node/nightly-convert.ts:9:10, Upsert Records among the APIs, and `≈ 50 (5–500)` per run: a loop
		// over a list of unknown size runs 1 to 100 times (assumedIterations.high), 10 at the point.
		assert.equal(lines[0], `${'location'.padEnd(37)}  ${'api'.padEnd(14)}  credits  loops       per run`);
		assert.ok(lines.includes(`${'examples/node/read-deals.js:7:26'.padEnd(37)}  ${'Get Records'.padEnd(14)}        1     ×5             5`), stdout);
		assert.ok(lines.includes(`${'examples/node/nightly-convert.ts:9:10'.padEnd(37)}  ${'convertLead()'.padEnd(14)}        5    ×10  ≈ 50 (5–500)`), stdout);
		// Entry points: convertQualified 60 (6–600), syncContacts 10 (1–100), readDeals 5, firstLeads 1 = 76 (13–706)
		// credits of Free's 5,000 = 1.52%.
		assert.equal(
			lines.at(-1),
			'Total: ≈ 76 (13–706 where prices or loop counts depend on data the code does not show) credits a day from 4 entry points (1 run a day each unless configured) of 5,000 (free, 3 users, current table (read 2026-11-25)): 1.52%',
		);
	});

	test('markdown format: the total, the entry points by credits a day, the assumptions', () => {
		const { status, stdout } = cli(['scan', 'examples/node', '--format', 'markdown', '--edition', 'free', '--users', '3']);
		assert.equal(status, 0);
		const lines = stdout.split('\n');
		assert.equal(lines[0], '# Zoho CRM API credits');
		// 76 (13–706) of Free's 5,000 = 1.52%, shown to one decimal.
		assert.equal(lines[2], '**≈ 76 (13–706) credits a day of 5,000 (1.5%)**: free, 3 users, current table (read 2026-11-25).');
		// 1 + 5 per id when the list holds one, 10 + 50 at the assumed ten, 100 + 500 at a hundred.
		assert.ok(lines.includes('| convertQualified | examples/node/nightly-convert.ts:5 | ≈ 60 (6–600) | 1 (assumed) | ≈ 60 (6–600) | 1.2% |'), stdout);
		assert.ok(lines.includes('- Edition Free (from command line) with 3 user licences (from command line): 5,000 credits a day, at most 5,000.'), stdout);
	});

	test('--fail-on decides the exit code', () => {
		assert.equal(cli(['scan', 'examples', '--fail-on', 'warning']).status, 1);
		assert.equal(cli(['scan', 'examples', '--fail-on', 'error']).status, 0);
		assert.equal(cli(['scan', 'examples', '--fail-on', 'never']).status, 0);
	});

	test('bad usage exits 2 with a clear message and no stack trace', () => {
		for (const [args, message] of [
			[['scan', 'no/such/dir'], /Cannot read .*no\/such\/dir: ENOENT/],
			[['scan', '--edition', 'gold'], /--edition must be one of free, standard, professional, enterprise, ultimate, not "gold"/],
			[['scan', '--users=-3'], /--users must be a whole number, not "-3"/],
			[['scan', '--add-on-credits', '2.5'], /--add-on-credits must be a whole number, not "2.5"/],
			[['scan', '--format', 'xml'], /--format must be one of table, json, sarif, markdown, not "xml"/],
			[['scan', '--base', 'main'], /--base and --max-increase belong to the diff command/],
			[['diff'], /diff needs --base <git ref>/],
			[['explain', 'examples/node/read-deals.js'], /explain takes one <file>:<line>/],
			[['explain', 'examples/nope.ts:3'], /Cannot read examples\/nope.ts: no such file/],
			[['explain', 'README.md:3'], /README.md is not a file the scan reads/],
			[['scan', '--bogus'], /Unknown option '--bogus'/],
			[['frobnicate'], /Unknown command "frobnicate"/],
			[[], /No command given/],
		] as const) {
			const { status, stderr, stdout } = cli([...args]);
			assert.equal(status, 2, args.join(' '));
			assert.match(stderr, message);
			assert.doesNotMatch(stderr, /\n\s+at /);
			assert.equal(stdout, '');
		}
	});

	test('binary and oversized files are skipped with a note; a symlink loop ends', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-'));
		writeFileSync(join(dir, 'blob.js'), Buffer.from([0x66, 0x00, 0x01, 0x02]));
		writeFileSync(join(dir, 'huge.dg'), 'x'.repeat(2 * 1024 * 1024 + 1));
		writeFileSync(join(dir, 'ok.dg'), 'zoho.crm.getRecords("Leads");');
		spawnSync('ln', ['-s', '.', join(dir, 'loop')]);
		const { status, stdout, stderr } = cli(['scan', '.', '--format', 'json'], dir);
		assert.equal(status, 0);
		assert.match(stderr, /skipped .*blob\.js: binary file/);
		assert.match(stderr, /skipped .*huge\.dg: larger than 2 MB/);
		const report = JSON.parse(stdout);
		assert.deepEqual(
			report.files.map((f: { path: string }) => f.path),
			['ok.dg'],
		);
	});

	test('control characters in a file name are shown escaped in the table, the findings and explain', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-control-'));
		// ESC [31m would turn the terminal red; the line break would split the row.
		const name = 'a\u001b[31mred\nb.ts';
		writeFileSync(join(dir, name), "for (const id of ['1', '2']) {\n  await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);\n}\n");
		const shown = 'a\\u001b[31mred\\nb.ts';
		const { status, stdout } = cli(['scan'], dir);
		assert.equal(status, 0);
		assert.ok(!stdout.includes('\u001b'), JSON.stringify(stdout));
		const lines = stdout.split('\n');
		// Get Record, 1 credit × 2 ids = 2 per run, at line 2, column 9.
		assert.equal(lines[1], `${shown}:2:9  Get Record        1     ×2        2`);
		assert.ok(lines.includes(`${shown}:2  warning  Get Record runs inside a loop: 1 credit ×2 = 2 credits per run.  [call-in-loop]`), stdout);
		const explained = cli(['explain', `${name}:2`], dir);
		assert.equal(explained.status, 0, explained.stderr);
		assert.ok(!explained.stdout.includes('\u001b'), JSON.stringify(explained.stdout));
		assert.equal(explained.stdout.split('\n')[0], `${shown}:2`);
	});

	test('explain through a wrapper in a file whose name has a percent sign', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-percent-'));
		writeFileSync(
			join(dir, '100%.ts'),
			"export async function convert(id: string) {\n  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });\n}\n",
		);
		writeFileSync(join(dir, 'job.ts'), "import { convert } from './100%';\nexport async function job() {\n  await convert('1');\n}\n");
		const { status, stdout, stderr } = cli(['explain', 'job.ts:3'], dir);
		assert.equal(stderr, '');
		assert.equal(status, 0);
		assert.ok(stdout.split('\n').includes('`convert()` (100%.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (100%.ts)'), stdout);
	});

	test('explain takes any path scan takes: absolute, and out of the working folder with ../', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-paths-'));
		mkdirSync(join(dir, 'project', 'src'), { recursive: true });
		mkdirSync(join(dir, 'elsewhere'));
		writeFileSync(join(dir, 'project', 'package.json'), '{}');
		writeFileSync(
			join(dir, 'project', 'src', 'zoho.ts'),
			"export async function convert(id: string) {\n  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });\n}\n",
		);
		writeFileSync(join(dir, 'project', 'src', 'job.ts'), "import { convert } from './zoho';\nexport async function job() {\n  await convert('1');\n}\n");
		// The wrapper in the next file is priced: the project (the folder holding package.json) is read whole.
		const wanted = '`convert()` (zoho.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (zoho.ts)';
		for (const [target, cwd] of [
			['../project/src/job.ts:3', join(dir, 'elsewhere')],
			[join(dir, 'project', 'src', 'job.ts') + ':3', ROOT],
			['src/job.ts:3', join(dir, 'project')],
		]) {
			const { status, stdout, stderr } = cli(['explain', target], cwd);
			assert.equal(stderr, '', target);
			assert.equal(status, 0, target);
			assert.ok(stdout.split('\n').includes(wanted), stdout);
		}
	});

	test('findings are listed by file and line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-order-'));
		const loop = (what: string) => `for (const id of ['1', '2']) {\n  await fetch('https://www.zohoapis.com/crm/v8/${what}/' + id);\n}\n`;
		writeFileSync(join(dir, 'b.ts'), `export async function b() {\n${loop('Leads')}${loop('Deals')}}\n`);
		writeFileSync(join(dir, 'a.ts'), `export async function a() {\n${loop('Contacts')}}\n`);
		const report = JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout);
		assert.deepEqual(
			report.findings.map((f: { path: string; line: number }) => `${f.path}:${f.line}`),
			['a.ts:3', 'b.ts:3', 'b.ts:6'],
		);
		const table = cli(['scan', '.'], dir)
			.stdout.split('\n')
			.filter((l) => /^\w\.ts:\d+ /.test(l));
		assert.deepEqual(
			table.map((l) => l.split(' ')[0]),
			['a.ts:3', 'b.ts:3', 'b.ts:6'],
		);
	});

	test('a team file: --config, ./zoho-credits.json, and options that win over it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-config-'));
		writeFileSync(join(dir, 'a.dg'), 'zoho.crm.getRecords("Leads");');
		writeFileSync(join(dir, 'team.json'), JSON.stringify({ edition: 'enterprise', users: 5, budgetTable: 'current' }));
		// Current table, Enterprise: 50,000 + 5 × 1,000 = 55,000; concurrency 20.
		const explicit = JSON.parse(cli(['scan', '.', '--format', 'json', '--config', 'team.json'], dir).stdout);
		assert.deepEqual(explicit.budget, { edition: 'enterprise', users: 5, addOnCredits: 0, table: 'current', dailyCredits: 55000, concurrency: 20 });
		// The file in the working directory is found without --config; --users wins over it: 50,000 + 7,000.
		writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ edition: 'enterprise', users: 5, budgetTable: 'current' }));
		const found = JSON.parse(cli(['scan', '.', '--format', 'json', '--users', '7'], dir).stdout);
		assert.deepEqual([found.budget.users, found.budget.dailyCredits], [7, 57000]);
		// --budget-table on the command line wins too: seed Enterprise 15,000 + 5,000.
		const seed = JSON.parse(cli(['scan', '.', '--format', 'json', '--budget-table', 'seed'], dir).stdout);
		assert.deepEqual([seed.budget.table, seed.budget.dailyCredits], ['seed', 20000]);
		const table = cli(['scan', '.'], dir).stdout;
		assert.match(table, /of 55,000 \(enterprise, 5 users, current table \(read 2026-11-25\)\): 0\.00%/);
	});

	test('a broken or missing team file stops the CLI with every problem and its line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-broken-'));
		writeFileSync(join(dir, 'zoho-credits.json'), '{\n  "edition": "gold",\n  "userz": 3\n}');
		const broken = cli(['scan', '.'], dir);
		assert.equal(broken.status, 2);
		assert.equal(
			broken.stderr,
			[
				`zoho-credits: ${join(dir, 'zoho-credits.json')} has 2 problems:`,
				`  ${join(dir, 'zoho-credits.json')}:2:14: edition must be one of "free", "standard", "professional", "enterprise", "ultimate".`,
				`  ${join(dir, 'zoho-credits.json')}:3:3: Unknown key "userz".`,
				'Run "zoho-credits --help" for usage.',
				'',
			].join('\n'),
		);
		const missing = cli(['scan', '.', '--config', 'nope.json'], dir);
		assert.equal(missing.status, 2);
		assert.match(missing.stderr, /Cannot read --config nope.json: no such file/);
		assert.match(cli(['scan', '.', '--budget-table', 'old'], dir).stderr, /--budget-table must be one of seed, current, not "old"/);
	});

	test("the configuration's Deluge and ignore globs decide which files are scanned, and as what", () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-globs-'));
		mkdirSync(join(dir, 'legacy'));
		writeFileSync(join(dir, 'convert.deluge.txt'), 'for each id in {1, 2}\n{\n  zoho.crm.convertLead(id, Map());\n}');
		writeFileSync(join(dir, 'legacy', 'old.ts'), "fetch('https://www.zohoapis.com/crm/v8/Leads');");
		writeFileSync(join(dir, 'notes.txt'), 'zoho.crm.getRecords("Leads");');
		writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ deluge: ['**/*.deluge.txt'], ignore: ['legacy/**'] }));
		const report = JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout);
		// Convert Lead: 5 credits × 2 ids = 10. notes.txt is not named by the globs, but its text makes a
		// Deluge call, so it is read as Deluge too: Get Records, 1.
		assert.deepEqual(
			report.files.map((f: { path: string; language: string; calls: { perRun: number }[] }) => [f.path, f.language, f.calls.map((c) => c.perRun)]),
			[
				['convert.deluge.txt', 'deluge', [10]],
				['notes.txt', 'deluge', [1]],
			],
		);
	});

	test('--help prints usage and exits 0', () => {
		const { status, stdout } = cli(['--help']);
		assert.equal(status, 0);
		assert.match(stdout, /^Usage:\n {2}zoho-credits scan \[paths\.\.\.\]/);
		assert.match(stdout, /\n {2}zoho-credits diff --base <git ref>/);
		assert.match(stdout, /\n {2}zoho-credits explain <file>:<line>/);
	});

	test('SARIF 2.1.0, valid against its schema: every check a rule, every finding a result at its place', () => {
		const { status, stdout } = cli(['scan', 'examples', '--format', 'sarif']);
		assert.equal(status, 0);
		const log = JSON.parse(stdout);
		const validate = buildMatcher();
		const verdict = validate(log);
		assert.ok(verdict.pass, verdict.message());
		const [run] = log.runs;
		assert.deepEqual(
			run.tool.driver.rules.map((r: { id: string }) => r.id),
			[
				'call-in-loop',
				'concurrency-fan-out',
				'daily-budget-risk',
				'deluge-execution-limit',
				'heavy-call-in-loop',
				'single-run-exhausts',
				'unbounded-loop',
				'write-in-loop',
			],
		);
		// The six warnings of the examples (see the JSON test): Convert Lead in two loops is at line 14, column 5.
		assert.equal(run.results.length, 6);
		const heavy = run.results.find((r: { ruleId: string }) => r.ruleId === 'heavy-call-in-loop');
		assert.equal(heavy.level, 'warning');
		assert.equal(heavy.ruleIndex, 4);
		assert.deepEqual(heavy.locations[0].physicalLocation, {
			artifactLocation: { uri: 'examples/deluge/convert_hot_leads.dg', uriBaseId: '%SRCROOT%' },
			region: { startLine: 14, startColumn: 5 },
		});
		assert.deepEqual(
			heavy.relatedLocations.map((l: { physicalLocation: { region: { startLine: number } } }) => l.physicalLocation.region.startLine),
			[7, 10],
		);
		// 230 credits a day of 55,000.
		assert.equal(run.properties.creditsPerDay, 230);
		// Each result carries the fingerprint diff matches findings by (the JSON report's), all different;
		// %SRCROOT% is the folder the scan ran in.
		const json = JSON.parse(cli(['scan', 'examples', '--format', 'json']).stdout);
		const fingerprints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['zohoCreditLens/v1']);
		assert.deepEqual(
			fingerprints,
			json.findings.map((f: { fingerprint: string }) => f.fingerprint),
		);
		assert.equal(new Set(fingerprints).size, 6);
		for (const f of fingerprints) assert.match(f, /^[0-9a-f]{16}$/);
		assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(ROOT).href}/` } });
		// A log that breaks the schema fails the same check: the validator is not a formality.
		assert.equal(validate({ ...log, version: '2.0' }).pass, false);
	});

	test('explain: the whole reasoning behind the call on a line, as the editor hover gives it', () => {
		const { status, stdout } = cli(['explain', 'examples/deluge/convert_hot_leads.dg:14']);
		assert.equal(status, 0);
		const lines = stdout.split('\n');
		assert.equal(lines[0], 'examples/deluge/convert_hot_leads.dg:14');
		assert.ok(lines.includes('Zoho CRM: Convert Lead: 5 credits per call'), stdout);
		assert.ok(lines.includes('- ×3: loop at line 7, literal list of 3 items'), stdout);
		// 5 × 3 × 10 = 150 a run, once a day: 150 / 55,000 = 0.27%; 5 × 3 × 1 = 15 when each page holds one lead,
		// up to 5 × 3 × 200 = 3,000 when every page is full. The page loop drives the high end.
		assert.ok(
			lines.includes('≈ 150 (15–3,000) credits per run; at 1 run a day (assumed) that is ≈ 150 (15–3,000) credits a day, 0.27% of the daily 55,000 credits.'),
			stdout,
		);
		assert.ok(
			lines.some((l) => l.includes('the loop at line 10 can run up to 200 times (counted 10)')),
			stdout,
		);
		assert.ok(lines.includes('Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25).'), stdout);
		assert.doesNotMatch(stdout, /command:|\*\*/);
		// The entry point's name line explains the entry point: 1 + 1 × 3 + 150 = 154 a run, from 1 + 3 + 15 = 19 up to 1 + 3 + 3,000 = 3,004.
		assert.match(
			cli(['explain', 'examples/deluge/convert_hot_leads.dg:4']).stdout,
			/Entry point `automation.convert_hot_leads`: ≈ 154 \(19–3,004\) credits per run × 1 run a day \(assumed\)/,
		);
		const none = cli(['explain', 'examples/deluge/convert_hot_leads.dg:3']);
		assert.equal(none.status, 2);
		assert.match(none.stderr, /No Zoho CRM call, entry point or loop around calls on examples\/deluge\/convert_hot_leads.dg:3\. Calls are on lines 6, 9, 14\./);
	});

	void describe('diff against a git revision', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-diff-'));
		const git = (...args: string[]) => {
			const result = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: dir, encoding: 'utf8' });
			assert.equal(result.status, 0, result.stderr);
		};
		const job = (ids: string) =>
			`export async function convertAll() {\n  for (const id of [${ids}]) {\n    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });\n  }\n}\n`;
		git('init', '-q');
		writeFileSync(join(dir, 'job.ts'), job("'a', 'b'"));
		git('add', '.');
		git('commit', '-q', '-m', 'base');
		// The working tree: the loop doubles, and a new job reads leads once, in a loop over one module.
		writeFileSync(join(dir, 'job.ts'), job("'a', 'b', 'c', 'd'"));
		writeFileSync(
			join(dir, 'sync.ts'),
			"export async function readLeads() {\n  for (const m of ['Leads']) {\n    await fetch('https://www.zohoapis.com/crm/v8/' + m);\n  }\n}\n",
		);

		test('a pull request comment: the total and each entry point before and after, new and resolved findings', () => {
			const { status, stdout } = cli(['diff', '--base', 'HEAD'], dir);
			assert.equal(status, 0);
			// Convert Lead 5 × 2 = 10 a day before, 5 × 4 = 20 after; readLeads 1 (new). Total 10 → 21 of 55,000.
			assert.equal(
				stdout,
				[
					'## Zoho CRM credits: +11 a day',
					'',
					'10 → 21 credits a day of 55,000 (0.02% → 0.04%), against `HEAD`.',
					'',
					'| Entry point | Where | Before | After | Change |',
					'| --- | --- | ---: | ---: | ---: |',
					'| convertAll | job.ts:1 | 10 | 20 | +10 |',
					'| readLeads (new) | sync.ts:1 |  | 1 | +1 |',
					'',
					// The Convert Lead in convertAll's loop is the same finding with new figures: neither new nor resolved.
					'### New findings (1)',
					'',
					'- **warning** `sync.ts:3` Get Records runs inside a loop: 1 credit ×1 = 1 credit per run. (call-in-loop)',
					'',
				].join('\n'),
			);
		});

		test('exit code by threshold: growth past --max-increase, a new finding at --fail-on', () => {
			assert.equal(cli(['diff', '--base', 'HEAD', '--max-increase', '11'], dir).status, 0);
			assert.equal(cli(['diff', '--base', 'HEAD', '--max-increase', '10'], dir).status, 1);
			assert.equal(cli(['diff', '--base', 'HEAD', '--fail-on', 'warning'], dir).status, 1);
			const json = JSON.parse(cli(['diff', '--base', 'HEAD', '--format', 'json'], dir).stdout);
			assert.deepEqual(json.totals, { before: 10, after: 21, change: 11, shareBefore: 10 / 55000, shareAfter: 21 / 55000 });
			assert.deepEqual(
				json.entryPoints.map((e: { name: string; before: number | null; after: number | null }) => [e.name, e.before, e.after]),
				[
					['convertAll', 10, 20],
					['readLeads', null, 1],
				],
			);
		});

		test("stating a loop's count with the quick fix's annotation makes no finding new or resolved", () => {
			const repo = mkdtempSync(join(tmpdir(), 'zcl-cli-annotated-'));
			const inRepo = (...args: string[]) =>
				assert.equal(spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo, encoding: 'utf8' }).status, 0);
			const body = (annotation: string) =>
				`export async function push(ids: string[]) {\n${annotation}  for (const id of ids) {\n    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);\n  }\n}\n`;
			inRepo('init', '-q');
			writeFileSync(join(repo, 'push.ts'), body(''));
			inRepo('add', '.');
			inRepo('commit', '-q', '-m', 'base');
			writeFileSync(join(repo, 'push.ts'), body('  // zoho-credits: iterations=10\n'));
			const json = JSON.parse(cli(['diff', '--base', 'HEAD', '--format', 'json'], repo).stdout);
			// The finding moved a line down and lost its "(assumed)"; its fingerprint did not change.
			assert.deepEqual([json.newFindings, json.resolvedFindings], [[], []]);
			const after = JSON.parse(cli(['scan', '.', '--format', 'json'], repo).stdout);
			assert.deepEqual(
				after.findings.map((f: { line: number; message: string }) => [f.line, f.message]),
				[[4, 'Get Record runs inside a loop: 1 credit ×10 = 10 credits per run.']],
			);
		});

		test('two commits: the second against the first, with a clean working tree', () => {
			git('add', '.');
			git('commit', '-q', '-m', 'double the loop, read leads');
			assert.equal(spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).stdout, '');
			const json = JSON.parse(cli(['diff', '--base', 'HEAD~1', '--format', 'json'], dir).stdout);
			assert.deepEqual(json.totals, { before: 10, after: 21, change: 11, shareBefore: 10 / 55000, shareAfter: 21 / 55000 });
			assert.equal(json.base, 'HEAD~1');
			// Against itself nothing changed.
			assert.match(cli(['diff', '--base', 'HEAD'], dir).stdout, /^## Zoho CRM credits: no change\n/);
		});

		test('a committed file name cannot forge a heading in the comment or hide the rest of it', () => {
			const repo = mkdtempSync(join(tmpdir(), 'zcl-cli-forged-'));
			const inRepo = (...args: string[]) =>
				assert.equal(spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo, encoding: 'utf8' }).status, 0);
			inRepo('init', '-q');
			writeFileSync(join(repo, 'README.md'), 'base\n');
			inRepo('add', '.');
			inRepo('commit', '-q', '-m', 'base');
			const forged = 'a.ts`\n\n## Zoho CRM credits: no change\n\n<!-- \n.ts';
			writeFileSync(join(repo, forged), "await fetch('https://www.zohoapis.com/crm/v8/Leads');\n");
			const { status, stdout } = cli(['diff', '--base', 'HEAD'], repo);
			assert.equal(status, 0);
			// One Get Records a day from the file's top level: +1.
			assert.deepEqual(
				stdout.split('\n').filter((line) => line.startsWith('## ')),
				['## Zoho CRM credits: +1 a day'],
			);
			assert.ok(!markdownSyntax(stdout).includes('<!--'), stdout);
			assert.ok(
				stdout.includes(
					'| a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts (top level) (new) | a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts:1 |  | 1 | +1 |',
				),
				stdout,
			);
		});

		test('a revision that does not exist, or no repository, is bad input (exit 2)', () => {
			const bad = cli(['diff', '--base', 'no-such-branch'], dir);
			assert.equal(bad.status, 2);
			assert.match(bad.stderr, /"no-such-branch" is not a revision of this repository/);
			const outside = mkdtempSync(join(tmpdir(), 'zcl-cli-nogit-'));
			const none = cli(['diff', '--base', 'HEAD'], outside);
			assert.equal(none.status, 2);
			assert.match(none.stderr, /is not inside a git repository/);
		});
	});
});

void describe('zoho-credits calibrate', () => {
	const NIGHTLY = `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
// zoho-credits: runs-per-day=2
export async function nightly() {
  for (const id of ['1', '2', '3']) {
    await zoho.post(\`/Leads/\${id}/actions/convert\`, {});
  }
}
`;

	function workspace(): string {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-calibrate-'));
		writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ edition: 'professional', users: 10 }));
		writeFileSync(join(dir, 'nightly.ts'), NIGHTLY);
		return dir;
	}
	const perDay = (dir: string) => JSON.parse(cli(['scan', '--format', 'json'], dir).stdout).totals.perDay;

	test('the org API list is stored next to the team file and prices the next scan', () => {
		const dir = workspace();
		// Convert Lead: 5 credits × 3 ids × 2 runs a day.
		assert.equal(perDay(dir), 30);
		writeFileSync(
			join(dir, 'apis-response.json'),
			JSON.stringify({
				__apis: [
					{
						path: '/crm/v8/Leads/{id}/actions/convert',
						operation_types: [{ method: 'POST', oauth_scope: 'ZohoCRM.modules.leads.CREATE', min_credits: 7, max_credits: 7 }],
					},
				],
			}),
		);
		const result = cli(['calibrate', '--apis', 'apis-response.json'], dir);
		assert.equal(result.stderr, '');
		assert.equal(result.status, 0);
		assert.equal(result.stdout, "Wrote .zoho-credits/apis.json: 1 operation of your org's API list.\n");
		const stored = JSON.parse(readFileSync(join(dir, '.zoho-credits', 'apis.json'), 'utf8'));
		assert.match(stored.importedAt, /^\d{4}-\d{2}-\d{2}$/);
		assert.deepEqual([stored.source, stored.apis], ['apis-response.json', [{ method: 'POST', path: '/crm/v8/Leads/{id}/actions/convert', min: 7, max: 7 }]]);
		// The org says 7: 7 × 3 × 2.
		assert.equal(perDay(dir), 42);
	});

	test('observed usage beside the estimate in the table, with the ratio', () => {
		const dir = workspace();
		writeFileSync(join(dir, 'usage.csv'), 'entry_point,api,credits,date\nnightly,,40,2026-11-20\nnightly,,50,2026-11-21\n,Get Blueprint,3,2026-11-21\n');
		assert.equal(cli(['calibrate', '--usage', 'usage.csv'], dir).stdout, 'Wrote .zoho-credits/usage.json: 3 observations of credits used.\n');
		const { status, stdout } = cli(['scan'], dir);
		assert.equal(status, 0);
		// (40 + 50) / 2 days = 45 observed against 30 estimated: ×1.5.
		assert.match(
			stdout,
			/Estimated against observed credits a day\n +estimated +observed +ratio +over\nentry point nightly +30 +45 +×1\.5 +2 days\nAPI Get Blueprint +not in the code +3 +— +1 day\n/,
		);
		const report = JSON.parse(cli(['scan', '--format', 'json'], dir).stdout);
		assert.deepEqual(report.observed[0], { kind: 'entry-point', name: 'nightly', observedPerDay: 45, days: 2, estimatedPerDay: 30, ratio: 1.5 });
		// --usage compares with another file without storing it.
		writeFileSync(join(dir, 'other.json'), JSON.stringify([{ entryPoint: 'nightly', credits: 60 }]));
		assert.deepEqual(JSON.parse(cli(['scan', '--format', 'json', '--usage', 'other.json'], dir).stdout).observed, [
			{ kind: 'entry-point', name: 'nightly', observedPerDay: 60, days: 1, estimatedPerDay: 30, ratio: 2 },
		]);
		assert.equal(JSON.parse(readFileSync(join(dir, '.zoho-credits', 'usage.json'), 'utf8')).rows.length, 3);
	});

	test('a calibration file or folder that is a symbolic link is refused, and what it leads to is left as it was', () => {
		const dir = workspace();
		const outside = mkdtempSync(join(tmpdir(), 'zcl-cli-outside-'));
		writeFileSync(join(outside, 'precious.json'), 'not yours');
		writeFileSync(join(dir, 'usage.csv'), 'entry_point,credits,date\nnightly,40,2026-11-20\n');
		mkdirSync(join(dir, '.zoho-credits'));
		symlinkSync(join(outside, 'precious.json'), join(dir, '.zoho-credits', 'usage.json'));
		const file = cli(['calibrate', '--usage', 'usage.csv'], dir);
		assert.equal(file.status, 2);
		assert.equal(
			file.stderr,
			`zoho-credits: ${join(dir, '.zoho-credits', 'usage.json')} is a symbolic link; a calibration file is never written through one. Nothing was imported: remove the link and import again.\nRun "zoho-credits --help" for usage.\n`,
		);
		assert.equal(readFileSync(join(outside, 'precious.json'), 'utf8'), 'not yours');
		// The folder itself as a link.
		rmSync(join(dir, '.zoho-credits'), { recursive: true });
		symlinkSync(outside, join(dir, '.zoho-credits'));
		const folder = cli(['calibrate', '--usage', 'usage.csv'], dir);
		assert.equal(folder.status, 2);
		assert.match(folder.stderr, /^zoho-credits: .*\/\.zoho-credits is a symbolic link; a calibration file is never written through one\./);
		assert.deepEqual(readdirSync(outside), ['precious.json']);
		// A real folder is written to, and nothing else is left in it.
		rmSync(join(dir, '.zoho-credits'));
		assert.equal(cli(['calibrate', '--usage', 'usage.csv'], dir).status, 0);
		assert.deepEqual(readdirSync(join(dir, '.zoho-credits')), ['usage.json']);
		assert.equal(JSON.parse(readFileSync(join(dir, '.zoho-credits', 'usage.json'), 'utf8')).rows.length, 1);
	});

	test('malformed input is refused, nothing is written, and a broken stored file stops the scan', () => {
		const dir = workspace();
		writeFileSync(join(dir, 'usage.csv'), 'entry_point,credits\nnightly,many\n');
		const refused = cli(['calibrate', '--usage', 'usage.csv'], dir);
		assert.equal(refused.status, 2);
		assert.equal(
			refused.stderr,
			'zoho-credits: usage.csv was not imported:\n  line 2: credits must be a number ≥ 0, not "many".\nRun "zoho-credits --help" for usage.\n',
		);
		assert.equal(existsSync(join(dir, '.zoho-credits', 'usage.json')), false);
		assert.equal(cli(['calibrate'], dir).status, 2);
		assert.match(cli(['scan', '--apis', 'x.json'], dir).stderr, /--apis belongs to the calibrate command/);
		mkdirSync(join(dir, '.zoho-credits'));
		writeFileSync(join(dir, '.zoho-credits', 'apis.json'), '{"__apis": [');
		const broken = cli(['scan'], dir);
		assert.equal(broken.status, 2);
		assert.match(broken.stderr, /^zoho-credits: \.zoho-credits\/apis\.json: The API list is not JSON: /);
	});
});

void describe('files that are not what they seem', () => {
	test('a symbolic link leading outside the scanned folder is skipped with a note; one inside is read once', () => {
		const base = mkdtempSync(join(tmpdir(), 'zcl-cli-links-'));
		const ws = join(base, 'ws');
		mkdirSync(join(ws, 'src'), { recursive: true });
		mkdirSync(join(base, 'outside'));
		writeFileSync(join(base, 'outside', 'leak.dg'), 'zoho.crm.getRecords("Leads");');
		writeFileSync(join(ws, 'src', 'a.dg'), 'zoho.crm.getRecords("Deals");');
		symlinkSync('../outside', join(ws, 'out-link'));
		symlinkSync('src', join(ws, 'z-alias'));
		const { status, stdout, stderr } = cli(['scan', '--format', 'json'], ws);
		assert.equal(status, 0);
		assert.equal(
			stderr,
			`zoho-credits: skipped ${join(ws, 'out-link')}: symbolic link leading outside the scanned folder, to ${join(realpathSync(base), 'outside')}\n`,
		);
		const report = JSON.parse(stdout);
		// Get Records once, from src/a.dg: 1 credit a day.
		assert.deepEqual(
			report.files.map((f: { path: string }) => f.path),
			['src/a.dg'],
		);
		assert.equal(report.totals.perDay, 1);
	});

	test('a team file nested 5,000 levels deep is refused at the place it gets too deep, without a stack trace', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-deep-'));
		writeFileSync(join(dir, 'a.dg'), 'zoho.crm.getRecords("Leads");');
		writeFileSync(join(dir, 'zoho-credits.json'), `{\n  "ignore": ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`);
		const { status, stdout, stderr } = cli(['scan'], dir);
		assert.equal(status, 2);
		assert.equal(stdout, '');
		// Line 2 is `  "ignore": [[[…`: its brackets start at column 13 and open levels 2, 3, …; level 65 is at column 13 + 63.
		assert.equal(
			stderr,
			[
				`zoho-credits: ${join(dir, 'zoho-credits.json')} has 1 problem:`,
				`  ${join(dir, 'zoho-credits.json')}:2:76: JSON: nested more than 64 levels deep; no setting needs that many, so the file is not read.`,
				'Run "zoho-credits --help" for usage.',
				'',
			].join('\n'),
		);
	});

	test('a team file or a calibration file linked to /dev/zero stops the CLI with the reason, unread', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cli-device-'));
		writeFileSync(join(dir, 'a.dg'), 'zoho.crm.getRecords("Leads");');
		symlinkSync('/dev/zero', join(dir, 'zoho-credits.json'));
		const config = cli(['scan'], dir);
		assert.equal(config.status, 2);
		assert.equal(
			config.stderr,
			`zoho-credits: ${join(dir, 'zoho-credits.json')}: zoho-credits.json is not a regular file; it is not read.\nRun "zoho-credits --help" for usage.\n`,
		);
		rmSync(join(dir, 'zoho-credits.json'));
		mkdirSync(join(dir, '.zoho-credits'));
		symlinkSync('/dev/zero', join(dir, '.zoho-credits', 'usage.json'));
		const usage = cli(['scan'], dir);
		assert.equal(usage.status, 2);
		assert.equal(
			usage.stderr,
			`zoho-credits: ${join(dir, '.zoho-credits', 'usage.json')} is not a regular file; it is not read.\nRun "zoho-credits --help" for usage.\n`,
		);
		rmSync(join(dir, '.zoho-credits', 'usage.json'));
		symlinkSync('/dev/zero', join(dir, 'observed.csv'));
		const given = cli(['scan', '--usage', 'observed.csv'], dir);
		assert.equal(given.status, 2);
		assert.equal(given.stderr, 'zoho-credits: observed.csv is not a regular file; it is not read.\nRun "zoho-credits --help" for usage.\n');
	});
});
