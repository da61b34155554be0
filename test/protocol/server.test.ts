import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	CodeActionRequest,
	CodeLensRequest,
	DidChangeTextDocumentNotification,
	ExecuteCommandRequest,
	HoverRequest,
	InlayHintRequest,
} from 'vscode-languageserver-protocol/node';
import { ServerCommands } from '../../shared/protocol';
import { MINIMAL_CAPABILITIES, renderDiagnostics, renderHints, renderLenses, Server } from './harness';

const DELUGE = `void automation.convert()
{
  for each p in {1,2,3}
  {
    leads = zoho.crm.getRecords("Leads", p, 200);
    for each l in leads
    {
      zoho.crm.convertLead(l.get("id"), Map());
    }
  }
}`;

const TS = `export async function push(ids: string[]) {
  for (const id of ids) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
    await fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST' });
  }
  await fetch('https://accounts.zoho.com/oauth/v2/token', { method: 'POST' });
}`;

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

void describe('language server over stdio (full client)', () => {
	let server: Server;
	before(async () => {
		server = new Server();
		await server.initialize();
	});
	after(async () => {
		assert.equal(await server.shutdown(), 0);
	});

	test('initialize advertises hover, inlay hints and incremental sync', () => {
		const caps = server.initializeResult!.capabilities;
		assert.equal(caps.hoverProvider, true);
		assert.equal(caps.inlayHintProvider, true);
		assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
		assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
		assert.equal(caps.textDocumentSync, 2);
		assert.equal(server.initializeResult!.serverInfo?.name, 'zoho-credit-lens');
	});

	test('the status notification reports the default budget', async () => {
		const status = await server.status(() => true);
		assert.deepEqual(
			[status.health, status.edition, status.editionLabel, status.users, status.table, status.tableDated, status.dailyCredits],
			['ok', 'professional', 'Professional', 10, 'current', 'read 2026-11-25', 55000],
		);
	});

	test('Deluge: diagnostics for calls in loops, with the loops as related information', async () => {
		const uri = 'file:///ws/convert.dg';
		await server.open(uri, 'deluge', DELUGE);
		const { diagnostics, version } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
		assert.equal(version, 1);
		// getRecords: 1 × 3 (literal list) = 3; convertLead: 5 × 3 × 10 (default) = 150.
		assert.equal(
			renderDiagnostics(DELUGE, diagnostics),
			`void automation.convert()
{
  for each p in {1,2,3}
  {
    leads = zoho.crm.getRecords("Leads", p, 200);
            ~~~~~~~~~~~~~~~~~~~ [call-in-loop] Get Records runs inside a loop: 1 credit ×3 = 3 credits per run.
    for each l in leads
    {
      zoho.crm.convertLead(l.get("id"), Map());
      ~~~~~~~~~~~~~~~~~~~~ [heavy-call-in-loop] Convert Lead costs 5 credits a call and runs inside a loop: ×3 ×10 (assumed) = 150 credits per run. Move it out of the loop where the work allows, or check that every iteration needs it.
    }
  }
}`,
		);
		assert.deepEqual(
			diagnostics[1].relatedInformation!.map((r) => [r.location.range.start.line, r.message]),
			[
				[2, 'This loop runs 3 times: literal list of 3 items.'],
				[
					5,
					'This loop runs 10 times: default of 10 iterations: the records of one page of Leads, whose size is not configured (moduleSizes); 1 to 200 (the page size).',
				],
			],
		);
		assert.equal(diagnostics[1].source, 'Zoho Credit Lens');
		assert.equal(diagnostics[1].codeDescription?.href, 'https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html');
	});

	test('Deluge: inlay hints at the end of costly lines', async () => {
		const hints = await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: 'file:///ws/convert.dg' }, range: WHOLE });
		assert.equal(
			renderHints(DELUGE, hints ?? []),
			`void automation.convert()
{
  for each p in {1,2,3}
  {
    leads = zoho.crm.getRecords("Leads", p, 200); /* ×3 → 3 cr/run */
    for each l in leads
    {
      zoho.crm.convertLead(l.get("id"), Map()); /* ×30 → ≈ 150 (15–3,000) cr/run */
    }
  }
}`,
		);
	});

	test('Deluge: hover on convertLead names the API, its 5 credits, the loops and the share', async () => {
		const hover = await server.connection.sendRequest(HoverRequest.type, {
			textDocument: { uri: 'file:///ws/convert.dg' },
			position: { line: 7, character: 16 },
		});
		const value = (hover!.contents as { value: string }).value;
		assert.match(value, /^\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
		assert.ok(value.includes('- ×3: loop at line 3, literal list of 3 items'), value);
		assert.ok(
			value.includes(
				'- ×10: loop at line 6, default of 10 iterations: the records of one page of Leads, whose size is not configured (moduleSizes); 1 to 200 (the page size) (assumed)',
			),
			value,
		);
		// 150 / 55,000 = 0.27%; 5 × 3 × 1 = 15 with one lead a page, 5 × 3 × 200 = 3,000 with full pages.
		assert.ok(
			value.includes(
				'**≈ 150 (15–3,000) credits per run**; at 1 run a day (assumed) that is ≈ 150 (15–3,000) credits a day, 0.27% of the daily 55,000 credits.',
			),
			value,
		);
		assert.ok(value.includes('the loop at line 6 can run up to 200 times (counted 10)'), value);
		assert.ok(
			value.includes(
				'Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25). [Set edition and users](command:zohoCredits.selectEdition)',
			),
			value,
		);
		const none = await server.connection.sendRequest(HoverRequest.type, {
			textDocument: { uri: 'file:///ws/convert.dg' },
			position: { line: 0, character: 2 },
		});
		assert.equal(none, null);
		// This client sent no explainCommand: a flagged call hovers whole, with no link it could not follow.
		assert.doesNotMatch(value, /explainCall/);
	});

	test("explain: the whole reasoning behind the call at a place, for the short hover's link", async () => {
		const text = await server.connection.sendRequest('zohoCreditLens/explain', { uri: 'file:///ws/convert.dg', offset: DELUGE.indexOf('convertLead') });
		assert.equal(typeof text, 'string');
		assert.match(text as string, /^\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
		assert.ok((text as string).includes('- ×3: loop at line 3, literal list of 3 items'), text as string);
		assert.equal(await server.connection.sendRequest('zohoCreditLens/explain', { uri: 'file:///ws/convert.dg', offset: 0 }), null);
	});

	test('Deluge: the function lens counts the statements a run executes against Zoho CRM’s limit', async () => {
		const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: 'file:///ws/convert.dg' } });
		// The page loop's header 3 times, `leads =` 3; in the lead loop its header and the convert, 3 × 10 each at the
		// point (3 × 1 at the low end, 3 × 200 at the high end): 66 (12–1,206) statements, no function calls.
		assert.ok(
			lenses?.some((l) => l.range.start.line === 0 && l.command?.title === 'Deluge: ≈ 66 (12–1,206) statements a run of the 200,000 Zoho CRM allows'),
			JSON.stringify(lenses?.map((l) => l.command?.title)),
		);
	});

	test('TypeScript: concatenated and literal CRM URLs are calls; the token request costs nothing', async () => {
		const uri = 'file:///ws/push.ts';
		await server.open(uri, 'typescript', TS);
		const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
		assert.equal(
			renderDiagnostics(TS, diagnostics),
			`export async function push(ids: string[]) {
  for (const id of ids) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
          ~~~~~ [call-in-loop] Get Record runs inside a loop: 1 credit ×10 (assumed) = 10 credits per run.
    await fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST' });
          ~~~~~ [call-in-loop] Upsert Records runs inside a loop: 1 credit (assumed) ×10 (assumed) = 10 credits per run.
  }
  await fetch('https://accounts.zoho.com/oauth/v2/token', { method: 'POST' });
}`,
		);
	});

	test('TypeScript: quick fixes for a finding, over the protocol', async () => {
		const uri = 'file:///ws/push.ts';
		const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
		const onLine = diagnostics.filter((d) => d.range.start.line === 2);
		const actions = await server.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri },
			range: onLine[0].range,
			context: { diagnostics: onLine },
		});
		assert.deepEqual(
			(actions ?? []).map((a) => ('kind' in a ? `${a.kind}: ${a.title}` : a.title)),
			[
				'quickfix: Ignore call-in-loop on this line',
				'quickfix: Ignore Zoho Credit Lens findings in this file',
				'quickfix: State how many times the loop at line 2 runs (now assumed 10)',
				"Open Zoho's documentation of Get Record",
			],
		);
		// Running the last one: the server asks the editor to open the page in the browser.
		const open = actions?.at(-1);
		assert.ok(open && 'command' in open && open.command && typeof open.command !== 'string');
		await server.connection.sendRequest(ExecuteCommandRequest.type, { command: open.command.command, arguments: open.command.arguments });
		assert.deepEqual(server.shownDocuments.at(-1), { uri: 'https://www.zoho.com/crm/developer/docs/api/v8/get-records.html', external: true });
		// Anything but a documentation page is refused.
		const before = server.shownDocuments.length;
		await server.connection.sendRequest(ExecuteCommandRequest.type, { command: open.command.command, arguments: ['file:///etc/passwd'] });
		assert.equal(server.shownDocuments.length, before);
	});

	test('opening documentation: the editor gets the URL as parsed, never the text given, and none with a user name', async () => {
		const open = (url: string) => server.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openDocumentation, arguments: [url] });
		const before = server.shownDocuments.length;
		// The parser reads the backslash as "/" (host zoho.com); the editor, given the text, would open evil.example.
		await open('https://zoho.com\\@evil.example/');
		assert.deepEqual(server.shownDocuments.slice(before), [{ uri: 'https://zoho.com/@evil.example/', external: true }]);
		await open('https://user:secret@www.zoho.com/crm/developer/docs/');
		assert.equal(server.shownDocuments.length, before + 1);
	});

	test('TypeScript: code lenses above the entry point, the helper and the top-level code', async () => {
		const uri = 'file:///ws/lens.ts';
		const text = `async function readLead(id: string) {
  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
// zoho-credits: runs-per-day=24
export async function hourly() {
  for (const id of ['1', '2', '3', '4']) {
    await readLead(id);
    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });
  }
}
await fetch('https://www.zohoapis.com/crm/v8/Deals');`;
		await server.open(uri, 'typescript', text);
		await server.diagnosticsFor(uri, () => true);
		const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
		// readLead: Get Record, 1. hourly: (1 + Convert Lead 5) × 4 ids = 24 a run, × 24 runs = 576 a day, 576 / 55,000 = 1.05%.
		// Top level: Get Records, 1 a run, once a day (assumed): 1 / 55,000 = 0.0018%.
		assert.equal(
			renderLenses(text, lenses ?? []),
			`» Zoho CRM: 1 cr per run of it, paid by its callers
async function readLead(id: string) {
  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
}
// zoho-credits: runs-per-day=24
» Zoho CRM: 24 cr/run × 24 runs/day (from the annotation) = 576 cr/day, 1.0% of 55,000
export async function hourly() {
  for (const id of ['1', '2', '3', '4']) {
    await readLead(id);
    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });
  }
}
» Zoho CRM, top level: 1 cr/run × 1 run/day (assumed) = 1 cr/day, 0.002% of 55,000
await fetch('https://www.zohoapis.com/crm/v8/Deals');`,
		);
	});

	test('an edit re-analyses the document and updates diagnostics', async () => {
		const uri = 'file:///ws/push.ts';
		// Move the upsert out of the loop: its diagnostic goes away, the read's stays.
		const edited = TS.replace(
			"    await fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST' });\n  }",
			"  }\n  await fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST' });",
		);
		await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri, version: 2 },
			contentChanges: [{ text: edited }],
		});
		const { diagnostics, version } = await server.diagnosticsFor(uri, (p) => p.version === 2);
		assert.equal(version, 2);
		assert.deepEqual(
			diagnostics.map((d) => [d.range.start.line, d.message]),
			[[2, 'Get Record runs inside a loop: 1 credit ×10 (assumed) = 10 credits per run.']],
		);
	});

	test('settings: the edition and the hint mode come from the client and apply on change', async () => {
		await server.changeSettings({ edition: 'enterprise', users: 5, inlayHints: 'loops', defaultLoopIterations: 4 });
		const status = await server.status((s) => s.edition === 'enterprise');
		assert.deepEqual([status.editionLabel, status.users, status.dailyCredits], ['Enterprise/Zoho One', 5, 55000]);
		const uri = 'file:///ws/convert.dg';
		// Default loops now count 4: convertLead 5 × 3 × 4 = 60; a page holds one lead at least and up to 200: 5 × 3 × 1 = 15, 5 × 3 × 200 = 3,000.
		const { diagnostics } = await server.diagnosticsFor(uri, (p) =>
			p.diagnostics.some((d) => typeof d.message === 'string' && d.message.includes('= 60 credits')),
		);
		assert.equal(diagnostics.length, 2);
		const hints = await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
		assert.deepEqual(
			hints?.map((h) => h.label),
			['×3 → 3 cr/run', '×12 → ≈ 60 (15–3,000) cr/run'],
		);
		await server.changeSettings({ inlayHints: 'off', edition: 'not-an-edition', users: 'ten' });
		await server.status((s) => s.edition === 'professional');
		assert.deepEqual(await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE }), []);
	});

	test('closing a document clears its diagnostics', async () => {
		const uri = 'file:///ws/convert.dg';
		await server.close(uri);
		const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
		assert.deepEqual(diagnostics, []);
	});

	test('a document over 2 MB is skipped: no diagnostics, no hover, and the server keeps serving', async () => {
		const uri = 'file:///ws/huge.ts';
		const huge = "fetch('https://www.zohoapis.com/crm/v8/Leads');\n" + '//'.padEnd(2 * 1024 * 1024, 'x');
		await server.open(uri, 'typescript', huge);
		const { diagnostics } = await server.diagnosticsFor(uri);
		assert.deepEqual(diagnostics, []);
		assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
		await server.close(uri);
	});

	test('unknown requests get an error answer and the server keeps serving', async () => {
		await assert.rejects(server.connection.sendRequest('zohoCreditLens/noSuchRequest', {}), /Unhandled method|not found/i);
		const uri = 'file:///ws/after.dg';
		await server.open(uri, 'deluge', 'for each x in y { zoho.crm.getRecords("Leads"); }');
		const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length === 1);
		assert.equal(diagnostics[0].code, 'call-in-loop');
	});
});

void describe('language server with a minimal client (Neovim 0.7 style)', () => {
	test('push diagnostics and hover work without configuration or inlay hint support; no flag means stdio', async () => {
		const server = new Server([]);
		try {
			await server.initialize(MINIMAL_CAPABILITIES);
			const uri = 'file:///ws/min.dg';
			await server.open(uri, 'deluge', DELUGE);
			const { diagnostics } = await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
			assert.equal(diagnostics.length, 2);
			assert.equal(diagnostics[0].relatedInformation, undefined);
			const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 20 } });
			assert.match((hover!.contents as { value: string }).value, /Get Records/);
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});

	test('a file of a language we do not analyse gets empty diagnostics and no hover', async () => {
		const server = new Server();
		try {
			await server.initialize();
			const uri = 'file:///ws/notes.md';
			await server.open(uri, 'markdown', "fetch('https://www.zohoapis.com/crm/v8/Leads')");
			const { diagnostics } = await server.diagnosticsFor(uri);
			assert.deepEqual(diagnostics, []);
			assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } }), null);
			assert.equal(await server.shutdown(), 0);
		} finally {
			server.kill();
		}
	});
});
