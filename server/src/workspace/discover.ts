import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { Minimatch } from 'minimatch';
import { join, relative, sep } from 'node:path';
import { languageOf, MAX_FILE_LENGTH } from '../core/analysis';
import { braceExpansions, MAX_GLOB_EXPANSIONS } from '../core/config/globs';
import type { Language } from '../core/facts';
import { keptAsDeluge, mayHoldDeluge } from '../core/scan/deluge/detect';
import { readSmallFile } from './small-file';

/** Folders that never hold the user's own integration code. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.vscode-test']);

export interface SourceFile {
	/** Absolute path. */
	readonly path: string;
	/** Path relative to the scan root, with `/` separators. */
	readonly relativePath: string;
	readonly language: Language;
}

export interface SkippedFile {
	readonly path: string;
	readonly reason: string;
}

/** Globs from the configuration (`ignore`, `deluge`), relative to the root, `/`-separated. */
export interface DiscoveryOptions {
	/** Files not to scan. */
	readonly ignore?: readonly string[];
	/** Extra files that hold Deluge, whatever their extension (`**\/*.deluge.txt`). */
	readonly deluge?: readonly string[];
	/** Names of configured entry points: a file declaring one is read whatever it imports. */
	readonly markers?: readonly string[];
}

export interface Discovery {
	readonly files: SourceFile[];
	readonly skipped: SkippedFile[];
}

/**
 * True for a `.txt`, `.zs`, `.zdl` or extension-less file whose text makes Deluge calls: where teams
 * keep Deluge. Read only when small enough to scan.
 */
function keptDeluge(path: string, size: number): boolean {
	if (size > MAX_FILE_LENGTH || !mayHoldDeluge(path)) return false;
	const read = readSmallFile(path, MAX_FILE_LENGTH);
	return read.ok && !read.buffer.includes(0) && keptAsDeluge(path, read.buffer.toString('utf8'));
}

function looksBinary(path: string): boolean {
	const fd = openSync(path, 'r');
	try {
		const buffer = Buffer.alloc(8000);
		const read = readSync(fd, buffer, 0, buffer.length, 0);
		return buffer.subarray(0, read).includes(0);
	} finally {
		closeSync(fd);
	}
}

/**
 * Finds the TypeScript, JavaScript and Deluge files under the given paths. Follows symbolic links
 * once (a link back into a visited folder is ignored) as long as they lead to a place inside the path
 * being scanned: each given path is a root, and a link leading out of it is skipped. Skips dependency
 * and build folders, files over 2 MB and binary files, and reports every skip with its reason.
 */
export function discover(root: string, paths: readonly string[], options: DiscoveryOptions = {}): Discovery {
	const files: SourceFile[] = [];
	const skipped: SkippedFile[] = [];
	const visited = new Set<string>();
	const matches = (globs: readonly string[] | undefined, relativePath: string) => matchesAny(relativePath, globs ?? []);
	const leadsOut = (path: string, real: string): void => {
		skipped.push({ path, reason: `symbolic link leading outside the scanned folder, to ${real}` });
	};

	const visitFile = (path: string, size: number, outside: string | undefined): void => {
		const relativePath = relativePosix(root, path);
		if (matches(options.ignore, relativePath)) return;
		const language = matches(options.deluge, relativePath) ? 'deluge' : (languageOf(path) ?? (keptDeluge(path, size) ? 'deluge' : undefined));
		if (!language) return;
		if (outside !== undefined) {
			leadsOut(path, outside);
			return;
		}
		if (size > MAX_FILE_LENGTH) {
			skipped.push({ path, reason: `larger than ${MAX_FILE_LENGTH / 1024 / 1024} MB` });
			return;
		}
		try {
			if (looksBinary(path)) {
				skipped.push({ path, reason: 'binary file' });
				return;
			}
		} catch (error) {
			skipped.push({ path, reason: `unreadable: ${(error as Error).message}` });
			return;
		}
		files.push({ path, relativePath, language });
	};

	/** Visits a path under the real path `within` of the root it was found in (none for a given path, which is a root). */
	const visit = (path: string, within: string | undefined): void => {
		let stat;
		let real;
		try {
			stat = statSync(path);
			real = realpathSync(path);
		} catch (error) {
			if (within === undefined) throw error;
			skipped.push({ path, reason: `unreadable: ${(error as Error).message}` });
			return;
		}
		const outside = within === undefined || isInside(within, real) ? undefined : real;
		if (stat.isFile()) {
			if (visited.has(real)) return;
			// A file outside this root may still lie inside another given path.
			if (outside === undefined) visited.add(real);
			visitFile(path, stat.size, outside);
			return;
		}
		if (!stat.isDirectory() || visited.has(real)) return;
		// A folder an ignore glob names (as `files.exclude` does: `**/generated`) is not entered.
		if (within !== undefined && matches(options.ignore, relativePosix(root, path))) return;
		if (outside !== undefined) {
			leadsOut(path, outside);
			return;
		}
		visited.add(real);
		let entries: string[];
		try {
			entries = readdirSync(path).sort();
		} catch (error) {
			skipped.push({ path, reason: `unreadable: ${(error as Error).message}` });
			return;
		}
		for (const name of entries) {
			if (SKIPPED_DIRECTORIES.has(name)) continue;
			visit(join(path, name), within ?? real);
		}
	};

	for (const path of paths) visit(path, undefined);
	return { files, skipped };
}

/** True when the real path `path` is the folder `folder` or lies inside it. */
function isInside(folder: string, path: string): boolean {
	return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A path relative to a root, `/`-separated: what globs and reports name. */
export function relativePosix(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

/** Compiled globs by their text: compiling a glob with many braces costs far more than matching a path. */
const compiledGlobs = new Map<string, Pick<Minimatch, 'match'>>();
/** More distinct globs than configurations ever hold; past this the cache starts again. */
const MAX_COMPILED_GLOBS = 1000;

/** What a glob that expands past the limit matches: nothing (the configuration says why it is refused). */
const REFUSED = { match: () => false };

/** A glob compiled once and kept for every path it is matched against. */
function compiledGlob(glob: string): Pick<Minimatch, 'match'> {
	let compiled = compiledGlobs.get(glob);
	if (!compiled) {
		if (compiledGlobs.size >= MAX_COMPILED_GLOBS) compiledGlobs.clear();
		compiled = braceExpansions(glob) > MAX_GLOB_EXPANSIONS ? REFUSED : new Minimatch(glob, { dot: true });
		compiledGlobs.set(glob, compiled);
	}
	return compiled;
}

/** The globs of a list that expand past the limit: they match nothing. */
export function refusedGlobs(globs: readonly string[]): string[] {
	return globs.filter((g) => braceExpansions(g) > MAX_GLOB_EXPANSIONS);
}

/** True when a root-relative, `/`-separated path matches one of the globs. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
	return globs.some((g) => compiledGlob(g).match(relativePath));
}

/**
 * True when discovery under `root` would pass the file over: it lies in a skipped folder, or it or a
 * folder above it matches an ignore glob. Keeps files the watcher reports in step with indexing.
 */
export function isExcluded(root: string, path: string, options: DiscoveryOptions = {}): boolean {
	const parts = relative(root, path).split(sep);
	if (parts[0] === '..') return true;
	for (let i = 0; i < parts.length; i++) {
		if (i < parts.length - 1 && SKIPPED_DIRECTORIES.has(parts[i])) return true;
		const prefix = parts.slice(0, i + 1).join('/');
		if (matchesAny(prefix, options.ignore ?? [])) return true;
	}
	return leadsOutside(root, path);
}

/** True when the path, links resolved, lies outside the root (as discovery would not follow it); false when it is gone. */
function leadsOutside(root: string, path: string): boolean {
	try {
		return !isInside(realpathSync(root), realpathSync(path));
	} catch {
		return false;
	}
}
