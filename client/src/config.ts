import * as vscode from 'vscode';
import type { ZohoCreditsSettings } from '../../server/src/protocol';

/** Every `zohoCredits.*` setting the server reads. */
const KEYS: readonly (keyof ZohoCreditsSettings)[] = [
	'edition',
	'users',
	'addOnCredits',
	'budgetTable',
	'thresholds',
	'defaultLoopIterations',
	'moduleSizes',
	'entryPoints',
	'ignore',
	'deluge',
	'inlayHints',
];

/**
 * The settings a user set explicitly for a resource (folder, workspace or user level), leaving out
 * defaults, so the server can say "assumed" of what nobody configured.
 */
export function explicitSettings(scope: vscode.Uri | undefined): ZohoCreditsSettings {
	const config = vscode.workspace.getConfiguration('zohoCredits', scope);
	const out: Record<string, unknown> = {};
	for (const key of KEYS) {
		const inspected = config.inspect(key);
		const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
		if (value !== undefined) out[key] = value;
	}
	return out as ZohoCreditsSettings;
}
