import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { ZohoCreditsSettings } from '../../shared/protocol';

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

/**
 * Document filters for the files the `deluge` globs name (in settings or a folder's zoho-credits.json),
 * so the server also sees Deluge kept under another extension. Globs are relative to their folder.
 */
export async function delugeFilters(): Promise<{ scheme: 'file'; pattern: string }[]> {
	const patterns = new Set<string>();
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const globs = [...(explicitSettings(folder.uri).deluge ?? [])];
		try {
			const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'zoho-credits.json')));
			const team: unknown = parse(text);
			const fromTeam = typeof team === 'object' && team !== null ? (team as { deluge?: unknown }).deluge : undefined;
			if (Array.isArray(fromTeam)) globs.unshift(...fromTeam.filter((g): g is string => typeof g === 'string'));
		} catch {
			// No team file, or one the server reports: the settings' globs still count.
		}
		for (const glob of globs) patterns.add(glob.startsWith('**/') ? glob : `${folder.uri.fsPath.replace(/\\/g, '/')}/${glob.replace(/^\.\//, '')}`);
	}
	return [...patterns].sort().map((pattern) => ({ scheme: 'file' as const, pattern }));
}
