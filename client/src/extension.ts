import * as vscode from 'vscode';
import { reportMarkdown } from '../../shared/markdown-report';
import { Commands, ServerCommands } from '../../shared/protocol';
import { importCalibration, openConfiguration, type SelectEditionArgs, selectEdition } from './commands';
import { Ctx } from './ctx';
import { BudgetPanel, openReportLocation } from './panel';
import { BudgetTree } from './tree';

let ctx: Ctx | undefined;

/** Opens the workspace report as a new unsaved Markdown or JSON document, to save or paste where needed. */
async function exportReport(format?: 'markdown' | 'json'): Promise<vscode.TextDocument | undefined> {
	const reports = ctx?.reports;
	if (!reports) return undefined;
	const picked =
		format ??
		(
			await vscode.window.showQuickPick(
				[
					{ label: 'Markdown', description: 'for a pull request or a wiki page', format: 'markdown' as const },
					{ label: 'JSON', description: 'the CLI’s report format (version 1)', format: 'json' as const },
				],
				{ title: 'Export the Zoho credit report as' },
			)
		)?.format;
	if (!picked) return undefined;
	const data = await reports.fetch();
	if (!data) {
		void vscode.window.showWarningMessage('Zoho Credit Lens: the language server is not running, so there is no report to export.');
		return undefined;
	}
	const content = picked === 'json' ? JSON.stringify(data.report, null, 2) + '\n' : reportMarkdown(data.report, data.assumptions);
	const document = await vscode.workspace.openTextDocument({ language: picked, content });
	await vscode.window.showTextDocument(document);
	return document;
}

/** Opens the whole reasoning behind a call beside the code, from the link in its short hover. */
async function explainCall(uri: string, offset: number): Promise<vscode.TextDocument | undefined> {
	const markdown = await ctx?.explain(uri, offset);
	if (markdown === undefined) {
		void vscode.window.showWarningMessage('Zoho Credit Lens: there is no Zoho CRM call at that place any more.');
		return undefined;
	}
	const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `${markdown}\n` });
	await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
	return document;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	ctx = new Ctx(context);
	const reports = ctx.reports;
	context.subscriptions.push(
		ctx,
		new BudgetTree(reports),
		vscode.commands.registerCommand('zohoCredits.showOutput', () => ctx?.output.show(true)),
		vscode.commands.registerCommand('zohoCredits.restartServer', () => ctx?.restart()),
		vscode.commands.registerCommand(Commands.selectEdition, (args?: SelectEditionArgs) => selectEdition(args, ctx?.budgetInForce)),
		vscode.commands.registerCommand(Commands.openConfiguration, openConfiguration),
		vscode.commands.registerCommand(Commands.explainCall, explainCall),
		vscode.commands.registerCommand(Commands.showBudgetPanel, () => void BudgetPanel.show(context, reports)),
		// A panel open when the window closed comes back after a reload.
		vscode.window.registerWebviewPanelSerializer(BudgetPanel.viewType, {
			deserializeWebviewPanel: async (panel) => BudgetPanel.revive(panel, context, reports),
		}),
		vscode.commands.registerCommand('zohoCredits.exportReport', exportReport),
		// The server runs the rescan; the language client registered its command under the server's name.
		vscode.commands.registerCommand('zohoCredits.rescan', () => vscode.commands.executeCommand(ServerCommands.rescan)),
		vscode.commands.registerCommand('zohoCredits.getStarted', () =>
			vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false),
		),
		vscode.commands.registerCommand('zohoCredits.importApiList', (file?: vscode.Uri) => importCalibration('apis', file)),
		vscode.commands.registerCommand('zohoCredits.importUsage', (file?: vscode.Uri) => importCalibration('usage', file)),
		vscode.commands.registerCommand('zohoCredits.openReportLocation', (path: string, line: number) => openReportLocation(reports.current, path, line)),
	);
	await ctx.start();
}

export async function deactivate(): Promise<void> {
	await ctx?.stop();
}
