import { applyEdits, modify } from 'jsonc-parser';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { EntryPointConfig } from '../../core/config';
import { TEAM_CONFIG_FORMATTING } from '../../../../shared/team-config-formatting';
import { LineMap } from '../../core/text';

/** The folder's zoho-credits.json as a code action may edit it. */
export interface TeamFile {
	readonly uri: string;
	/** The text in force: the editor's when the file is open, else the disk's. */
	readonly text: string;
	readonly exists: boolean;
	/** The document's path relative to the folder, `/`-separated: what a `file` entry names. */
	readonly relativePath: string;
	/** The editor can create files through a workspace edit. */
	readonly canCreate: boolean;
}

/**
 * Adds an entry point to the team file's `entryPoints`, running once a day until someone writes
 * the real count; creates the file when there is none. Undefined when the file cannot take it
 * (its `entryPoints` is not a list, or the editor cannot create files).
 */
export function addEntryPointAction(label: string, entry: EntryPointConfig, team: TeamFile): CodeAction | undefined {
	const title = `Add ${label} to zoho-credits.json as an entry point (1 run a day: set the real count there)`;
	let edit: WorkspaceEdit;
	if (team.exists && team.text.trim() !== '') {
		let edits;
		try {
			edits = modify(team.text, ['entryPoints', -1], entry, TEAM_CONFIG_FORMATTING);
		} catch {
			return undefined;
		}
		const lines = new LineMap(team.text);
		const changes: TextEdit[] = edits.map((e) => ({
			range: { start: lines.position(e.offset), end: lines.position(e.offset + e.length) },
			newText: e.content,
		}));
		edit = { changes: { [team.uri]: changes } };
	} else {
		if (!team.canCreate && !team.exists) return undefined;
		const text = applyEdits('{}', modify('{}', ['entryPoints'], [entry], TEAM_CONFIG_FORMATTING)) + '\n';
		const insert = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text };
		edit = team.exists
			? { changes: { [team.uri]: [insert] } }
			: {
					documentChanges: [
						{ kind: 'create', uri: team.uri, options: { ignoreIfExists: true } },
						{ textDocument: { uri: team.uri, version: null }, edits: [insert] },
					],
				};
	}
	return { title, kind: CodeActionKind.QuickFix, edit };
}
