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

/** A fixed set of scanner threads, started on first use; a thread that dies fails its tasks and is replaced. */
export class ScanPool extends Scanner {
	private readonly workers: Slot[] = [];
	/** The thread open documents are scanned in, so each version starts from the last one's parse. */
	private documentSlot: Slot | undefined;
	private nextId = 0;

	constructor(
		/** The script each worker runs: `dist/scanner.js`, beside the server's bundle. */
		private readonly script: string,
		readonly size = poolSize(),
	) {
		super();
	}

	protected run(task: Omit<Task, 'id'>, document = false): Promise<Result> {
		// A document's parse to drop in a thread that has stopped is gone already.
		if (document && task.document?.text === undefined && !this.documentThread()) return Promise.resolve({ forgotten: true });
		const slot = document ? (this.documentThread() ?? (this.documentSlot = this.leastBusy())) : this.leastBusy();
		if (document) {
			if (task.document?.text === undefined) slot.documents.delete(task.path);
			else slot.documents.add(task.path);
		}
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

	/** Stops an idle thread, unless it holds open documents' parses. */
	private stop(slot: Slot): void {
		if (slot.busy.size > 0 || slot.documents.size > 0) return;
		const index = this.workers.indexOf(slot);
		if (index >= 0) this.workers.splice(index, 1);
		void slot.worker.terminate();
	}

	/** The running thread that holds open documents' parses, if any. */
	private documentThread(): Slot | undefined {
		return this.documentSlot && this.workers.includes(this.documentSlot) ? this.documentSlot : undefined;
	}

	private leastBusy(): Slot {
		if (this.workers.length < this.size) return this.start();
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
			const index = this.workers.indexOf(slot);
			if (index >= 0) this.workers.splice(index, 1);
			// Every kind of task reads a failure: a scan as its reason, a discovery as its error.
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
