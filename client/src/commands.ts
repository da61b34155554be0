import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { type BudgetTableId, describeEdition, EDITION_LABELS, EDITIONS, type Edition, isBudgetTableId, isEdition } from '../../shared/editions';
import { TEAM_CONFIG_FORMATTING } from '../../shared/team-config-formatting';

const CONFIG_FILE = 'zoho-credits.json';

function folder(): vscode.WorkspaceFolder | undefined {
	const active = vscode.window.activeTextEditor?.document.uri;
	return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
	const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
	if (open) return open.getText();
	try {
		return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	} catch {
		return undefined;
	}
}

/** Sets keys of zoho-credits.json, keeping everything else in the file as it was written. */
async function writeTeamConfig(uri: vscode.Uri, values: Record<string, unknown>): Promise<void> {
	let text = (await readText(uri)) ?? '{}\n';
	if (text.trim() === '') text = '{}\n';
	for (const [key, value] of Object.entries(values)) {
		text = applyEdits(text, modify(text, [key], value, TEAM_CONFIG_FORMATTING));
	}
	const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
	if (open) {
		const edit = new vscode.WorkspaceEdit();
		edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
		await vscode.workspace.applyEdit(edit);
		await open.save();
	} else {
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
	}
}

export interface SelectEditionArgs {
	edition?: string;
	users?: number;
}

/** The budget the server has in force (from zoho-credits.json, settings or the defaults). */
export interface BudgetInForce {
	readonly edition: string;
	readonly users: number;
	readonly table: string;
}

/** Asks for the edition, the one in force chosen already: Enter keeps it. */
function pickEdition(inForce: BudgetInForce | undefined, table: BudgetTableId | undefined): Promise<Edition | undefined> {
	const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { edition: Edition }>();
	pick.title = 'Zoho CRM edition of the organisation';
	pick.placeholder = 'The edition decides the daily API credit allowance';
	pick.items = EDITIONS.map((e) => ({
		label: EDITION_LABELS[e],
		description: `${describeEdition(e, table)}${e === inForce?.edition ? ' (in force)' : ''}`,
		edition: e,
	}));
	const active = pick.items.find((item) => item.edition === inForce?.edition);
	if (active) pick.activeItems = [active];
	return new Promise((resolve) => {
		let chosen: Edition | undefined;
		pick.onDidAccept(() => {
			chosen = pick.activeItems[0]?.edition;
			pick.hide();
		});
		pick.onDidHide(() => {
			pick.dispose();
			resolve(chosen);
		});
		pick.show();
	});
}

/**
 * Asks for the edition and the user licences (or takes them as arguments), offering the ones in force,
 * and writes them to the folder's zoho-credits.json, or to the user settings when no folder is open.
 */
export async function selectEdition(args?: SelectEditionArgs, inForce?: BudgetInForce): Promise<boolean> {
	const current = vscode.workspace.getConfiguration('zohoCredits');
	// Editions are described by the table in force.
	const table = isBudgetTableId(inForce?.table) ? inForce.table : undefined;
	let edition: Edition | undefined = isEdition(args?.edition) ? args.edition : undefined;
	if (!edition) {
		edition = await pickEdition(inForce, table);
		if (!edition) return false;
	}
	let users = typeof args?.users === 'number' && Number.isInteger(args.users) && args.users >= 0 ? args.users : undefined;
	if (users === undefined) {
		const answer = await vscode.window.showInputBox({
			title: 'User licences',
			prompt: `${EDITION_LABELS[edition]}: ${describeEdition(edition, table)}`,
			value: String(inForce?.users ?? current.get<number>('users') ?? 10),
			validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number of user licences, such as 25'),
		});
		if (answer === undefined) return false;
		users = Number(answer.trim());
	}
	const target = folder();
	if (target) {
		const uri = vscode.Uri.joinPath(target.uri, CONFIG_FILE);
		await writeTeamConfig(uri, { edition, users });
		void vscode.window.showInformationMessage(
			`Zoho Credit Lens: ${EDITION_LABELS[edition]} with ${users} users, written to ${CONFIG_FILE}. Commit it so your team shares it.`,
		);
	} else {
		await current.update('edition', edition, vscode.ConfigurationTarget.Global);
		await current.update('users', users, vscode.ConfigurationTarget.Global);
		void vscode.window.showInformationMessage(`Zoho Credit Lens: ${EDITION_LABELS[edition]} with ${users} users, saved in your settings.`);
	}
	return true;
}

/** Opens the folder's zoho-credits.json, creating it with the edition and users in force when missing. */
export async function openConfiguration(): Promise<void> {
	const target = folder();
	if (!target) {
		await vscode.commands.executeCommand('workbench.action.openSettings', 'zohoCredits');
		return;
	}
	const uri = vscode.Uri.joinPath(target.uri, CONFIG_FILE);
	if ((await readText(uri)) === undefined) {
		const settings = vscode.workspace.getConfiguration('zohoCredits', target.uri);
		await writeTeamConfig(uri, { edition: settings.get('edition', 'professional'), users: settings.get('users', 10) });
	}
	await vscode.window.showTextDocument(uri);
}

const IMPORTS: Record<'apis' | 'usage', { title: string; label: string; filters: Record<string, string[]> }> = {
	apis: {
		title: 'Import Zoho API Credit List',
		label: 'Import API list',
		filters: { 'Saved answer of GET /crm/v8/__apis': ['json'] },
	},
	usage: {
		title: 'Import Observed Usage',
		label: 'Import usage',
		filters: { 'Observed credits (CSV or JSON)': ['csv', 'json', 'txt'] },
	},
};

/**
 * Asks for a saved `__apis` answer or an observed usage file (or takes its URI) and has the server
 * store it in `.zoho-credits/` of the folder; the server checks it and names every problem.
 */
export async function importCalibration(kind: 'apis' | 'usage', file?: vscode.Uri): Promise<boolean> {
	const target = folder();
	if (!target) {
		void vscode.window.showWarningMessage(
			`Zoho Credit Lens: open the folder of your integration first; the ${kind === 'apis' ? 'API list' : 'usage'} is stored next to ${CONFIG_FILE}.`,
		);
		return false;
	}
	const picked =
		file ??
		(
			await vscode.window.showOpenDialog({
				title: IMPORTS[kind].title,
				openLabel: IMPORTS[kind].label,
				canSelectMany: false,
				filters: IMPORTS[kind].filters,
				defaultUri: target.uri,
			})
		)?.[0];
	if (!picked) return false;
	const text = await readText(picked);
	if (text === undefined) {
		void vscode.window.showErrorMessage(`Zoho Credit Lens: ${picked.fsPath} cannot be read.`);
		return false;
	}
	const fileName = picked.path.slice(picked.path.lastIndexOf('/') + 1);
	try {
		const result = await vscode.commands.executeCommand<{ written: string; summary: string } | undefined>('zohoCredits.server.importCalibration', {
			kind,
			fileName,
			text,
			folder: target.uri.toString(),
		});
		if (!result) throw new Error('the language server is not running');
		const written = vscode.workspace.asRelativePath(vscode.Uri.parse(result.written));
		void vscode.window.showInformationMessage(`Zoho Credit Lens: ${result.summary}, stored in ${written}. Commit it so your team shares it.`);
		return true;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		void vscode.window.showErrorMessage(`Zoho Credit Lens: ${message}`, { modal: message.includes('\n') });
		return false;
	}
}
