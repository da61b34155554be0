/**
 * The facts of every source file of the workspace, so a call of a function in a file that is not
 * open is priced too. Files are read and scanned in the background, a few at a time, without
 * blocking the server; open documents replace what the disk says.
 */
import { sep } from 'node:path';
import { languageOf } from '../core/analysis';
import type { FileFacts, Language } from '../core/facts';
import { Graph } from '../core/graph';
import { linksOfFile, type RelevanceInput, relevantFiles, sameRelevance, unreadFacts } from '../core/scan/relevance';
import type { DiscoveryOptions, SkippedFile, SourceFile } from './discover';
import type { Discovered, ScannedSource, Scanner, Triaged } from './scan-tasks';

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

export class WorkspaceIndex {
	private readonly files = new Map<string, FileFacts>();
	private current: Graph | undefined;
	/** What relevance knows of each file (core/scan/relevance.ts): whether it matters alone, what it links to. */
	private readonly relevance = new Map<string, RelevanceInput>();
	/**
	 * Files held with empty facts because nothing that can matter reached them when the workspace was
	 * indexed, by graph path with their language. A change that links one to a file that matters has it
	 * read (`promote`).
	 */
	private readonly unread = new Map<string, Language>();
	/** Names of configured entry points in every folder: a file declaring one matters. */
	private markers: readonly string[] = [];
	/** Called once files that were not read have been read, because a change linked them to one that matters. */
	onPromoted: (() => void) | undefined;
	/** Bumped on every change, so analyses made against an older graph are redone. */
	generation = 0;

	constructor(
		/** Where files are read and scanned: the pool's threads in the server. */
		private readonly scanner: Scanner,
	) {}

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

	/**
	 * The facts of an open document's current version: they stand for the file until it closes. An open
	 * document counts as mattering; what it imports and what imports it are read if they were not.
	 */
	setOpen(path: string, facts: FileFacts, text?: string): void {
		const key = graphPath(path);
		this.open.add(key);
		this.unread.delete(key);
		this.set(path, facts);
		if (text !== undefined) this.learn(key, { language: facts.language, matters: true, links: linksOfFile(text, facts.language) });
	}

	/** Records what relevance knows of a file; when that changed, files it now reaches are read. */
	private learn(key: string, relevance: RelevanceInput): void {
		if (sameRelevance(this.relevance.get(key), relevance)) return;
		this.relevance.set(key, relevance);
		this.promote();
	}

	/** Reads the files left unread that a file that matters now reaches (in the pool's threads when there is one). */
	private promote(): void {
		if (this.unread.size === 0) return;
		const relevant = relevantFiles(this.relevance);
		const reached = [...this.unread].filter(([key]) => relevant.has(key));
		if (reached.length === 0) return;
		for (const [key] of reached) this.unread.delete(key);
		void Promise.all(reached.map(([key, language]) => this.reload(fsPathOfGraph(key), language))).then(() => this.onPromoted?.());
	}

	/**
	 * The document closed: the disk speaks for the file again (or, outside the workspace, nothing does).
	 * Resolves once the file is read again.
	 */
	async closed(path: string, inWorkspace: boolean): Promise<void> {
		this.open.delete(graphPath(path));
		if (inWorkspace) await this.reload(path);
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
		this.relevance.delete(key);
		this.unread.delete(key);
		if (!this.files.delete(key)) return;
		this.current?.update(key, undefined);
		this.generation++;
	}

	/** The latest load asked for each file: a slower, older scan of it is not applied over a newer one. */
	private readonly loads = new Map<string, number>();
	private loadCount = 0;

	/**
	 * Reads and scans one file from disk, in the scanner's threads: the server's answers never wait for
	 * it. A file that is gone, cannot be read, is no regular file or is too large leaves the index; the
	 * promise resolves with why it was not read, unless it is gone. An open file is left as the editor has it.
	 */
	async reload(path: string, language?: Language): Promise<string | undefined> {
		const key = graphPath(path);
		const lang = language ?? languageOf(path);
		if (!lang || this.open.has(key)) return undefined;
		const ticket = ++this.loadCount;
		this.loads.set(key, ticket);
		const scanned = await this.scanner.scan(path, lang, this.markers);
		if (this.loads.get(key) !== ticket) return undefined;
		this.loads.delete(key);
		// Opened in the editor meanwhile: the editor's text wins.
		if (this.open.has(key)) return undefined;
		if ('facts' in scanned) {
			this.unread.delete(key);
			this.set(path, scanned.facts);
			this.learn(key, scanned.relevance);
			return undefined;
		}
		this.delete(path);
		return scanned.missing ? undefined : scanned.reason;
	}

	/** Runs a task on each file in the scanner, a few in flight a thread. */
	private async each(files: readonly SourceFile[], token: Cancellation, task: (file: SourceFile) => Promise<void>): Promise<void> {
		const inFlight = new Set<Promise<void>>();
		for (const file of files) {
			if (token.isCancellationRequested) break;
			const running: Promise<void> = task(file).then(() => {
				inFlight.delete(running);
			});
			inFlight.add(running);
			// A few tasks a thread keep it busy without holding every file's facts in the queue.
			if (inFlight.size >= this.scanner.size * 4) await Promise.race(inFlight);
		}
		await Promise.all(inFlight);
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
	): Promise<{ skipped: SkippedFile[] }> {
		const skipped: SkippedFile[] = [];
		const found: SourceFile[] = [];
		for (const folder of folders) {
			// In a scanner thread: walking the folders never holds up an answer.
			const discovery: Discovered = await this.scanner.discover(folder, options(folder));
			if ('error' in discovery) {
				skipped.push({ path: folder, reason: `unreadable: ${discovery.error}` });
				continue;
			}
			skipped.push(...discovery.skipped);
			found.push(...discovery.files);
		}
		this.markers = [...new Set(folders.flatMap((folder) => options(folder).markers ?? []))];
		// First every file is read for relevance only: whether it matters alone, what it links to.
		const triaged: SourceFile[] = [];
		const learnt = (file: SourceFile, result: Triaged): void => {
			if ('relevance' in result) {
				this.relevance.set(graphPath(file.path), result.relevance);
				triaged.push(file);
			} else if (!result.missing) skipped.push({ path: file.path, reason: result.reason });
		};
		await this.each(
			found.filter((file) => !this.open.has(graphPath(file.path))),
			token,
			(file) => this.scanner.triage(file.path, file.language, this.markers).then((result) => learnt(file, result)),
		);
		if (token.isCancellationRequested) return { skipped };
		// Then the files that can matter are parsed; the others are held with empty facts until something reaches them.
		const relevant = relevantFiles(this.relevance);
		let done = found.length - triaged.length;
		const take = (path: string, scanned: ScannedSource): void => {
			// Opened in the editor meanwhile: the editor's text wins.
			const key = graphPath(path);
			if ('facts' in scanned) {
				if (!this.open.has(key)) {
					this.files.set(key, scanned.facts);
					this.relevance.set(key, scanned.relevance);
					this.unread.delete(key);
				}
			}
			// Deleted meanwhile, it simply is not in the index; replaced or grown past the limit, the reason is noted.
			else if (!scanned.missing) skipped.push({ path, reason: scanned.reason });
		};
		const toScan: SourceFile[] = [];
		for (const file of triaged) {
			const key = graphPath(file.path);
			if (relevant.has(key)) toScan.push(file);
			else if (!this.open.has(key)) {
				this.files.set(key, unreadFacts(file.language));
				this.unread.set(key, file.language);
				done++;
			}
		}
		progress?.(done, found.length);
		await this.each(toScan, token, (file) =>
			this.scanner.scan(file.path, file.language, this.markers).then((scanned) => {
				if (!token.isCancellationRequested) take(file.path, scanned);
				if (++done % 25 === 0) progress?.(done, found.length);
			}),
		);
		if (token.isCancellationRequested) return { skipped };
		progress?.(done, found.length);
		this.current = undefined;
		this.generation++;
		return { skipped };
	}
}
