import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { Server } from './harness';

const ZOHO = `import axios from 'axios';
export async function readLead(id: string) {
  return axios.get('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
`;
// Helpers that name nothing of Zoho CRM, and nothing that matters imports them: the index holds them unread.
const REQUEST = `export async function request(url: string) {
  return fetch(url);
}
`;
const POST = `export async function post(url: string, body: unknown) {
  return fetch(url, { method: 'POST', body: JSON.stringify(body) });
}
`;
const JOB = `import { readLead } from './zoho';
export async function job() {
  await readLead('1');
}
`;
const JOB_THROUGH_REQUEST = `import { request } from './request';
export async function job() {
  for (const id of ['1', '2', '3']) await request('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
`;
const SECOND = `import { post } from './post';
export async function second() {
  for (const name of ['Ada', 'Grace']) await post('https://www.zohoapis.com/crm/v8/Leads', { data: [{ Last_Name: name }] });
}
`;

void describe('files that cannot matter are not read until a change links them to one that does', () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-relevance-'));
	mkdirSync(join(dir, 'src'));
	writeFileSync(join(dir, 'src', 'zoho.ts'), ZOHO);
	writeFileSync(join(dir, 'src', 'request.ts'), REQUEST);
	writeFileSync(join(dir, 'src', 'post.ts'), POST);
	writeFileSync(join(dir, 'src', 'job.ts'), JOB);
	let server: Server;
	before(async () => {
		server = new Server();
		await server.initialize(undefined, { folders: [dir] });
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	// By hand: job() reads one lead, 1 credit a run, once a day.
	test('cold: the report counts the job; the helpers nothing that matters imports are listed with no calls', async () => {
		await server.status((s) => s.usage?.perDay === 1 && s.quiescent);
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		assert.deepEqual(
			report.files.map((f) => [f.path, f.calls.length]),
			[
				['src/job.ts', 1],
				['src/post.ts', 0],
				['src/request.ts', 0],
				['src/zoho.ts', 1],
			],
		);
	});

	// Now job() reads three leads through request(), whose fetch only its caller's URL makes a Get Record:
	// 1 credit × 3 = 3 a day; it counts only if request.ts, unread so far, is read now. readLead(), called
	// by nothing any more, is an entry point of its own: 1. In all, 4.
	test('a change on disk that imports an unread helper has the helper read', async () => {
		writeFileSync(join(dir, 'src', 'job.ts'), JOB_THROUGH_REQUEST);
		await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
			changes: [{ uri: pathToFileURL(join(dir, 'src', 'job.ts')).toString(), type: FileChangeType.Changed }],
		});
		await server.status((s) => s.usage?.perDay === 4 && s.quiescent);
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		assert.deepEqual(
			report.entryPoints.map((e) => [e.name, e.perRun]),
			[
				['job', 3],
				['readLead', 1],
			],
		);
	});

	// An open document links what it imports: second() inserts one lead a call through post(), twice
	// (Create Records, 1 record: 1 credit), 2 a day; with the others, 6.
	test('an open document that imports an unread helper has it read too', async () => {
		const uri = pathToFileURL(join(dir, 'src', 'second.ts')).toString();
		await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
			textDocument: { uri, languageId: 'typescript', version: 1, text: SECOND },
		});
		await server.status((s) => s.usage?.perDay === 6 && s.quiescent);
	});
});
