import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WorkspaceReport } from '../../shared/protocol';
import { type PanelRequest, panelModel } from './panel-model';
import type { ReportStore } from './report-store';

/** Opens the code a report path and line point at, beside the view that asked. */
export async function openReportLocation(report: WorkspaceReport | undefined, path: string, line: number, column = vscode.ViewColumn.One): Promise<void> {
	// Only files the report names: the webview cannot make the editor open anything else.
	const uri = report && typeof path === 'string' && Object.hasOwn(report.uris, path) ? report.uris[path] : undefined;
	if (!uri || !Number.isInteger(line)) return;
	const position = new vscode.Position(Math.max(0, line - 1), 0);
	await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn: column, selection: new vscode.Range(position, position), preview: true });
}

/**
 * The workspace credit-budget panel: a webview with a strict content security policy (its own
 * script with a nonce and its own style sheet, nothing remote) that draws the workspace report and
 * follows it as files change.
 */
export class BudgetPanel implements vscode.Disposable {
	static readonly viewType = 'zohoCredits.budgetPanel';
	private static current: BudgetPanel | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	static show(extension: vscode.ExtensionContext, store: ReportStore): BudgetPanel {
		if (BudgetPanel.current) {
			BudgetPanel.current.panel.reveal();
			return BudgetPanel.current;
		}
		const panel = vscode.window.createWebviewPanel(BudgetPanel.viewType, 'Zoho Credit Budget', vscode.ViewColumn.Beside, BudgetPanel.options(extension));
		BudgetPanel.current = new BudgetPanel(panel, extension, store);
		return BudgetPanel.current;
	}

	/** Brings back the panel VS Code had open before a reload (its serializer calls this). */
	static revive(panel: vscode.WebviewPanel, extension: vscode.ExtensionContext, store: ReportStore): void {
		panel.webview.options = BudgetPanel.options(extension);
		BudgetPanel.current?.dispose();
		BudgetPanel.current = new BudgetPanel(panel, extension, store);
	}

	private static options(extension: vscode.ExtensionContext): vscode.WebviewOptions {
		return {
			enableScripts: true,
			localResourceRoots: [vscode.Uri.joinPath(extension.extensionUri, 'dist'), vscode.Uri.joinPath(extension.extensionUri, 'media')],
		};
	}

	private constructor(
		private readonly panel: vscode.WebviewPanel,
		extension: vscode.ExtensionContext,
		private readonly store: ReportStore,
	) {
		panel.iconPath = vscode.Uri.joinPath(extension.extensionUri, 'media', 'icon.svg');
		panel.webview.html = BudgetPanel.html(panel.webview, extension.extensionUri);
		store.want(this, true);
		this.disposables.push(
			store.onDidChange(() => this.post()),
			panel.webview.onDidReceiveMessage((message: PanelRequest) => this.receive(message)),
			panel.onDidDispose(() => this.dispose()),
		);
	}

	static html(webview: vscode.Webview, root: vscode.Uri): string {
		const nonce = randomBytes(16).toString('base64');
		const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'panel.js'));
		const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'panel.css'));
		const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
		return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Zoho Credit Budget</title>
</head>
<body>
<main id="root" aria-live="polite"><p>Totalling the workspace…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
	}

	private post(): void {
		const report = this.store.current;
		if (report) void this.panel.webview.postMessage({ type: 'model', model: panelModel(report) });
	}

	private async receive(message: PanelRequest): Promise<void> {
		switch (message?.type) {
			case 'ready':
				this.post();
				if (!this.store.current) await this.store.fetch();
				return;
			case 'open': {
				const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
				await openReportLocation(this.store.current, message.path, message.line, column);
				return;
			}
			case 'setBudget':
				await vscode.commands.executeCommand('zohoCredits.selectEdition', { edition: message.edition, users: message.users });
				return;
			case 'export':
				await vscode.commands.executeCommand('zohoCredits.exportReport');
				return;
			case 'rescan':
				await vscode.commands.executeCommand('zohoCredits.rescan');
				return;
		}
	}

	private disposed = false;

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		BudgetPanel.current = undefined;
		this.store.want(this, false);
		for (const d of this.disposables) d.dispose();
		this.panel.dispose();
	}
}
