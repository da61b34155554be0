import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import {
	CancellationTokenSource,
	DidChangeTextDocumentNotification,
	DidChangeWatchedFilesNotification,
	FileChangeType,
	HoverRequest,
	InlayHintRequest,
} from 'vscode-languageserver-protocol/node';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { ROOT, Server } from './harness';

const ready = (s: { quiescent: boolean; message: string; usage?: unknown }) => s.quiescent && s.usage !== undefined && !s.message.startsWith('Indexing');

async function withServer(dir: string, run: (server: Server) => Promise<void>): Promise<void> {
	const server = new Server();
	try {
		await server.initialize(undefined, { folders: [dir] });
		await run(server);
	} finally {
		assert.equal(await server.shutdown(), 0, server.stderr);
	}
}

/** Waits until `check` holds, polling, or fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 10000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

void describe('the server survives bad input and bad timing', () => {
	test('typing a file character by character: every prefix is analysed, and the whole file ends with its findings', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-typing-'));
		const text = readFileSync(join(ROOT, 'examples', 'deluge', 'convert_hot_leads.dg'), 'utf8');
		const uri = pathToFileURL(join(dir, 'typed.dg')).toString();
		await withServer(dir, async (server) => {
			await server.open(uri, 'deluge', '');
			let version = 1;
			for (let end = 1; end <= text.length; end++) {
				await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
					textDocument: { uri, version: ++version },
					contentChanges: [{ text: text.slice(0, end) }],
				});
				// Asking for hints makes the server analyse this very prefix (diagnostics wait for typing to pause).
				const hints = await server.connection.sendRequest(InlayHintRequest.type, {
					textDocument: { uri },
					range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
				});
				assert.ok(Array.isArray(hints));
			}
			await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
				textDocument: { uri, version: ++version },
				contentChanges: [{ text }],
			});
			const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.version === version && p.diagnostics.length === 2);
			assert.deepEqual(
				diagnostics.map((d) => d.code),
				['call-in-loop', 'heavy-call-in-loop'],
			);
			assert.equal(server.stderr, '');
		});
	});

	test('binary and oversized files are skipped with a note in the log; a symbolic link loop ends', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-skips-'));
		writeFileSync(join(dir, 'blob.js'), Buffer.from([0x66, 0x00, 0x01, 0x02]));
		writeFileSync(join(dir, 'huge.dg'), 'x'.repeat(2 * 1024 * 1024 + 1));
		writeFileSync(join(dir, 'ok.dg'), 'zoho.crm.getRecords("Leads");\n');
		mkdirSync(join(dir, 'sub'));
		symlinkSync(dir, join(dir, 'sub', 'loop'));
		await withServer(dir, async (server) => {
			const status = await server.status(ready, 20000);
			// ok.dg once (not again through the loop): Get Records, 1 credit a day.
			assert.equal(status.usage!.perDay, 1);
			const { report } = await server.connection.sendRequest(workspaceReportRequest);
			assert.deepEqual(
				report.files.map((f) => f.path),
				['ok.dg'],
			);
			assert.ok(server.logs.includes(`Skipped ${join(dir, 'blob.js')}: binary file.`), server.logs.join('\n'));
			assert.ok(server.logs.includes(`Skipped ${join(dir, 'huge.dg')}: larger than 2 MB.`), server.logs.join('\n'));
		});
	});

	test('a team file and observed usage linked to /dev/zero, and a 300 MB source file, are refused unread; the server goes on', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-devices-'));
		const script = 'for each p in {1,2}\n{\n  zoho.crm.convertLead(p, Map());\n}';
		writeFileSync(join(dir, 'convert.dg'), script);
		symlinkSync('/dev/zero', join(dir, 'zoho-credits.json'));
		mkdirSync(join(dir, '.zoho-credits'));
		symlinkSync('/dev/zero', join(dir, '.zoho-credits', 'usage.json'));
		const uri = pathToFileURL(join(dir, 'convert.dg')).toString();
		await withServer(dir, async (server) => {
			const { diagnostics } = await server.diagnosticsFor(pathToFileURL(join(dir, 'zoho-credits.json')).toString(), (p) => p.diagnostics.length > 0);
			assert.deepEqual(
				diagnostics.map((d) => [d.code, d.message]),
				[
					['config-file', 'zoho-credits.json is not a regular file; it is not read.'],
					['config-not-applied', 'zoho-credits.json has 1 problem: editor settings and defaults are in force until it is fixed.'],
				],
			);
			await server.open(uri, 'deluge', script);
			const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 12 } });
			// Convert Lead, 5 credits, for each of 2 leads, with the built-in catalog.
			assert.match((hover!.contents as { value: string }).value, /\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
			assert.ok(server.logs.includes(`${join(dir, '.zoho-credits', 'usage.json')} is not a regular file; it is not read.`), server.logs.join('\n'));
			assert.deepEqual(
				server.shownMessages.map((m) => m.message),
				[`Zoho Credit Lens: ${join(dir, '.zoho-credits', 'usage.json')} is not a regular file; it is not read.`],
			);
			await server.status(ready, 20000);
			// A source file that grows to 300 MB (sparse: no data is written) while the editor watches.
			const big = join(dir, 'big.ts');
			writeFileSync(big, '');
			truncateSync(big, 300 * 1024 * 1024);
			await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
				changes: [{ uri: pathToFileURL(big).toString(), type: FileChangeType.Created }],
			});
			await until(() => server.logs.includes(`Skipped ${big}: larger than 2 MB.`), 'the note on big.ts');
			const again = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 12 } });
			assert.match((again!.contents as { value: string }).value, /Convert Lead/);
		});
	});

	test('files deleted while the workspace is read leave nothing behind', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-deleted-'));
		for (let i = 0; i < 400; i++) writeFileSync(join(dir, `f${i}.dg`), `zoho.crm.getRecords("Leads");\n`);
		await withServer(dir, async (server) => {
			// Half of them go at once, while the index is being built.
			for (let i = 0; i < 400; i += 2) rmSync(join(dir, `f${i}.dg`));
			await server.status(ready, 30000);
			const { report } = await server.connection.sendRequest(workspaceReportRequest);
			// Whatever was read before a file went, the report holds only files that exist: at most 200, 1 credit each.
			assert.ok(
				report.files.every((f) => Number(/\d+/.exec(f.path)![0]) % 2 === 1),
				report.files.map((f) => f.path).join(' '),
			);
			assert.equal(report.totals.perDay, report.files.length);
			assert.ok(report.files.length <= 200 && report.files.length > 0);
		});
	});

	test('requests cancelled mid-way are answered or refused, and the next one is answered', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-cancel-'));
		const text = readFileSync(join(ROOT, 'examples', 'deluge', 'convert_hot_leads.dg'), 'utf8');
		const uri = pathToFileURL(join(dir, 'c.dg')).toString();
		await withServer(dir, async (server) => {
			await server.open(uri, 'deluge', text);
			const position = { line: 13, character: 20 };
			const answers = await Promise.allSettled(
				Array.from({ length: 30 }, () => {
					// Cancelled as soon as it is sent: the connection sends $/cancelRequest for it.
					const source = new CancellationTokenSource();
					const pending = server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, source.token);
					source.cancel();
					return pending;
				}),
			);
			for (const a of answers) if (a.status === 'rejected') assert.match(String(a.reason), /cancel/i);
			const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
			assert.match((hover!.contents as { value: string }).value, /Convert Lead/);
		});
	});
});
