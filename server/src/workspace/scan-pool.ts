/**
 * Reads and scans workspace files and open documents in worker threads, so a large or hostile file
 * (two megabytes of broken Deluge, code nested past the parser's stack) never holds up the server's
 * answers, and the server's own thread never loads TypeScript. Each worker runs `dist/scanner.js`
 * (workspace/scanner-thread.ts); facts come back as plain data.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Done, received, type Result, Scanner, type Task } from './scan-tasks';

/** A thread idle this long is stopped (its heap and its copy of the parser go); the next task starts one again. */
const IDLE_MS = 500;
/**
 * Each thread's young generation, in MB: garbage of a parse is collected often instead of piling up to
 * V8's default, which keeps the server's resident memory down while a workspace is indexed.
 */
const YOUNG_GENERATION_MB = 2;
/**
 * The old generation of a thread that scans workspace files, in MB. Without a bound V8 lets the parses'
 * garbage reach about 100 MB before it collects it. Two megabytes of dense calls, near the largest file
 * read, need about half of this; a file that still runs a thread out of memory is scanned again in a
 * thread without the bound.
 */
export const FILE_THREAD_OLD_GENERATION_MB = 256;

/** Workers for a machine: one core stays with the server, at least one worker, at most four. */
export function poolSize(): number {
	return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A task sent to a thread, and who waits for its result. */
interface Sent {
	readonly task: Task;
	readonly resolve: (result: Result) => void;
}

interface Slot {
	readonly worker: Worker;
	/** Tasks sent and not answered, in the order sent: the thread runs them in that order. */
	readonly busy: Map<number, Sent>;
	/** Whether its old generation is bounded (`FILE_THREAD_OLD_GENERATION_MB`). */
	readonly bounded: boolean;
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
		/** The old generation of those threads, in MB. */
		private readonly fileThreadOldGenerationMb = FILE_THREAD_OLD_GENERATION_MB,
	) {
		super();
	}

	protected run(task: Omit<Task, 'id'>, document = false): Promise<Result> {
		const forget = document && task.document?.text === undefined;
		// A document's parse to drop in a thread that has stopped is gone already.
		if (forget && !this.documentSlot) return Promise.resolve({ forgotten: true });
		// Open documents' parses are kept, and each may be large: their thread's heap is not bounded.
		const slot = document ? (this.documentSlot ??= this.start(false)) : this.leastBusy();
		if (forget) slot.documents.delete(task.path);
		else if (document) slot.documents.add(task.path);
		return new Promise((resolve) => this.send(slot, { task: { id: this.nextId++, ...task }, resolve }));
	}

	private send(slot: Slot, sent: Sent): void {
		clearTimeout(slot.idle);
		slot.busy.set(sent.task.id, sent);
		slot.worker.postMessage(sent.task);
	}

	/** Starts the documents' thread ahead of the first document; unused, it stops when idle like any other. */
	prepareDocuments(): void {
		if (this.documentSlot) return;
		const slot = (this.documentSlot = this.start(false));
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

	/**
	 * A bounded thread ran out of memory: the task it was running (the first sent, as it runs them in
	 * order) goes to a new thread without the bound, and the tasks behind it to the other threads.
	 */
	private retryUnbounded(slot: Slot): void {
		const [running, ...waiting] = slot.busy.values();
		slot.busy.clear();
		this.drop(slot);
		if (running) this.send(this.fileThread(false), running);
		for (const sent of waiting) this.send(this.leastBusy(), sent);
	}

	/** Forgets a thread that stops: the next task starts another. */
	private drop(slot: Slot): void {
		const index = this.workers.indexOf(slot);
		if (index >= 0) this.workers.splice(index, 1);
		if (this.documentSlot === slot) this.documentSlot = undefined;
	}

	private leastBusy(): Slot {
		if (this.workers.length < this.size) return this.fileThread(true);
		return this.workers.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
	}

	private fileThread(bounded: boolean): Slot {
		const slot = this.start(bounded);
		this.workers.push(slot);
		return slot;
	}

	private start(bounded: boolean): Slot {
		const worker = new Worker(this.script, {
			resourceLimits: {
				maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
				...(bounded ? { maxOldGenerationSizeMb: this.fileThreadOldGenerationMb } : {}),
			},
		});
		const slot: Slot = { worker, busy: new Map<number, Sent>(), bounded, documents: new Set() };
		worker.on('message', (done: Done) => {
			const sent = slot.busy.get(done.id);
			slot.busy.delete(done.id);
			if (slot.busy.size === 0) slot.idle = setTimeout(() => this.stop(slot), IDLE_MS).unref();
			sent?.resolve(received(done));
		});
		const fail = (why: string) => {
			this.drop(slot);
			// Every kind of task reads a failure: a scan as its reason, a discovery as its error.
			for (const { resolve } of slot.busy.values()) resolve({ reason: `cannot be scanned: ${why}`, missing: false, error: why });
			slot.busy.clear();
		};
		worker.on('error', (error: Error & { code?: string }) => {
			if (slot.bounded && error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.retryUnbounded(slot);
			else fail(error.message);
		});
		worker.on('exit', (code) => fail(`the scanner stopped (exit code ${code})`));
		// The server may exit while workers wait for work.
		worker.unref();
		return slot;
	}
}
