import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { Server } from './harness';

const SCRIPT = 'for each p in {1,2}\n{\n  zoho.crm.convertLead(p, Map());\n}';

function workspace(config?: string): { dir: string; configUri: string; scriptUri: string } {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-team-'));
	if (config !== undefined) writeFileSync(join(dir, 'zoho-credits.json'), config);
	return { dir, configUri: pathToFileURL(join(dir, 'zoho-credits.json')).toString(), scriptUri: pathToFileURL(join(dir, 'convert.dg')).toString() };
}

async function budgetLineOf(server: Server, uri: string): Promise<string> {
	const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 12 } });
	const value = (hover!.contents as { value: string }).value;
	return value.split('\n').find((l) => l.startsWith('Budget:')) ?? value;
}

void describe('team configuration: zoho-credits.json at the workspace root', () => {
	const ws = workspace(JSON.stringify({ edition: 'enterprise', users: 40 }));
	let server: Server;
	before(async () => {
		server = new Server();
		// Editor settings the team file overrides (edition, users) or completes (add-ons).
		server.settings = { edition: 'free', users: 3, addOnCredits: 100 };
		await server.initialize(undefined, { folders: [ws.dir] });
		await server.open(ws.scriptUri, 'deluge', SCRIPT);
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	test('the team file wins over editor settings, which fill what it leaves out', async () => {
		// Enterprise (current table): 50,000 + 40 × 1,000 + 100 add-on credits = 90,100.
		const status = await server.status((s) => s.edition === 'enterprise' && s.dailyCredits === 90100);
		assert.deepEqual([status.users, status.budgetAssumed, status.editionOrigin, status.health], [40, false, 'from zoho-credits.json', 'ok']);
		assert.equal(
			await budgetLineOf(server, ws.scriptUri),
			'Budget: Enterprise/Zoho One (from zoho-credits.json), 40 users (from zoho-credits.json), 100 add-on credits (from settings), current table (read 2026-11-25).',
		);
	});

	test('a broken edit is reported in the file, and the last good configuration stays in force', async () => {
		const broken = '{\n  "edition": "gold",\n  "users": 40\n}';
		await server.open(ws.configUri, 'json', broken);
		const { diagnostics } = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.length > 0);
		assert.deepEqual(
			diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.code, d.message]),
			[
				[1, 13, 1, 'config-schema', 'edition must be one of "free", "standard", "professional", "enterprise", "ultimate".'],
				[0, 0, 3, 'config-not-applied', 'zoho-credits.json has 1 problem: the last good version of this file stays in force until it is fixed.'],
			],
		);
		const status = await server.status((s) => s.health === 'warning');
		assert.equal(status.message, 'zoho-credits.json has 1 problem; the last good configuration is in force.');
		assert.match(await budgetLineOf(server, ws.scriptUri), /^Budget: Enterprise\/Zoho One \(from zoho-credits.json\), 40 users/);
	});

	test('fixing the file applies it as it is typed', async () => {
		await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri: ws.configUri, version: 2 },
			contentChanges: [{ text: '{ "edition": "standard", "users": 10, "budgetTable": "current" }' }],
		});
		const { diagnostics } = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.length === 0);
		assert.deepEqual(diagnostics, []);
		// Current table, Standard: 50,000 + 10 × 250 + 100 = 52,600.
		const status = await server.status((s) => s.edition === 'standard' && s.health === 'ok');
		assert.deepEqual([status.table, status.dailyCredits], ['current', 52600]);
	});

	test('closing the file without saving returns to the file on disk', async () => {
		await server.close(ws.configUri);
		await server.status((s) => s.edition === 'enterprise' && s.dailyCredits === 90100);
	});

	test('a change on disk is picked up through watched-file events', async () => {
		writeFileSync(join(ws.dir, 'zoho-credits.json'), JSON.stringify({ edition: 'ultimate', users: 100 }));
		await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.configUri, type: FileChangeType.Changed }] });
		// Ultimate (current table): 50,000 + 100 × 2,000 + 100 = 250,100, no maximum.
		await server.status((s) => s.edition === 'ultimate' && s.dailyCredits === 250100);
		assert.equal(
			await budgetLineOf(server, ws.scriptUri),
			'Budget: Ultimate/CRM Plus (from zoho-credits.json), 100 users (from zoho-credits.json), 100 add-on credits (from settings), current table (read 2026-11-25).',
		);
	});

	test('deleting the file falls back to settings and defaults', async () => {
		writeFileSync(join(ws.dir, 'zoho-credits.json'), '');
		await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.configUri, type: FileChangeType.Changed }] });
		const { diagnostics } = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.length > 0);
		assert.match(String(diagnostics[0].message), /The file is empty/);
	});
});

void describe('team configuration in an editor that validates the schema itself', () => {
	test('only what the schema cannot say is reported, so nothing shows twice', async () => {
		const ws = workspace('{"edition": "gold", "thresholds": {"warning": 0.9, "error": 0.5}}');
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [ws.dir], initializationOptions: { clientValidatesConfigSchema: true } });
			const { diagnostics } = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.length > 0);
			// The schema error (gold) is the editor's to show; the note on what is in force is ours.
			assert.deepEqual(
				diagnostics.map((d) => d.code),
				['config-not-applied'],
			);
			const status = await server.status((s) => s.health === 'warning');
			assert.equal(status.message, 'zoho-credits.json has 1 problem; defaults are in force.');
			assert.equal(status.budgetAssumed, true);
			await server.open(ws.configUri, 'json', '{"thresholds": {"warning": 0.9, "error": 0.5}}');
			const semantic = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.some((d) => d.code === 'config-semantic'));
			assert.equal(semantic.diagnostics[0].message, 'thresholds.warning (0.9) must be below thresholds.error (0.5).');
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});

	test('with no team file and no settings, the budget is assumed and says how to set it', async () => {
		const ws = workspace();
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [ws.dir] });
			await server.open(ws.scriptUri, 'deluge', SCRIPT);
			const status = await server.status((s) => s.budgetAssumed && s.quiescent);
			assert.equal(status.message, 'Ready. Edition and users are assumed: nothing configures them.');
			assert.equal(
				await budgetLineOf(server, ws.scriptUri),
				'Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25). [Set edition and users](command:zohoCredits.selectEdition)',
			);
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});
});

void describe('a team file nested too deeply to read', () => {
	test('is refused where it gets too deep; the last good configuration stays in force and hovers are answered', async () => {
		const ws = workspace(JSON.stringify({ edition: 'enterprise', users: 40 }));
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [ws.dir] });
			await server.open(ws.scriptUri, 'deluge', SCRIPT);
			// Enterprise (current table): 50,000 + 40 × 1,000 = 90,000.
			await server.status((s) => s.edition === 'enterprise' && s.dailyCredits === 90000);
			writeFileSync(join(ws.dir, 'zoho-credits.json'), `{"ignore": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
			await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.configUri, type: FileChangeType.Changed }] });
			const { diagnostics } = await server.diagnosticsFor(ws.configUri, (p) => p.diagnostics.length > 0);
			// `{"ignore": ` is 11 characters and the object is level 1: level 65 opens at the 64th bracket, character 11 + 63.
			assert.deepEqual(
				diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
				[
					[0, 74, 'config-semantic', 'JSON: nested more than 64 levels deep; no setting needs that many, so the file is not read.'],
					[0, 0, 'config-not-applied', 'zoho-credits.json has 1 problem: the last good version of this file stays in force until it is fixed.'],
				],
			);
			assert.match(await budgetLineOf(server, ws.scriptUri), /^Budget: Enterprise\/Zoho One \(from zoho-credits.json\), 40 users \(from zoho-credits.json\)/);
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});
});
