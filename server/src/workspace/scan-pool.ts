/**
 * Reads and scans workspace files in worker threads, so a large or hostile file (two megabytes of
 * broken Deluge, code nested past the parser's stack) never holds up the server's answers. Each
 * worker runs the server's own bundle; facts come back as plain data.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { scanFile } from '../core/analysis';
import type { FileFacts, Language } from '../core/facts';
import { type RelevanceInput, relevanceOf } from '../core/scan/relevance';
import { type Discovery, discover, type DiscoveryOptions } from './discover';
import { readSource } from './small-file';

/** Why a file was not read (`missing` when it does not exist). */
export type Unread = { readonly reason: string; readonly missing: boolean };

/** A file read and scanned, with what relevance needs of it, or why it was not read. */
export type ScannedSource = { readonly facts: FileFacts; readonly relevance: RelevanceInput } | Unread;

/** A file read for relevance only (not parsed), or why it was not read. */
export type Triaged = { readonly relevance: RelevanceInput } | Unread;

/** Reads one file in this thread and makes something of its text, or says why it could not be read. */
function readThen<T>(path: string, then: (text: string) => T): T | Unread {
	const text = readSource(path);
	return text.reason !== undefined ? { reason: text.reason, missing: text.missing } : then(text.text);
}

/** Reads and scans one file in this thread. */
export function scanSource(path: string, language: Language, markers: readonly string[] = []): ScannedSource {
	return readThen(path, (text) => ({ facts: scanFile(text, path, language), relevance: relevanceOf(text, path, language, markers) }));
}

/** Reads one file for relevance only, in this thread. */
export function triageSource(path: string, language: Language, markers: readonly string[] = []): Triaged {
	return readThen(path, (text) => ({ relevance: relevanceOf(text, path, language, markers) }));
}

/** A file to read and scan (only triage it, with `triage`), or a folder to discover (`discover` set). */
interface Task {
	readonly id: number;
	readonly path: string;
	readonly language?: Language;
	readonly markers?: readonly string[];
	readonly triage?: boolean;
	readonly discover?: DiscoveryOptions;
}

/** What a folder's discovery found, or why it could not be read. */
export type Discovered = Discovery | { readonly error: string };

type Result = ScannedSource | Triaged | Discovered;

interface Done {
	readonly id: number;
	readonly result: Result;
}

/** The loop of a worker thread: a task in, its facts out. */
export function runScanWorker(): void {
	const port = parentPort;
	if (!port) return;
	port.on('message', ({ id, path, language, markers, triage, discover: options }: Task) => {
		let result: Result;
		if (options) {
			try {
				result = discover(path, [path], options);
			} catch (error) {
				result = { error: error instanceof Error ? error.message : String(error) };
			}
			port.postMessage({ id, result } satisfies Done);
			return;
		}
		try {
			result = triage ? triageSource(path, language ?? 'typescript', markers) : scanSource(path, language ?? 'typescript', markers);
		} catch (error) {
			result = { reason: `cannot be scanned: ${error instanceof Error ? error.message : String(error)}`, missing: false };
		}
		port.postMessage({ id, result } satisfies Done);
	});
}

/** A thread idle this long is stopped (its heap and its copy of the parser go); the next task starts one again. */
const IDLE_MS = 500;
/**
 * Each thread's young generation, in MB: garbage of a parse is collected often instead of piling up to
 * V8's default, which keeps the server's resident memory down while a workspace is indexed.
 */
const YOUNG_GENERATION_MB = 2;

/** Workers for a machine: one core stays with the server, at least one worker, at most four. */
export function poolSize(): number {
	return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A fixed set of scanner threads, started on first use; a thread that dies fails its tasks and is replaced. */
export class ScanPool {
	private readonly workers: { worker: Worker; busy: Map<number, (result: Result) => void>; idle?: ReturnType<typeof setTimeout> }[] = [];
	private nextId = 0;

	constructor(
		/** The script each worker runs: the server's bundle, which turns scanner off the main thread. */
		private readonly script: string,
		readonly size = poolSize(),
	) {}

	/** Reads and scans a file in the least busy worker. */
	scan(path: string, language: Language, markers?: readonly string[]): Promise<ScannedSource> {
		return this.run({ path, language, ...(markers?.length ? { markers } : {}) }) as Promise<ScannedSource>;
	}

	/** Reads a file for relevance only (no parse) in the least busy worker. */
	triage(path: string, language: Language, markers?: readonly string[]): Promise<Triaged> {
		return this.run({ path, language, triage: true, ...(markers?.length ? { markers } : {}) }) as Promise<Triaged>;
	}

	/** Finds a folder's source files in a worker: walking thousands of folders never holds up an answer. */
	discover(folder: string, options: DiscoveryOptions): Promise<Discovered> {
		return this.run({ path: folder, discover: options }) as Promise<Discovered>;
	}

	private run(task: Omit<Task, 'id'>): Promise<Result> {
		const slot = this.leastBusy();
		const id = this.nextId++;
		clearTimeout(slot.idle);
		return new Promise((resolve) => {
			slot.busy.set(id, resolve);
			slot.worker.postMessage({ id, ...task } satisfies Task);
		});
	}

	dispose(): void {
		for (const slot of this.workers.splice(0)) {
			clearTimeout(slot.idle);
			void slot.worker.terminate();
		}
	}

	/** How many threads run now. */
	get running(): number {
		return this.workers.length;
	}

	/** Stops an idle thread. */
	private stop(slot: (typeof this.workers)[number]): void {
		if (slot.busy.size > 0) return;
		const index = this.workers.indexOf(slot);
		if (index >= 0) this.workers.splice(index, 1);
		void slot.worker.terminate();
	}

	private leastBusy(): (typeof this.workers)[number] {
		if (this.workers.length < this.size) return this.start();
		return this.workers.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
	}

	private start(): (typeof this.workers)[number] {
		const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
		const slot: (typeof this.workers)[number] = { worker, busy: new Map<number, (result: Result) => void>() };
		worker.on('message', ({ id, result }: Done) => {
			const resolve = slot.busy.get(id);
			slot.busy.delete(id);
			if (slot.busy.size === 0) slot.idle = setTimeout(() => this.stop(slot), IDLE_MS).unref();
			resolve?.(result);
		});
		const fail = (why: string) => {
			const index = this.workers.indexOf(slot);
			if (index >= 0) this.workers.splice(index, 1);
			// Either kind of task reads a failure: a scan as its reason, a discovery as its error.
			for (const resolve of slot.busy.values()) resolve({ reason: `cannot be scanned: ${why}`, missing: false, error: why });
			slot.busy.clear();
		};
		worker.on('error', (error) => fail(error.message));
		worker.on('exit', (code) => fail(`the scanner stopped (exit code ${code})`));
		// The server may exit while workers wait for work.
		worker.unref();
		this.workers.push(slot);
		return slot;
	}
}
