import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { scanFile } from '../../server/src/core/scan/scan-file';
import type { FileFacts } from '../../server/src/core/facts';
import { ScanPool } from '../../server/src/workspace/scan-pool';
import { received, type Result, sent } from '../../server/src/workspace/scan-tasks';

/** The scanner threads' entry as built (`npm run build` or `npm test`'s production build). */
const SCANNER = join(__dirname, '..', '..', '..', 'dist', 'scanner.js');

/** A job module of a few hundred lines: each takes the thread a few milliseconds. */
function job(i: number, reads = 60): string {
	const lines = [`import axios from 'axios';`, `const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });`];
	for (let k = 0; k < reads; k++) lines.push(`export async function read${i}_${k}(id: string) {`, `  return zoho.get('/Leads/' + id);`, `}`);
	return lines.join('\n');
}

/**
 * Runs a test with the event loop held open: the pool's threads do not hold it (the server may exit
 * while they wait for work), so a test awaiting them must.
 */
function held(run: () => Promise<void>): () => Promise<void> {
	return async () => {
		const timer = setInterval(() => undefined, 1000);
		try {
			await run();
		} finally {
			clearInterval(timer);
		}
	};
}

void describe('the scan pool', () => {
	test(
		"an open document is scanned in a thread of its own: it never waits for the workspace's files",
		held(async () => {
			const dir = mkdtempSync(join(tmpdir(), 'zcl-pool-'));
			const pool = new ScanPool(SCANNER, 1);
			try {
				const done: string[] = [];
				const files = Array.from({ length: 30 }, (_, i) => {
					const path = join(dir, `job${i}.ts`);
					writeFileSync(path, job(i));
					return pool.scan(path, 'typescript').then((scanned) => {
						assert.ok('facts' in scanned && scanned.facts.calls.length === 60, `job${i}.ts: 60 reads`);
						done.push(`job${i}`);
					});
				});
				const document = pool.scanDocument('file:///open.dg', 'zoho.crm.getRecords("Deals");\n', 'deluge').then((scanned) => {
					assert.ok('facts' in scanned && scanned.facts.calls.length === 1, 'the document: one read');
					done.push('document');
				});
				await Promise.all([...files, document]);
				// Sent behind thirty files, it comes back before them: the files' thread is still loading TypeScript.
				assert.ok(done.indexOf('document') <= 3, done.join(', '));
				assert.equal(pool.running, 2);
			} finally {
				pool.dispose();
			}
		}),
	);

	test(
		'a thread holding an open document is kept when idle, and stops once the document is closed',
		held(async () => {
			const pool = new ScanPool(SCANNER, 1);
			try {
				// Closing a document no thread holds starts none.
				pool.forgetDocument('file:///never-opened.ts');
				assert.equal(pool.running, 0);
				const first = await pool.scanDocument('file:///open.dg', 'zoho.crm.getRecords("Leads");\n', 'deluge');
				assert.ok('facts' in first && first.facts.calls.length === 1);
				// Past the idle stop (500 ms), the thread stays: it holds the document's parse.
				await sleep(800);
				assert.equal(pool.running, 1);
				pool.forgetDocument('file:///open.dg');
				await sleep(800);
				assert.equal(pool.running, 0);
			} finally {
				pool.dispose();
			}
		}),
	);

	test(
		"a document's next version is scanned from its last parse, with the same facts as a scan from scratch",
		held(async () => {
			const pool = new ScanPool(SCANNER, 1);
			const text = job(1);
			const edited = text.replace("zoho.get('/Leads/' + id)", "zoho.post('/Leads/' + id + '/actions/convert', {})");
			try {
				await pool.scanDocument('file:///job.ts', text, 'typescript');
				const next = await pool.scanDocument('file:///job.ts', edited, 'typescript');
				const fresh = await pool.scanDocument('file:///fresh.ts', edited, 'typescript');
				assert.ok('facts' in next && 'facts' in fresh);
				assert.deepEqual(next.facts, fresh.facts);
				assert.deepEqual(
					next.facts.calls.slice(0, 2).map((c) => `${c.method} ${c.path}`),
					['POST /crm/v8/Leads/{x}/actions/convert', 'GET /crm/v8/Leads/{x}'],
				);
			} finally {
				pool.dispose();
			}
		}),
	);

	test(
		'a file that runs a bounded thread out of memory is scanned again in a thread without the bound',
		held(async () => {
			const dir = mkdtempSync(join(tmpdir(), 'zcl-pool-'));
			// Files' threads bounded at 40 MB: enough for TypeScript and a small file, not for 1.9 MB of reads.
			const pool = new ScanPool(SCANNER, 1, 40);
			const small = join(dir, 'small.ts');
			const large = join(dir, 'large.ts');
			writeFileSync(small, job(0));
			writeFileSync(large, job(1, 22_000));
			try {
				const [first, second, third] = await Promise.all([pool.scan(small, 'typescript'), pool.scan(large, 'typescript'), pool.scan(small, 'typescript')]);
				assert.ok('facts' in first && first.facts.calls.length === 60, JSON.stringify(first));
				assert.ok('facts' in second && second.facts.calls.length === 22_000, 'reason' in second ? second.reason : 'facts');
				// The task queued behind it in the thread that stopped is answered too.
				assert.ok('facts' in third && third.facts.calls.length === 60, JSON.stringify(third));
			} finally {
				pool.dispose();
			}
		}),
	);

	test(
		'facts come back from a thread as they were scanned',
		held(async () => {
			const dir = mkdtempSync(join(tmpdir(), 'zcl-pool-'));
			// A switch whose default arm has no case name: its facts hold a hole JSON would write as null.
			const texts = {
				'plain.ts': job(2),
				'switch.ts': [
					`import axios from 'axios';`,
					`export async function tool(name: string) {`,
					`  switch (name) {`,
					`    case 'leads': return axios.get('https://www.zohoapis.com/crm/v8/Leads');`,
					`    default: return axios.get('https://www.zohoapis.com/crm/v8/Deals');`,
					`  }`,
					`}`,
				].join('\n'),
			};
			const pool = new ScanPool(SCANNER, 1);
			try {
				for (const [name, text] of Object.entries(texts)) {
					writeFileSync(join(dir, name), text);
					const scanned = await pool.scan(join(dir, name), 'typescript');
					assert.ok('facts' in scanned, name);
					assert.deepEqual(scanned.facts, scanFile(text, join(dir, name), 'typescript'), name);
				}
				const here = scanFile(texts['switch.ts'], 'switch.ts', 'typescript');
				assert.deepEqual(here.branches?.find((b) => b.on)?.on?.cases, ['leads', undefined]);
			} finally {
				pool.dispose();
			}
		}),
	);

	test(
		'a document that stops its thread fails alone and is held back; the tasks behind it are scanned',
		held(async () => {
			const dir = mkdtempSync(join(tmpdir(), 'zcl-pool-'));
			// The scanner, except that a thread stops on a document holding CRASH; each thread start is logged.
			const starts = join(dir, 'starts.log');
			const script = join(dir, 'crashing-scanner.js');
			writeFileSync(
				script,
				[
					`const { appendFileSync } = require('node:fs');`,
					`const { parentPort } = require('node:worker_threads');`,
					`appendFileSync(${JSON.stringify(starts)}, 'start\\n');`,
					`const on = parentPort.on.bind(parentPort);`,
					`parentPort.on = (event, listener) => on(event, (task) => (task.document?.text?.includes('CRASH') ? process.exit(3) : listener(task)));`,
					`require(${JSON.stringify(SCANNER)});`,
				].join('\n'),
			);
			const threadsStarted = () => readFileSync(starts, 'utf8').split('\n').filter(Boolean).length;
			const pool = new ScanPool(script, 1);
			try {
				const [crashed, behind] = await Promise.all([
					pool.scanDocument('file:///crash.dg', '// CRASH\nzoho.crm.getRecords("Leads");\n', 'deluge'),
					pool.scanDocument('file:///fine.dg', 'zoho.crm.getRecords("Deals");\n', 'deluge'),
				]);
				assert.ok('reason' in crashed && /exit code 3/.test(crashed.reason), JSON.stringify(crashed));
				assert.ok('facts' in behind && behind.facts.calls.length === 1, JSON.stringify(behind));
				assert.equal(threadsStarted(), 2, 'one thread stopped, one took the document behind it');
				// Typed on within two seconds: answered at once, no thread started to stop again.
				const again = await pool.scanDocument('file:///crash.dg', '// CRASH\nzoho.crm.getRecords("Leads");\n// typed\n', 'deluge');
				assert.ok('reason' in again && /scanned again when it changes, 2 s from now on/.test(again.reason), JSON.stringify(again));
				assert.equal(threadsStarted(), 2);
				// The other document is still scanned meanwhile.
				const other = await pool.scanDocument('file:///fine.dg', 'zoho.crm.getRecords("Deals");\nzoho.crm.getRecords("Leads");\n', 'deluge');
				assert.ok('facts' in other && other.facts.calls.length === 2);
				// After the hold, its next version is scanned again: fixed, it comes back with facts.
				await sleep(2100);
				const fixed = await pool.scanDocument('file:///crash.dg', 'zoho.crm.getRecords("Leads");\n', 'deluge');
				assert.ok('facts' in fixed && fixed.facts.calls.length === 1, JSON.stringify(fixed));
			} finally {
				pool.dispose();
			}
		}),
	);
});

void describe('results crossing threads', () => {
	const facts = (extra: Partial<FileFacts>): Result =>
		({
			facts: { language: 'typescript', calls: [], loops: [], errors: [], ...extra },
			relevance: { language: 'typescript', matters: true, links: { specifiers: [], script: false } },
		}) as unknown as Result;

	test('facts travel as JSON text when JSON carries them unchanged, and read back equal', () => {
		const result = facts({ strings: { base: 'https://www.zohoapis.com/crm/v8' } });
		const done = sent(1, result);
		assert.equal(typeof done.facts, 'string');
		assert.ok(!('facts' in done.result));
		assert.deepEqual(received(done), result);
	});

	test('facts JSON would change travel as they are', () => {
		for (const value of [Infinity, -Infinity, NaN, -0]) {
			const result = facts({ loops: [{ span: { start: 0, end: 1 }, kind: 'for', iterations: value }] as unknown as FileFacts['loops'] });
			const done = sent(2, result);
			assert.equal(done.facts, undefined, String(value));
			assert.deepEqual(received(done), result);
		}
		const holes = facts({ branches: [{ span: { start: 0, end: 9 }, arms: [], on: { param: 'p', cases: ['a', undefined], falls: [false, false] } }] });
		assert.equal(sent(3, holes).facts, undefined);
		// Results without facts pass as they are.
		const unread: Result = { reason: 'not found', missing: true };
		assert.deepEqual(sent(4, unread), { id: 4, result: unread });
	});
});
