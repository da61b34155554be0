/**
 * Reads and scans workspace files and open documents in worker threads, so a large or hostile file
 * (two megabytes of broken Deluge, code nested past the parser's stack) never holds up the server's
 * answers, and the server's own thread never loads TypeScript. Each worker runs `dist/scanner.js`
 * (workspace/scanner-thread.ts); facts come back as plain data.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Done, type Result, Scanner, type Task } from './scan-tasks';

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

interface Slot {
	readonly worker: Worker;
	readonly busy: Map<number, (result: Result) => void>;
	/** Open documents whose last parse this thread holds: it is not stopped while it holds any. */
	readonly documents: Set<string>;
	idle?: ReturnType<typeof setTimeout>;
}

/**
 * A fixed set of scanner threads for the workspace's files and one for open documents, each started on
 * first use; a thread that dies fails its tasks and is replaced. Open documents have a thread of their
 * own, so a keystroke never waits for a workspace file being scanned.
 */
export class ScanPool extends Scanner {
	private readonly workers: Slot[] = [];
	/** The thread open documents are scanned in, so each version starts from the last one's parse. */
	private documentSlot: Slot | undefined;
	private nextId = 0;

	constructor(
		/** The script each worker runs: `dist/scanner.js`, beside the server's bundle. */
		private readonly script: string,
		/** Threads for the workspace's files. */
		readonly size = poolSize(),
	) {
		super();
	}

	protected run(task: Omit<Task, 'id'>, document = false): Promise<Result> {
		const forget = document && task.document?.text === undefined;
		// A document's parse to drop in a thread that has stopped is gone already.
		if (forget && !this.documentSlot) return Promise.resolve({ forgotten: true });
		const slot = document ? (this.documentSlot ??= this.start()) : this.leastBusy();
		if (forget) slot.documents.delete(task.path);
		else if (document) slot.documents.add(task.path);
		const id = this.nextId++;
		clearTimeout(slot.idle);
		return new Promise((resolve) => {
			slot.busy.set(id, resolve);
			slot.worker.postMessage({ id, ...task } satisfies Task);
		});
	}

	/** Starts the documents' thread ahead of the first document; unused, it stops when idle like any other. */
	prepareDocuments(): void {
		if (this.documentSlot) return;
		const slot = (this.documentSlot = this.start());
		slot.idle = setTimeout(() => this.stop(slot), IDLE_MS).unref();
	}

	dispose(): void {
		for (const slot of [...this.workers, ...(this.documentSlot ? [this.documentSlot] : [])]) {
			this.drop(slot);
			clearTimeout(slot.idle);
			void slot.worker.terminate();
		}
	}

	/** How many threads run now. */
	get running(): number {
		return this.workers.length + (this.documentSlot ? 1 : 0);
	}

	/** Stops an idle thread, unless it holds open documents' parses. */
	private stop(slot: Slot): void {
		if (slot.busy.size > 0 || slot.documents.size > 0) return;
		this.drop(slot);
		void slot.worker.terminate();
	}

	/** Forgets a thread that stops: the next task starts another. */
	private drop(slot: Slot): void {
		const index = this.workers.indexOf(slot);
		if (index >= 0) this.workers.splice(index, 1);
		if (this.documentSlot === slot) this.documentSlot = undefined;
	}

	private leastBusy(): Slot {
		if (this.workers.length < this.size) {
			const slot = this.start();
			this.workers.push(slot);
			return slot;
		}
		return this.workers.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
	}

	private start(): Slot {
		const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
		const slot: Slot = { worker, busy: new Map<number, (result: Result) => void>(), documents: new Set() };
		worker.on('message', ({ id, result }: Done) => {
			const resolve = slot.busy.get(id);
			slot.busy.delete(id);
			if (slot.busy.size === 0) slot.idle = setTimeout(() => this.stop(slot), IDLE_MS).unref();
			resolve?.(result);
		});
		const fail = (why: string) => {
			this.drop(slot);
			// Every kind of task reads a failure: a scan as its reason, a discovery as its error.
			for (const resolve of slot.busy.values()) resolve({ reason: `cannot be scanned: ${why}`, missing: false, error: why });
			slot.busy.clear();
		};
		worker.on('error', (error) => fail(error.message));
		worker.on('exit', (code) => fail(`the scanner stopped (exit code ${code})`));
		// The server may exit while workers wait for work.
		worker.unref();
		return slot;
	}
}
