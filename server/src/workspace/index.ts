/**
 * The facts of every source file of the workspace, so a call of a function in a file that is not
 * open is priced too. Files are read and scanned in the background, a few at a time, without
 * blocking the server; open documents replace what the disk says.
 */
import { sep } from 'node:path';
import { languageOf, scanFile } from '../core/analysis';
import type { FileFacts, Language } from '../core/facts';
import { Graph } from '../core/graph';
import { discover, type DiscoveryOptions, type SkippedFile, type SourceFile } from './discover';
import { type Discovered, type ScannedSource, type ScanPool, scanSource } from './scan-pool';
import { readSource } from './small-file';

/** The key a file has in the graph: its path with `/` separators. */
export function graphPath(fsPath: string): string {
	return fsPath.split(sep).join('/');
}

/** The file system path of a graph key. */
export function fsPathOfGraph(path: string): string {
	return path.split('/').join(sep);
}

export interface Cancellation {
	readonly isCancellationRequested: boolean;
}

/**
 * Facts to keep for as long as the workspace is open, copied: names and URL parts cut from a file's
 * text hold on to all of that text (the engine shares it) until the copy lets it go.
 */
function kept(facts: FileFacts): FileFacts {
	return structuredClone(facts);
}

export class WorkspaceIndex {
	private readonly files = new Map<string, FileFacts>();
	private current: Graph | undefined;
	/** Bumped on every change, so analyses made against an older graph are redone. */
	generation = 0;

	get size(): number {
		return this.files.size;
	}

	/** The facts the index holds for a file. */
	get(path: string): FileFacts | undefined {
		return this.files.get(graphPath(path));
	}

	/** Every file's graph path and facts. */
	entries(): IterableIterator<[string, FileFacts]> {
		return this.files.entries();
	}

	/**
	 * The graph of every file's facts. It lives across edits: a change to one file drops only what
	 * depended on it. Only a rebuild of the whole index starts a new graph.
	 */
	graph(): Graph {
		this.current ??= new Graph(this.files);
		return this.current;
	}

	/** Files open in the editor: their facts come from the editor's text, and nothing read from disk replaces them. */
	private readonly open = new Set<string>();

	/** The facts of an open document's current version: they stand for the file until it closes. */
	setOpen(path: string, facts: FileFacts): void {
		this.open.add(graphPath(path));
		this.set(path, facts);
	}

	/** The document closed: the disk speaks for the file again (or, outside the workspace, nothing does). */
	closed(path: string, inWorkspace: boolean): void {
		this.open.delete(graphPath(path));
		if (inWorkspace) this.load(path);
		else this.delete(path);
	}

	/** Puts a file's facts in the index (a scanned open document, or a file read from disk). */
	private set(path: string, facts: FileFacts): void {
		const key = graphPath(path);
		this.files.set(key, facts);
		this.current?.update(key, facts);
		this.generation++;
	}

	delete(path: string): void {
		const key = graphPath(path);
		if (!this.files.delete(key)) return;
		this.current?.update(key, undefined);
		this.generation++;
	}

	/**
	 * Reads and scans one file from disk. A file that is gone, cannot be read, is no regular file or is
	 * too large leaves the index; why it was not read is returned, unless it is gone. An open file is
	 * left as the editor has it.
	 */
	load(path: string, language?: Language): string | undefined {
		const lang = language ?? languageOf(path);
		if (!lang || this.open.has(graphPath(path))) return undefined;
		const text = readSource(path);
		if (text.reason !== undefined) {
			this.delete(path);
			return text.missing ? undefined : text.reason;
		}
		this.set(path, kept(scanFile(text.text, path, lang)));
		return undefined;
	}

	/** The latest load asked for each file: a slower, older scan of it is not applied over a newer one. */
	private readonly loads = new Map<string, number>();
	private loadCount = 0;

	/**
	 * Reads and scans one file from disk in the pool's threads, as `load` does: the server's answers
	 * never wait for it. Resolves with why the file was not read, unless it is gone.
	 */
	async reload(path: string, pool: ScanPool, language?: Language): Promise<string | undefined> {
		const key = graphPath(path);
		const lang = language ?? languageOf(path);
		if (!lang || this.open.has(key)) return undefined;
		const ticket = ++this.loadCount;
		this.loads.set(key, ticket);
		const scanned = await pool.scan(path, lang);
		if (this.loads.get(key) !== ticket) return undefined;
		this.loads.delete(key);
		// Opened in the editor meanwhile: the editor's text wins.
		if (this.open.has(key)) return undefined;
		if ('facts' in scanned) {
			this.set(path, scanned.facts);
			return undefined;
		}
		this.delete(path);
		return scanned.missing ? undefined : scanned.reason;
	}

	/**
	 * Reads every source file under the folders, yielding to the event loop between batches so
	 * requests keep being answered. Files open in the editor are passed over: a document opened
	 * meanwhile is already in the index, from its editor text.
	 */
	async build(
		folders: readonly string[],
		token: Cancellation,
		progress?: (done: number, total: number) => void,
		options: (folder: string) => DiscoveryOptions = () => ({}),
		pool?: ScanPool,
	): Promise<{ skipped: SkippedFile[] }> {
		const skipped: SkippedFile[] = [];
		const found: SourceFile[] = [];
		for (const folder of folders) {
			// In a worker when there is a pool: walking the folders never holds up an answer.
			let discovery: Discovered;
			try {
				discovery = pool ? await pool.discover(folder, options(folder)) : discover(folder, [folder], options(folder));
			} catch (error) {
				discovery = { error: (error as Error).message };
			}
			if ('error' in discovery) {
				skipped.push({ path: folder, reason: `unreadable: ${discovery.error}` });
				continue;
			}
			skipped.push(...discovery.skipped);
			found.push(...discovery.files);
		}
		let done = 0;
		const take = (path: string, scanned: ScannedSource, copy: boolean): void => {
			// Opened in the editor meanwhile: the editor's text wins.
			if ('facts' in scanned) {
				if (!this.open.has(graphPath(path))) this.files.set(graphPath(path), copy ? kept(scanned.facts) : scanned.facts);
			}
			// Deleted meanwhile, it simply is not in the index; replaced or grown past the limit, the reason is noted.
			else if (!scanned.missing) skipped.push({ path, reason: scanned.reason });
		};
		if (pool) {
			// Worker threads read and scan (facts arrive as copies); this thread only files the results.
			const inFlight = new Set<Promise<void>>();
			for (const file of found) {
				if (token.isCancellationRequested) break;
				if (this.open.has(graphPath(file.path))) {
					done++;
					continue;
				}
				const task: Promise<void> = pool.scan(file.path, file.language).then((scanned) => {
					inFlight.delete(task);
					if (!token.isCancellationRequested) take(file.path, scanned, false);
					if (++done % 25 === 0) progress?.(done, found.length);
				});
				inFlight.add(task);
				// A few tasks a worker keep them busy without holding every file's facts in the queue.
				if (inFlight.size >= pool.size * 4) await Promise.race(inFlight);
			}
			await Promise.all(inFlight);
			if (token.isCancellationRequested) return { skipped };
		} else {
			for (const file of found) {
				if (token.isCancellationRequested) return { skipped };
				if (!this.open.has(graphPath(file.path))) take(file.path, scanSource(file.path, file.language), true);
				done++;
				if (done % 25 === 0) {
					progress?.(done, found.length);
					await new Promise((resolve) => setImmediate(resolve));
				}
			}
		}
		progress?.(done, found.length);
		this.current = undefined;
		this.generation++;
		return { skipped };
	}
}
