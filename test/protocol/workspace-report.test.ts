import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
	CodeActionRequest,
	CodeLensRequest,
	ConfigurationRequest,
	DidChangeTextDocumentNotification,
	DidChangeWatchedFilesNotification,
	ExecuteCommandRequest,
	FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { ServerCommands } from '../../shared/protocol';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { Server } from './harness';
import { CONVERT_LEAD_CLIENT as ZOHO } from './fixtures';

const JOB = `import { convertLead } from '../lib/zoho';
// zoho-credits: runs-per-day=24
export async function convertAll(ids: string[]) {
  for (const id of ids.slice(0, 4)) {
    await convertLead(id);
  }
}
`;

const NIGHTLY = `leads = zoho.crm.getRecords("Leads");
for each lead in leads
{
	zoho.crm.updateRecord("Leads", lead.get("id"), {"Rating": "Hot"});
}
`;

void describe('the workspace report behind the budget panel and the status bar', () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-report-'));
	for (const sub of ['lib', 'jobs', 'functions', 'generated']) mkdirSync(join(dir, sub));
	writeFileSync(join(dir, 'lib', 'zoho.ts'), ZOHO);
	writeFileSync(join(dir, 'jobs', 'convert.ts'), JOB);
	writeFileSync(join(dir, 'functions', 'nightly.dg'), NIGHTLY);
	// Excluded by the editor's files.exclude: 500 credits a run that must not count.
	writeFileSync(join(dir, 'generated', 'bulk.ts'), `import axios from 'axios';\nawait axios.post('https://www.zohoapis.com/crm/bulk/v8/write', {});\n`);
	writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ edition: 'professional', users: 10 }));
	const jobUri = pathToFileURL(join(dir, 'jobs', 'convert.ts')).toString();
	let server: Server;
	before(async () => {
		server = new Server();
		server.sections['files.exclude'] = { '**/generated': true, '**/.DS_Store': true, '**/off': false };
		await server.initialize(undefined, { folders: [dir] });
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	// Professional, 10 users, current table: 50,000 + 10 × 500 = 55,000 credits a day.
	// convertAll: Convert Lead 5 credits × 4 ids = 20 per run, × 24 runs (annotation) = 480 a day.
	// nightly.dg: getRecords 1 + updateRecord 1 × 10 (loop bound unknown: default) = 11 per run, once a day.
	test('totals the entry points of TypeScript and Deluge files, skipping files.exclude', async () => {
		const status = await server.status((s) => s.usage !== undefined && s.quiescent);
		assert.equal(status.usage!.perDay, 491);
		assert.equal(status.usage!.shareOfDaily, 491 / 55000);
		assert.equal(status.usage!.entryPoints, 2);
		const { report, uris, assumptions, indexing } = await server.connection.sendRequest(workspaceReportRequest);
		assert.equal(indexing, false);
		assert.deepEqual(
			report.files.map((f) => f.path),
			['functions/nightly.dg', 'jobs/convert.ts', 'lib/zoho.ts'],
		);
		assert.deepEqual(
			report.entryPoints.map((e) => [e.name, e.path, e.line, e.perRun, e.runsPerDay, e.runsSource, e.perDay]),
			[
				['convertAll', 'jobs/convert.ts', 3, 20, 24, 'annotation', 480],
				['functions/nightly.dg (top level)', 'functions/nightly.dg', 1, 11, 1, 'default', 11],
			],
		);
		assert.equal(report.budget.dailyCredits, 55000);
		assert.equal(report.totals.perDay, 491);
		assert.equal(uris['jobs/convert.ts'], jobUri);
		assert.ok(
			assumptions.some((a) => a.startsWith('1 of 2 entry points run once a day')),
			assumptions.join('\n'),
		);
		assert.ok(
			assumptions.some((a) => a.includes('runs 10 times (default): 1 call rests on it')),
			assumptions.join('\n'),
		);
		assert.ok(assumptions[0].startsWith('Edition Professional (from zoho-credits.json) with 10 user licences (from zoho-credits.json)'), assumptions[0]);
	});

	test('an edit in the editor changes the total and the revision', async () => {
		const before = (await server.connection.sendRequest(workspaceReportRequest)).revision;
		await server.open(jobUri, 'typescript', JOB);
		await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri: jobUri, version: 2 },
			contentChanges: [{ text: JOB.replace('runs-per-day=24', 'runs-per-day=48') }],
		});
		// 20 × 48 = 960, + 11.
		const status = await server.status((s) => s.usage?.perDay === 971);
		assert.ok(status.usage!.revision > before);
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		assert.equal(report.entryPoints[0].runsPerDay, 48);
	});

	test('a change on disk to a helper another file calls reprices that file in the report too', async () => {
		// convertLead now also reads the lead: 1 + 5 = 6 credits a call; convertAll 6 × 4 = 24 a run, × 48 = 1,152 a day, + 11.
		writeFileSync(join(dir, 'lib', 'zoho.ts'), ZOHO.replace('  return http.post(', '  await http.get(`/Leads/${id}`);\n  return http.post('));
		await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
			changes: [{ uri: pathToFileURL(join(dir, 'lib', 'zoho.ts')).toString(), type: FileChangeType.Changed }],
		});
		await server.status((s) => s.usage?.perDay === 1163);
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		assert.deepEqual(
			report.entryPoints.map((e) => [e.name, e.perRun, e.perDay]),
			[
				['convertAll', 24, 1152],
				['functions/nightly.dg (top level)', 11, 11],
			],
		);
		// The chain of the wrapper call leads to the helper's first request, the new read on line 4 of the new text.
		const call = report.files.find((f) => f.path === 'jobs/convert.ts')!.calls[0];
		assert.deepEqual(call.chain.at(-1), { path: 'lib/zoho.ts', line: 4, what: 'GET /crm/v8/{module_api_name}/{id}' });
	});

	test('a quick fix adds a Deluge script that runs on its own to zoho-credits.json', async () => {
		const uri = pathToFileURL(join(dir, 'functions', 'nightly.dg')).toString();
		await server.open(uri, 'deluge', NIGHTLY);
		const actions = await server.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri },
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			context: { diagnostics: [] },
		});
		const add = (actions ?? []).find((a) => a.title.startsWith('Add the top level of functions/nightly.dg to zoho-credits.json'));
		assert.ok(add && 'edit' in add, JSON.stringify(actions));
		const configUri = pathToFileURL(join(dir, 'zoho-credits.json')).toString();
		const edits = add.edit!.changes![configUri];
		// The file is {"edition":"professional","users":10}, one line: the list goes in before the closing brace.
		const text = JSON.stringify({ edition: 'professional', users: 10 });
		const edited = edits.reduceRight((t, e) => t.slice(0, e.range.start.character) + e.newText + t.slice(e.range.end.character), text);
		assert.deepEqual(JSON.parse(edited), { edition: 'professional', users: 10, entryPoints: [{ file: 'functions/nightly.dg', runsPerDay: 1 }] });
		await server.close(uri);
	});

	test('Rescan reads files nobody reported', async () => {
		// A second Deluge function, written without a watcher event: 5 credits (Convert Lead) once a day.
		writeFileSync(join(dir, 'functions', 'convert.dg'), 'zoho.crm.convertLead(leadId, {});\n');
		await server.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.rescan, arguments: [] });
		const status = await server.status((s) => s.usage?.perDay === 1168);
		assert.equal(status.usage!.entryPoints, 3);
	});

	test('when files.exclude no longer names a folder, its files are read', async () => {
		// generated/bulk.ts: Bulk Write, 500 credits, once a day.
		server.sections['files.exclude'] = { '**/.DS_Store': true };
		await server.changeSettings({});
		const status = await server.status((s) => s.usage?.perDay === 1668);
		assert.equal(status.usage!.entryPoints, 4);
	});
});

void describe('a document opened while the workspace is being read', () => {
	test('keeps its editor facts: its entry point is in the lenses and the total', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-race-'));
		const file = join(dir, 'convert.dg');
		// Convert Lead 5 credits × 3 literal pages = 15 a run, once a day.
		const text = 'void automation.convert_all()\n{\n\tfor each page in {1, 2, 3}\n\t{\n\t\tzoho.crm.convertLead(page, Map());\n\t}\n}\n';
		writeFileSync(file, text);
		const uri = pathToFileURL(file).toString();
		const server = new Server();
		// An editor that takes its time to answer configuration requests, as an extension host does.
		server.connection.onRequest(ConfigurationRequest.type, async (params) => {
			await new Promise((resolve) => setTimeout(resolve, 300));
			return params.items.map((item) => (item.section === 'zohoCredits' ? {} : null));
		});
		try {
			await server.initialize(undefined, { folders: [dir] });
			await server.open(uri, 'deluge', text);
			const status = await server.status((s) => s.usage !== undefined && s.quiescent && !s.message.startsWith('Indexing'));
			assert.equal(status.usage!.perDay, 15);
			const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
			assert.deepEqual(
				lenses?.map((l) => l.command?.title),
				// The loop's header and the convert, three times each: 6 statements.
				['Zoho CRM: 15 cr/run × 1 run/day (assumed) = 15 cr/day, 0.03% of 55,000', 'Deluge: 6 statements a run of the 200,000 Zoho CRM allows'],
			);
		} finally {
			assert.equal(await server.shutdown(), 0);
		}
	});
});
