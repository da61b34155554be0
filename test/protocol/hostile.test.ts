import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { WorkspaceReportRequest } from '../../server/src/protocol';
import { Server } from './harness';

const ready = (s: { quiescent: boolean; message: string; usage?: unknown }) => s.quiescent && s.usage !== undefined && !s.message.startsWith('Indexing');

/** Each hostile input of the attack pass, as a file of the workspace. */
function hostileFiles(dir: string): void {
	// A 583-byte file of 32 concatenated terms stopped the server for minutes.
	writeFileSync(join(dir, 'concat.ts'), `export const q = ${Array(32).fill('"a"').join(' + ')};\n`);
	// 150 KB of Deluge with an error every two characters blocked it for 20 s.
	writeFileSync(join(dir, 'dense.dg'), `void f(){${'};'.repeat(75_000)}}\n`);
	// 40,000 annotated loops: each looked through every comment.
	writeFileSync(join(dir, 'loops.dg'), `void g(list l) {\n${'// zoho-credits: iterations=2\nfor each x in l { }\n'.repeat(40_000)}}\n`);
	// Nested past every parser, with a Zoho call.
	writeFileSync(join(dir, 'deep.js'), `fetch("https://www.zohoapis.com/crm/v8/Leads/1/actions/convert", { method: "POST" });\nconst n = ${'['.repeat(5000)}${']'.repeat(5000)};\n`);
	writeFileSync(join(dir, 'deep.dg'), `void h() {\n${'{'.repeat(20_000)}zoho.crm.getRecords("Leads");${'}'.repeat(20_000)}\n}\n`);
}

void describe('the server under hostile input', () => {
	test('hovers on another file are answered at once while each hostile input sits in the workspace', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-hostile-'));
		hostileFiles(dir);
		const okText = 'void ok() {\n\tzoho.crm.getRecords("Leads");\n}\n';
		writeFileSync(join(dir, 'ok.dg'), okText);
		const uri = pathToFileURL(join(dir, 'ok.dg')).toString();
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [dir] });
			await server.open(uri, 'deluge', okText);
			// Hovers from the start, through the whole index and report, until the server is quiet.
			const latencies: number[] = [];
			let quiet = false;
			const done = server.status(ready, 60_000).then(() => (quiet = true));
			while (!quiet || latencies.length < 5) {
				const start = performance.now();
				const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 12 } });
				latencies.push(performance.now() - start);
				assert.match(JSON.stringify(hover?.contents), /Get Records/);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			await done;
			latencies.sort((a, b) => a - b);
			const worst = latencies[latencies.length - 1];
			assert.ok(worst < 200, `the slowest of ${latencies.length} hovers took ${Math.round(worst)} ms`);

			// The files nested past what the scanners read are in the report as skipped, the one naming Zoho flagged.
			const { report } = await server.connection.sendRequest(WorkspaceReportRequest.type);
			assert.deepEqual(
				report.skipped.map((s) => [s.path, s.namesZoho]),
				[
					['deep.dg', true],
					['deep.js', true],
				],
			);
		} finally {
			assert.equal(await server.shutdown(), 0, server.stderr);
		}
	});
});
