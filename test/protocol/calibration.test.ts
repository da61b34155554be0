import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { type ImportCalibrationResult, ServerCommands } from '../../shared/protocol';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { Server } from './harness';

// Convert Lead for each of two leads.
const SCRIPT = 'for each p in {1,2}\n{\n  zoho.crm.convertLead(p, Map());\n}';

const APIS = JSON.stringify({
	__apis: [
		{
			path: '/crm/v8/Leads/{id}/actions/convert',
			operation_types: [{ method: 'POST', oauth_scope: 'ZohoCRM.modules.leads.CREATE', min_credits: 7, max_credits: 7 }],
		},
	],
});

void describe('calibration through the editor: importing the org API list and observed usage', () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-calibrate-'));
	writeFileSync(join(dir, 'zoho-credits.json'), JSON.stringify({ edition: 'professional', users: 10 }));
	writeFileSync(join(dir, 'convert.dg'), SCRIPT);
	const uri = pathToFileURL(join(dir, 'convert.dg')).toString();
	let server: Server;
	const importFile = (args: unknown) =>
		server.connection.sendRequest(ExecuteCommandRequest.type, {
			command: ServerCommands.importCalibration,
			arguments: [args],
		}) as Promise<ImportCalibrationResult>;
	const hoverText = async () => {
		const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 12 } });
		return (hover!.contents as { value: string }).value;
	};
	before(async () => {
		server = new Server();
		await server.initialize(undefined, { folders: [dir] });
		await server.open(uri, 'deluge', SCRIPT);
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	test("an imported API list is stored in .zoho-credits/ and prices the calls at once, citing the org's list", async () => {
		assert.match(await hoverText(), /\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
		const result = await importFile({ kind: 'apis', fileName: 'apis-response.json', text: APIS, folder: pathToFileURL(dir).toString() });
		assert.equal(result.summary, "1 operation of your org's API list");
		assert.equal(result.written, pathToFileURL(join(dir, '.zoho-credits', 'apis.json')).toString());
		assert.equal(JSON.parse(readFileSync(join(dir, '.zoho-credits', 'apis.json'), 'utf8')).apis[0].min, 7);
		const text = await hoverText();
		assert.match(text, /\*\*Zoho CRM: Convert Lead\*\*: 7 credits per call/);
		assert.match(text, /Credit figure: from your org’s API list \(\d{4}-\d{2}-\d{2}\): `\/crm\/v8\/Leads\/\{id\}\/actions\/convert`, 7 credits/);
	});

	test('observed usage comes back in the workspace report beside the estimate', async () => {
		await importFile({ kind: 'usage', fileName: 'usage.csv', text: 'api,credits,date\nConvert Lead,28,2026-11-24\n' });
		const { report } = await server.connection.sendRequest(workspaceReportRequest);
		// 7 credits × 2 leads × 1 run a day = 14 estimated; 28 observed.
		assert.equal(report.totals.perDay, 14);
		assert.deepEqual(report.observed, [{ kind: 'api', name: 'Convert Lead', observedPerDay: 28, days: 1, estimatedPerDay: 14, ratio: 2 }]);
	});

	test('a malformed file is refused with its problems, and nothing is written', async () => {
		await assert.rejects(importFile({ kind: 'apis', fileName: 'broken.json', text: '{"__apis": [{"path": "/crm/v8/Leads"}]}' }), (error: Error) => {
			assert.equal(error.message, 'broken.json was not imported:\n  __apis[0].operation_types: expected a list, not undefined.');
			return true;
		});
		await assert.rejects(importFile({ kind: 'plans', fileName: 'x', text: '' }), /needs a kind/);
		assert.equal(JSON.parse(readFileSync(join(dir, '.zoho-credits', 'apis.json'), 'utf8')).source, 'apis-response.json');
		assert.equal(existsSync(join(dir, '.zoho-credits', 'broken.json')), false);
		// The server answers as before.
		assert.match(await hoverText(), /7 credits per call/);
	});
});

void describe('calibration through the editor never writes through a symbolic link', () => {
	test('an API list linked to a file outside the workspace is refused, and that file is left as it was', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-calibrate-link-'));
		const outside = join(mkdtempSync(join(tmpdir(), 'zcl-outside-')), 'precious.json');
		writeFileSync(outside, 'not yours');
		mkdirSync(join(dir, '.zoho-credits'));
		symlinkSync(outside, join(dir, '.zoho-credits', 'apis.json'));
		const server = new Server();
		try {
			await server.initialize(undefined, { folders: [dir] });
			await assert.rejects(
				server.connection.sendRequest(ExecuteCommandRequest.type, {
					command: ServerCommands.importCalibration,
					arguments: [{ kind: 'apis', fileName: 'apis-response.json', text: APIS }],
				}),
				(error: Error) => {
					assert.equal(
						error.message,
						`${join(dir, '.zoho-credits', 'apis.json')} is a symbolic link; a calibration file is never written through one. Nothing was imported: remove the link and import again.`,
					);
					return true;
				},
			);
			assert.equal(readFileSync(outside, 'utf8'), 'not yours');
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});
});
