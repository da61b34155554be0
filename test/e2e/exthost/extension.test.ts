import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'credit-lens.zoho-credit-lens';

function folder(): vscode.Uri {
	const root = vscode.workspace.workspaceFolders?.[0];
	assert.ok(root, 'the test workbench opens the examples folder');
	return root.uri;
}

async function diagnosticsOf(uri: vscode.Uri, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Zoho Credit Lens');
		if (found.length > 0) return found;
		if (Date.now() > deadline) throw new Error(`no Zoho Credit Lens diagnostics for ${uri.toString()} within ${timeoutMs} ms`);
		await new Promise<void>((resolve) => {
			const sub = vscode.languages.onDidChangeDiagnostics(() => {
				sub.dispose();
				resolve();
			});
			setTimeout(() => {
				sub.dispose();
				resolve();
			}, 500);
		});
	}
}

function hoverText(hovers: vscode.Hover[]): string {
	return hovers
		.flatMap((h) => h.contents)
		.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
		.join('\n');
}

/** Hovers until the text contains `expected` (the server applies configuration changes asynchronously). */
async function hoverUntil(uri: vscode.Uri, position: vscode.Position, expected: string, timeoutMs = 20000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position));
		if (text.includes(expected)) return text;
		await new Promise((r) => setTimeout(r, 200));
	}
	assert.fail(`hover never showed "${expected}"; last:\n${text}`);
}

describe('Zoho Credit Lens in the extension host', () => {
	const deluge = () => vscode.Uri.joinPath(folder(), 'deluge', 'convert_hot_leads.dg');

	it('activates on a Deluge file, which gets the deluge language', async () => {
		const document = await vscode.workspace.openTextDocument(deluge());
		await vscode.window.showTextDocument(document);
		assert.equal(document.languageId, 'deluge');
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, 'extension is installed');
		await extension.activate();
		assert.equal(extension.isActive, true);
	});

	it('publishes one warning per call inside a loop, the heavy one by its own finding', async () => {
		const diagnostics = await diagnosticsOf(deluge());
		const summary = diagnostics.map((d) => [d.range.start.line + 1, d.severity, d.code, d.message]);
		assert.deepEqual(summary, [
			[
				9,
				vscode.DiagnosticSeverity.Warning,
				{ value: 'call-in-loop', target: vscode.Uri.parse('https://www.zoho.com/crm/developer/docs/api/v8/get-records.html') },
				'Get Records runs inside a loop: 1 credit ×3 = 3 credits per run.',
			],
			[
				14,
				vscode.DiagnosticSeverity.Warning,
				{ value: 'heavy-call-in-loop', target: vscode.Uri.parse('https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html') },
				'Convert Lead costs 5 credits a call and runs inside a loop: ×3 ×10 (assumed) = 150 credits per run. Move it out of the loop where the work allows, or check that every iteration needs it.',
			],
		]);
	});

	it('answers hover through the provider API', async () => {
		// Line 14 (0-based 13): "				zoho.crm.convertLead(...)"; column 15 is inside "convertLead".
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deluge(), new vscode.Position(13, 15));
		const text = hoverText(hovers);
		// A flagged call hovers in short: the figures and a link to the whole reasoning, which the command opens.
		assert.match(text, /\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
		assert.match(text, /Loops: ×3 \(loop at line 7\) ×10 \(loop at line 10, assumed\)/);
		assert.match(text, /\*\*≈ 150 \(15–3,000\) credits per run\*\*/);
		const link = /\(command:zohoCredits\.explainCall\?([^)]+)\)/.exec(text);
		assert.ok(link, text);
		assert.ok(!text.includes('Budget:'), text);
		const [uri, offset] = JSON.parse(decodeURIComponent(link[1])) as [string, number];
		const document = await vscode.commands.executeCommand<vscode.TextDocument>('zohoCredits.explainCall', uri, offset);
		assert.equal(document?.languageId, 'markdown');
		assert.ok(document.getText().includes('- ×10: loop at line 10, default of 10 iterations'), document.getText());
		assert.ok(document.getText().includes('Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25).'), document.getText());
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	it('answers inlay hints through the provider API', async () => {
		const document = await vscode.workspace.openTextDocument(deluge());
		const range = new vscode.Range(0, 0, document.lineCount, 0);
		const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', deluge(), range);
		const labels = hints.map((h) => [h.position.line + 1, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]);
		assert.deepEqual(labels, [
			[6, '1 cr'],
			[9, '×3 → 3 cr/run'],
			// 150 credits once a day are 0.27% of 55,000: below 1% a line does not say its share.
			[14, '×30 → ≈ 150 (15–3,000) cr/run'],
		]);
	});

	it('answers quick fixes and code lenses through the provider API', async () => {
		// convertLead on line 14 sits in the literal page loop (line 7) and the loop over a page of leads (line 10, assumed).
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', deluge(), new vscode.Range(13, 0, 13, 0));
		const titles = actions.map((a) => a.title);
		assert.ok(titles.includes('State how many times the loop at line 10 runs (now assumed 10)'), titles.join('\n'));
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', deluge());
		assert.deepEqual(
			lenses.map((l) => [l.range.start.line + 1, l.command?.title]),
			[
				[4, 'Zoho CRM: ≈ 154 (19–3,004) cr/run (assumed) × 1 run/day (assumed) = ≈ 154 (19–3,004) cr/day, 0.28% of 55,000'],
				// Statements: 3 outside the loops, the page loop's header and `leads =` 3 times each, the lead loop's header,
				// the if and the convert 3 × 10 times each (3 × 1 to 3 × 200).
				[4, 'Deluge: ≈ 99 (18–1,809) statements a run of the 200,000 Zoho CRM allows'],
			],
		);
	});

	it('sends the server only explicit settings: with none, the budget is assumed', async () => {
		// Line 6 (0-based 5): getRecordById, flagged by nothing: its hover is whole.
		const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deluge(), new vscode.Position(5, 20)));
		assert.ok(text.includes('Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25).'), text);
	});

	it('follows the edition setting: hover measures against the new allowance', async () => {
		const config = vscode.workspace.getConfiguration('zohoCredits');
		await config.update('edition', 'free', vscode.ConfigurationTarget.Workspace);
		try {
			// Free allows 5,000 credits a day: getRecordById's 1 credit is 0.02% of it.
			const text = await hoverUntil(deluge(), new vscode.Position(5, 20), 'Budget: Free (from settings), 10 users (assumed)');
			assert.ok(text.includes('0.02% of the daily 5,000 credits.'), text);
		} finally {
			await config.update('edition', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});

	it('Select Edition writes zoho-credits.json, which then wins over settings', async () => {
		const file = vscode.Uri.joinPath(folder(), 'zoho-credits.json');
		const config = vscode.workspace.getConfiguration('zohoCredits');
		await config.update('users', 3, vscode.ConfigurationTarget.Workspace);
		try {
			assert.equal(await vscode.commands.executeCommand('zohoCredits.selectEdition', { edition: 'enterprise', users: 40 }), true);
			const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
			assert.deepEqual(written, { edition: 'enterprise', users: 40 });
			// Enterprise (current table): 50,000 + 40 × 1,000 = 90,000; getRecordById's 1 credit is 0.001% of it.
			const text = await hoverUntil(
				deluge(),
				new vscode.Position(5, 20),
				'Budget: Enterprise/Zoho One (from zoho-credits.json), 40 users (from zoho-credits.json), current table (read 2026-11-25).',
			);
			assert.ok(text.includes('0.001% of the daily 90,000 credits.'), text);
			// Without arguments the picker opens on the edition in force and offers the users in force:
			// Enter, Enter keeps both (the settings' 3 users are not in force).
			const picking = vscode.commands.executeCommand<boolean>('zohoCredits.selectEdition');
			for (let step = 0; step < 2; step++) {
				await new Promise((resolve) => setTimeout(resolve, 1000));
				await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			}
			assert.equal(await picking, true);
			assert.deepEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))), { edition: 'enterprise', users: 40 });
		} finally {
			await config.update('users', undefined, vscode.ConfigurationTarget.Workspace);
			await vscode.workspace.fs.delete(file);
		}
	});

	it('Rescan Workspace, then Export Report as JSON: every entry point of the examples, totalled', async () => {
		// The server reads the workspace again; the report after it is whole.
		await vscode.commands.executeCommand('zohoCredits.rescan');
		const document = await vscode.commands.executeCommand<vscode.TextDocument>('zohoCredits.exportReport', 'json');
		assert.ok(document, 'a document opens');
		assert.equal(document.languageId, 'json');
		const report = JSON.parse(document.getText());
		// 154 (convert_hot_leads.dg) + 60 + 10 + 5 + 1, each once a day (assumed).
		assert.equal(report.totals.perDay, 230);
		assert.deepEqual(
			report.entryPoints.map((e: { name: string; perDay: number }) => [e.name, e.perDay]),
			[
				['automation.convert_hot_leads', 154],
				['convertQualified', 60],
				['syncContacts', 10],
				['readDeals', 5],
				['firstLeads', 1],
			],
		);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('Deluge saved as .txt is analysed once the deluge setting names it', async () => {
		const file = vscode.Uri.joinPath(folder(), 'convert.deluge.txt');
		await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('for each p in {1,2,3}\n{\n\tzoho.crm.convertLead(p, Map());\n}\n'));
		const config = vscode.workspace.getConfiguration('zohoCredits');
		await config.update('deluge', ['**/*.deluge.txt'], vscode.ConfigurationTarget.Workspace);
		try {
			await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
			// Convert Lead in a loop of 3: 5 × 3 = 15 credits a run.
			const found = await diagnosticsOf(file, 60000);
			assert.ok(
				found.some((d) => d.message.includes('×3 = 15 credits per run')),
				found.map((d) => d.message).join('\n'),
			);
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
			await config.update('deluge', undefined, vscode.ConfigurationTarget.Workspace);
			await vscode.workspace.fs.delete(file);
		}
	});
});
