import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { CodeLensRequest, DidChangeTextDocumentNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { Server } from './harness';

const LIB = (body: string) => `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function work(id: string) {
${body}
}
`;
const JOB = `import { work } from './lib';
export async function job(ids: string[]) {
  for (const id of ids.slice(0, 4)) await work(id);
}
`;
const EDITS = [
	"  await zoho.get('/Leads/' + id);",
	"  await zoho.get('/Leads/' + id);\n  await zoho.post('/Leads/' + id + '/actions/convert', {});",
	"  if (id) { await zoho.post('/Leads/' + id + '/actions/convert', {}); } else { await zoho.get('/Deals'); }",
	"  for (const x of [1, 2]) await zoho.post('/Leads/' + x + '/actions/convert', {});",
	"  await zoho.get('/Deals/' + id);\n  await zoho.get('/Contacts/' + id);",
];

function summary(p: PublishDiagnosticsParams): string[] {
	return p.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}:${String(d.message)}`);
}

function workspace(lib: string): { dir: string; libUri: string; jobUri: string } {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-incremental-'));
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'lib.ts'), lib);
	writeFileSync(join(dir, 'job.ts'), JOB);
	return { dir, libUri: pathToFileURL(join(dir, 'lib.ts')).toString(), jobUri: pathToFileURL(join(dir, 'job.ts')).toString() };
}

void describe('incremental analysis', () => {
	test('after a series of edits to a called file, the caller reads as a cold analysis of the final text does', async () => {
		const warm = workspace(LIB(EDITS[0]));
		const server = new Server();
		let final: PublishDiagnosticsParams;
		try {
			await server.initialize(undefined, { folders: [warm.dir] });
			await server.status((s) => s.quiescent && !s.message.startsWith('Indexing'));
			await server.open(warm.jobUri, 'typescript', JOB);
			await server.open(warm.libUri, 'typescript', LIB(EDITS[0]));
			// work(): Get Record 1, × 4 ids.
			await server.diagnosticsFor(warm.jobUri, (p) => summary(p).some((m) => m.includes('1 credit ×4 = 4 credits')));
			for (const [i, body] of EDITS.slice(1).entries()) {
				await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
					textDocument: { uri: warm.libUri, version: i + 2 },
					contentChanges: [{ text: LIB(body) }],
				});
			}
			// The last edit: two reads, 2 credits a call of work(), × 4 ids = 8.
			final = await server.diagnosticsFor(warm.jobUri, (p) => summary(p).some((m) => m.includes('= 8 credits')), 10000);
		} finally {
			await server.shutdown().catch(() => server.kill());
		}
		const cold = workspace(LIB(EDITS[EDITS.length - 1]));
		const fresh = new Server();
		try {
			await fresh.initialize(undefined, { folders: [cold.dir] });
			await fresh.status((s) => s.quiescent && !s.message.startsWith('Indexing'));
			await fresh.open(cold.jobUri, 'typescript', JOB);
			const coldResult = await fresh.diagnosticsFor(cold.jobUri, (p) => p.diagnostics.length > 0);
			assert.deepEqual(summary(final), summary(coldResult));
			assert.deepEqual(summary(coldResult), ['2:call-in-loop:work() runs inside a loop: 2 credits ×4 = 8 credits per run.']);
		} finally {
			await fresh.shutdown().catch(() => fresh.kill());
		}
	});

	test('an intermediate edit is priced too: a loop of two Convert Leads makes each call of work() cost 10', async () => {
		const ws = workspace(LIB(EDITS[3]));
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [ws.dir] });
			await server.status((s) => s.quiescent && !s.message.startsWith('Indexing'));
			await server.open(ws.jobUri, 'typescript', JOB);
			const { diagnostics } = await server.diagnosticsFor(ws.jobUri, (p) => p.diagnostics.length > 0);
			// 2 × Convert Lead 5 = 10 per call of work(), × 4 ids = 40: a heavy call, through work().
			assert.equal(
				diagnostics[0].message,
				'work() (Convert Lead) costs 10 credits a call and runs inside a loop: ×4 = 40 credits per run. Move it out of the loop where the work allows, or check that every iteration needs it.',
			);
		} finally {
			await server.shutdown().catch(() => server.kill());
		}
	});
	test("a document's analysis is kept across edits of others until it reads them, or until its functions come to be called", async () => {
		const ws = workspace(LIB("  await zoho.get('/Leads/' + id);"));
		const idle = `export async function job(ids: string[]) {\n  return ids.length;\n}\n`;
		writeFileSync(join(ws.dir, 'job.ts'), idle);
		const otherUri = pathToFileURL(join(ws.dir, 'other.ts')).toString();
		writeFileSync(join(ws.dir, 'other.ts'), 'export const n = 1;\n');
		const server = new Server();
		/** The title of the lens above work(), once it reads as `expected` (asked again until then: the server redoes it once edits settle). */
		const workLens = async (expected: string): Promise<string> => {
			let title = '';
			for (let i = 0; i < 50; i++) {
				const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: ws.libUri } });
				title = lenses?.find((l) => l.range.start.line === 2)?.command?.title ?? '';
				if (title.startsWith(expected)) return title;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			return title;
		};
		const edit = (uri: string, version: number, text: string) =>
			server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
		try {
			await server.initialize(undefined, { folders: [ws.dir] });
			await server.status((s) => s.quiescent && !s.message.startsWith('Indexing'));
			await server.open(ws.libUri, 'typescript', LIB("  await zoho.get('/Leads/' + id);"));
			await server.open(ws.jobUri, 'typescript', idle);
			await server.open(otherUri, 'typescript', 'export const n = 1;\n');
			// Nothing calls work(): an entry point, a Get Record once a day (assumed).
			assert.match(await workLens('Zoho CRM: 1 cr/run'), /^Zoho CRM: 1 cr\/run × 1 run\/day \(assumed\)/);
			// An edit of a document work() does not read: its analysis holds, and reads the same.
			await edit(otherUri, 2, 'export const n = 2;\n');
			assert.match(await workLens('Zoho CRM: 1 cr/run'), /^Zoho CRM: 1 cr\/run × 1 run\/day \(assumed\)/);
			// job() comes to call work(): work() reads nothing of job.ts, yet it is no longer an entry point but a helper its caller pays.
			await edit(ws.jobUri, 2, JOB);
			assert.equal(await workLens('Zoho CRM: 1 cr per run'), 'Zoho CRM: 1 cr per run of it, paid by its callers');
			// And back.
			await edit(ws.jobUri, 3, idle);
			assert.match(await workLens('Zoho CRM: 1 cr/run'), /^Zoho CRM: 1 cr\/run × 1 run\/day \(assumed\)/);
		} finally {
			await server.shutdown().catch(() => server.kill());
		}
	});
});
