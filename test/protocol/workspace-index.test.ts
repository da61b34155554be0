import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol/node';
import { renderDiagnostics, renderHints, Server } from './harness';
import { CONVERT_LEAD_CLIENT as ZOHO } from './fixtures';

const JOB = `import { convertLead } from './lib/zoho';
export async function convertAll(ids: string[]) {
  for (const id of ids.slice(0, 4)) {
    await convertLead(id);
  }
}`;

void describe('calls of functions in files that are not open', () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-index-'));
	mkdirSync(join(dir, 'lib'));
	writeFileSync(join(dir, 'lib', 'zoho.ts'), ZOHO);
	const jobUri = pathToFileURL(join(dir, 'job.ts')).toString();
	let server: Server;
	before(async () => {
		server = new Server();
		await server.initialize(undefined, { folders: [dir] });
		await server.status((s) => s.quiescent && s.message !== '' && !s.message.startsWith('Indexing'));
		await server.open(jobUri, 'typescript', JOB);
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	test('the wrapper call is priced from the indexed file: 5 credits × 4 ids', async () => {
		const { diagnostics } = await server.diagnosticsFor(jobUri, (p) => p.diagnostics.length > 0);
		assert.equal(
			renderDiagnostics(JOB, diagnostics),
			`import { convertLead } from './lib/zoho';
export async function convertAll(ids: string[]) {
  for (const id of ids.slice(0, 4)) {
    await convertLead(id);
          ~~~~~~~~~~~ [heavy-call-in-loop] convertLead() (Convert Lead) costs 5 credits a call and runs inside a loop: ×4 = 20 credits per run. Move it out of the loop where the work allows, or check that every iteration needs it.
  }
}`,
		);
		const hints = await server.connection.sendRequest(InlayHintRequest.type, {
			textDocument: { uri: jobUri },
			range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
		});
		assert.equal(renderHints(JOB, hints ?? []).split('\n')[3], '    await convertLead(id); /* ×4 → 20 cr/run */');
	});

	test('hover shows the chain to the real request', async () => {
		const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: jobUri }, position: { line: 3, character: 12 } });
		const value = (hover!.contents as { value: string }).value;
		assert.ok(value.startsWith('**Zoho CRM through `convertLead()`**: 5 credits each time it runs'), value);
		assert.ok(value.includes('`convertLead()` (zoho.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (zoho.ts)'), value);
	});

	test('a change on disk to the called file reprices the call', async () => {
		// The wrapper now also reads the lead first: 1 + 5 = 6 credits a call, × 4 = 24.
		writeFileSync(join(dir, 'lib', 'zoho.ts'), ZOHO.replace('  return http.post(', '  await http.get(`/Leads/${id}`);\n  return http.post('));
		await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
			changes: [{ uri: pathToFileURL(join(dir, 'lib', 'zoho.ts')).toString(), type: FileChangeType.Changed }],
		});
		const { diagnostics } = await server.diagnosticsFor(jobUri, (p) => p.diagnostics.some((d) => String(d.message).includes('= 24 credits')));
		assert.equal(
			diagnostics[0].message,
			'convertLead() (Convert Lead) costs 6 credits a call and runs inside a loop: ×4 = 24 credits per run. Move it out of the loop where the work allows, or check that every iteration needs it.',
		);
	});
});
