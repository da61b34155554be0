import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

/** The CLI in a folder; a run that takes longer than `timeout` is killed (status null) and fails the test. */
function cli(args: string[], cwd: string, timeout = 30_000): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-hostile-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

/** A JavaScript file that converts 1,000 leads (5,000 credits a run) and holds an array nested 800 levels deep. */
const HIDDEN_CONVERT = `async function run(ids) {
  for (let i = 0; i < 1000; i++) {
    await fetch("https://www.zohoapis.com/crm/v8/Leads/" + ids[i] + "/actions/convert", { method: "POST" });
  }
}
const nested = ${'['.repeat(800)}${']'.repeat(800)};
run([]);
`;

void describe('zoho-credits under hostile input', () => {
	test('a 32-term string concatenation is scanned at once (it took minutes)', () => {
		const dir = workspace({ 'q.ts': `export const q = ${Array(32).fill('"a"').join(' + ')};\nfetch("https://www.zohoapis.com/crm/v8/Deals");\n` });
		const { status, stdout } = cli(['scan', '.', '--format', 'json'], dir);
		assert.equal(status, 0);
		assert.deepEqual(
			JSON.parse(stdout).files[0].calls.map((c: { api: string; line: number }) => [c.api, c.line]),
			[['Get Records', 2]],
		);
	});

	test('300 KB of Deluge with an error every two characters is scanned at once (100 KB took 14 s, 200 KB 35 s)', () => {
		const dir = workspace({ 'dense.dg': `void f(){${'};'.repeat(150_000)}}\n` });
		const { status, stdout } = cli(['scan', '.', '--format', 'json'], dir);
		assert.equal(status, 0);
		assert.deepEqual(JSON.parse(stdout).files, [{ path: 'dense.dg', language: 'deluge', calls: [] }]);
	});

	test('a file nested too deeply is reported in every format, and --fail-on warning fails on it', () => {
		const dir = workspace({ 'hidden.js': HIDDEN_CONVERT, 'ok.dg': 'zoho.crm.getRecords("Leads");' });
		const json = cli(['scan', '.', '--format', 'json'], dir);
		assert.equal(json.status, 0);
		assert.deepEqual(JSON.parse(json.stdout).skipped, [
			{ path: 'hidden.js', reason: 'nests too deeply to be read (hundreds or thousands of levels)', namesZoho: true },
		]);

		const table = cli(['scan', '.'], dir);
		assert.equal(table.status, 0);
		assert.match(
			table.stdout,
			/^hidden\.js {2}not analysed: nests too deeply to be read \(hundreds or thousands of levels\) {2}warning {2}the file names Zoho CRM: its calls are missing from the estimate$/m,
		);

		const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif'], dir).stdout);
		assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications, [
			{
				level: 'warning',
				message: {
					text: 'Not analysed: nests too deeply to be read (hundreds or thousands of levels). The file names Zoho CRM: its calls are missing from the estimate.',
				},
				locations: [{ physicalLocation: { artifactLocation: { uri: 'hidden.js', uriBaseId: '%SRCROOT%' } } }],
			},
		]);

		const markdown = cli(['scan', '.', '--format', 'markdown'], dir).stdout;
		assert.match(
			markdown,
			/^## Not analysed \(1\)\n\n- \*\*warning\*\* `hidden\.js` nests too deeply to be read \(hundreds or thousands of levels\): the file names Zoho CRM, its calls are missing from the estimate$/m,
		);

		// The gate: at warning it fails; the only finding-free way past it is to make the file readable.
		assert.equal(cli(['scan', '.', '--fail-on', 'warning'], dir).status, 1);
		assert.equal(cli(['scan', '.', '--fail-on', 'never'], dir).status, 0);
	});

	test('a deeply nested file that names no Zoho API is listed but fails no gate', () => {
		const dir = workspace({ 'data.js': `module.exports = ${'['.repeat(800)}${']'.repeat(800)};\n` });
		const { status, stdout } = cli(['scan', '.', '--format', 'json', '--fail-on', 'warning'], dir);
		assert.equal(status, 0);
		assert.deepEqual(JSON.parse(stdout).skipped, [
			{ path: 'data.js', reason: 'nests too deeply to be read (hundreds or thousands of levels)', namesZoho: false },
		]);
	});

	test('a team file glob of seventeen brace pairs is refused at once (forty files took 20 s)', () => {
		const dir = workspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.dg`, 'zoho.crm.getRecords("Leads");'])));
		writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ ignore: ['{a,b}'.repeat(17)] }));
		const { status, stderr } = cli(['scan', '.'], dir);
		assert.equal(status, 2);
		assert.match(stderr, /zoho-credits\.json:1:12: ignore\[0\] expands to 131,072 patterns; at most 1,024 are read: write fewer brace groups\./);
	});

	test('figures past the limits are refused with the limit, from the options and from the team file', () => {
		const dir = workspace({ 'a.dg': 'zoho.crm.getRecords("Leads");' });
		const users = cli(['scan', '.', '--users', '9'.repeat(400)], dir);
		assert.equal(users.status, 2);
		assert.match(users.stderr, /--users must be at most 1,000,000, not a number of 400 digits\./);
		const addOn = cli(['scan', '.', '--add-on-credits', '2000000000'], dir);
		assert.equal(addOn.status, 2);
		assert.match(addOn.stderr, /--add-on-credits must be at most 1,000,000,000, not 2,000,000,000\./);

		writeFileSync(join(dir, 'zoho-credits.json'), '{"users": 1e308, "entryPoints": [{"file": "a.dg", "runsPerDay": 1e308}]}');
		const config = cli(['scan', '.'], dir);
		assert.equal(config.status, 2);
		assert.match(config.stderr, /zoho-credits\.json:1:11: users must be at most 1,000,000\./);
		assert.match(config.stderr, /zoho-credits\.json:1:65: entryPoints\[0\]\.runsPerDay must be at most 10,000,000\./);
		assert.doesNotMatch(config.stdout + config.stderr, /Infinity|null/);
	});
});
