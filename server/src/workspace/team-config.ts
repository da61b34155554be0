/**
 * Reads `zoho-credits.json` of each workspace folder and keeps the last good configuration of each:
 * a broken file is reported and never stops the analysis.
 */
import { join, sep } from 'node:path';
import { type ConfigError, parseTeamConfig, TEAM_CONFIG_FILE, type TeamConfig } from '../core/config';
import { readSmallFile } from './small-file';

/** A team file larger than this is not a configuration. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface TeamConfigState {
	/** File system path of the folder's zoho-credits.json. */
	readonly path: string;
	readonly exists: boolean;
	/** The text the errors refer to ('' when the file does not exist). */
	readonly text: string;
	readonly errors: readonly ConfigError[];
	/** The configuration in force: this text's when it is valid, else the last good one. */
	readonly config: TeamConfig | undefined;
	/** True when `config` is an older, good version because the current text has errors. */
	readonly stale: boolean;
}

/**
 * Reads a small file that may be missing: a missing file is no error; an unreadable or oversized one,
 * or one that is no regular file (a device, a pipe), is, named by `label`, and is never read. With
 * `textOnly`, a file holding NUL bytes is refused as not text.
 */
export function readOptionalFile(path: string, label: string, maxBytes: number, textOnly = false): { exists: boolean; text: string; error?: string } {
	const read = readSmallFile(path, maxBytes);
	if (!read.ok) {
		if (read.code === 'ENOENT' || read.code === 'ENOTDIR') return { exists: false, text: '' };
		if (read.code) return { exists: true, text: '', error: `${label} cannot be read (${read.code}).` };
		return { exists: true, text: '', error: `${label} is ${read.reason}; it is not read.` };
	}
	if (textOnly && read.buffer.includes(0)) return { exists: true, text: '', error: `${label} is not text.` };
	return { exists: true, text: read.buffer.toString('utf8') };
}

/** Reads a team file; a missing file is no error, an unreadable one is. */
export function readTeamConfigFile(path: string): { exists: boolean; text: string; error?: string } {
	return readOptionalFile(path, TEAM_CONFIG_FILE, MAX_CONFIG_BYTES);
}

export class TeamConfigs {
	private readonly states = new Map<string, TeamConfigState>();
	private folders: string[] = [];

	setFolders(folders: readonly string[]): void {
		// Longest first, so a nested folder wins over its parent.
		this.folders = [...folders].sort((a, b) => b.length - a.length);
		for (const folder of [...this.states.keys()]) if (!this.folders.includes(folder)) this.states.delete(folder);
	}

	get allFolders(): readonly string[] {
		return this.folders;
	}

	folderFor(fsPath: string): string | undefined {
		return this.folders.find((folder) => fsPath === folder || fsPath.startsWith(folder.endsWith(sep) ? folder : folder + sep));
	}

	/** The folder whose team file this path is, if it is one. */
	folderOfConfigFile(fsPath: string): string | undefined {
		return this.folders.find((folder) => join(folder, TEAM_CONFIG_FILE) === fsPath);
	}

	/** The state of a folder's file, reading it on first use. */
	state(folder: string): TeamConfigState {
		return this.states.get(folder) ?? this.load(folder);
	}

	/** Reads the folder's file again, or takes `text` when the file is open in an editor with unsaved edits. */
	load(folder: string, text?: string): TeamConfigState {
		const path = join(folder, TEAM_CONFIG_FILE);
		const previous = this.states.get(folder);
		const read = text === undefined ? readTeamConfigFile(path) : { exists: true, text };
		let next: TeamConfigState;
		if (!read.exists) {
			next = { path, exists: false, text: '', errors: [], config: undefined, stale: false };
		} else if (read.error) {
			next = {
				path,
				exists: true,
				text: '',
				errors: [{ kind: 'file', message: read.error, offset: 0, length: 0 }],
				config: previous?.config,
				stale: previous?.config !== undefined,
			};
		} else {
			const parsed = parseTeamConfig(read.text);
			next = parsed.config
				? { path, exists: true, text: read.text, errors: parsed.errors, config: parsed.config, stale: false }
				: { path, exists: true, text: read.text, errors: parsed.errors, config: previous?.config, stale: previous?.config !== undefined };
		}
		this.states.set(folder, next);
		return next;
	}
}
