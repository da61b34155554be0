import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';
import { openConfiguration, selectEdition } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	ctx = new Ctx(context);
	context.subscriptions.push(
		ctx,
		vscode.commands.registerCommand('zohoCredits.showOutput', () => ctx?.output.show(true)),
		vscode.commands.registerCommand('zohoCredits.restartServer', () => ctx?.restart()),
		vscode.commands.registerCommand(Commands.selectEdition, selectEdition),
		vscode.commands.registerCommand(Commands.openConfiguration, openConfiguration),
	);
	await ctx.start();
}

export async function deactivate(): Promise<void> {
	await ctx?.stop();
}
