import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { InlayHintRequest } from 'vscode-languageserver-protocol/node';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { renderHints, Server } from './harness';

const SCRIPT = 'for each p in {1,2}\n{\n\tzoho.crm.convertLead(p, Map());\n}\n';

void test('Deluge kept as .txt, named by the deluge globs of zoho-credits.json or by its text, is read on disk and in the editor', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-globs-'));
	writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ deluge: ['**/*.deluge.txt'] }));
	writeFileSync(join(dir, 'convert.deluge.txt'), SCRIPT);
	// Not named by the glob, but its text makes Deluge calls: read as Deluge too.
	writeFileSync(join(dir, 'notes.txt'), SCRIPT);
	// Neither named nor making Deluge calls: plain text, never read.
	writeFileSync(join(dir, 'todo.txt'), 'Ask for the Leads export.\n');
	const server = new Server();
	try {
		await server.initialize(undefined, { folders: [dir] });
		// Convert Lead 5 × 2 = 10 a run, once a day, in each of the two files.
		const status = await server.status((s) => s.usage !== undefined && s.quiescent && !s.message.startsWith('Indexing'));
		assert.equal(status.usage!.perDay, 20);
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		assert.deepEqual(
			report.files.map((f) => [f.path, f.language]),
			[
				['convert.deluge.txt', 'deluge'],
				['notes.txt', 'deluge'],
			],
		);
		const uri = pathToFileURL(join(dir, 'convert.deluge.txt')).toString();
		await server.open(uri, 'plaintext', SCRIPT);
		const hints = await server.connection.sendRequest(InlayHintRequest.type, {
			textDocument: { uri },
			range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
		});
		assert.equal(renderHints(SCRIPT, hints ?? []).split('\n')[2], '\tzoho.crm.convertLead(p, Map()); /* ×2 → 10 cr/run */');
		const notes = pathToFileURL(join(dir, 'notes.txt')).toString();
		await server.open(notes, 'plaintext', SCRIPT);
		const noteHints = await server.connection.sendRequest(InlayHintRequest.type, {
			textDocument: { uri: notes },
			range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
		});
		assert.equal(renderHints(SCRIPT, noteHints ?? []).split('\n')[2], '\tzoho.crm.convertLead(p, Map()); /* ×2 → 10 cr/run */');
		const todo = pathToFileURL(join(dir, 'todo.txt')).toString();
		await server.open(todo, 'plaintext', 'Ask for the Leads export.\n');
		assert.deepEqual(
			await server.connection.sendRequest(InlayHintRequest.type, {
				textDocument: { uri: todo },
				range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
			}),
			[],
		);
	} finally {
		assert.equal(await server.shutdown(), 0);
	}
});
