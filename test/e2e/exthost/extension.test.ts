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

	it('publishes one warning per call inside a loop', async () => {
		const diagnostics = await diagnosticsOf(deluge());
		const summary = diagnostics.map((d) => [d.range.start.line + 1, d.severity, d.code, d.message]);
		assert.deepEqual(summary, [
			[9, vscode.DiagnosticSeverity.Warning, { value: 'call-in-loop', target: vscode.Uri.parse('https://www.zoho.com/crm/developer/docs/api/v8/get-records.html') }, 'Get Records runs inside a loop: 1 credit ×3 = 3 credits per run.'],
			[14, vscode.DiagnosticSeverity.Warning, { value: 'call-in-loop', target: vscode.Uri.parse('https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html') }, 'Convert Lead runs inside a loop: 5 credits ×3 ×10 (assumed) = 150 credits per run.'],
		]);
	});

	it('answers hover through the provider API', async () => {
		// Line 14 (0-based 13): "				zoho.crm.convertLead(...)"; column 15 is inside "convertLead".
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deluge(), new vscode.Position(13, 15));
		const text = hoverText(hovers);
		assert.match(text, /\*\*Zoho CRM: Convert Lead\*\*: 5 credits per call/);
		assert.match(text, /\*\*150 credits per run\*\*/);
	});

	it('answers inlay hints through the provider API', async () => {
		const document = await vscode.workspace.openTextDocument(deluge());
		const range = new vscode.Range(0, 0, document.lineCount, 0);
		const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', deluge(), range);
		const labels = hints.map((h) => [h.position.line + 1, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]);
		assert.deepEqual(labels, [
			[6, '1 cr'],
			[9, '×3 → 3 cr/run'],
			[14, '×30 → 150 cr/run'],
		]);
	});

	it('follows the edition setting: hover measures against the new allowance', async () => {
		const config = vscode.workspace.getConfiguration('zohoCredits');
		await config.update('edition', 'free', vscode.ConfigurationTarget.Workspace);
		try {
			// Free allows 5,000 credits a day: the convertLead line's 150 credits are 3.0% of it.
			const deadline = Date.now() + 20000;
			let text = '';
			while (Date.now() < deadline) {
				const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deluge(), new vscode.Position(13, 15));
				text = hoverText(hovers);
				if (text.includes('3.0% of the daily 5,000 credits (Free, 10 users)')) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			assert.ok(text.includes('3.0% of the daily 5,000 credits (Free, 10 users)'), text);
		} finally {
			await config.update('edition', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});
});
