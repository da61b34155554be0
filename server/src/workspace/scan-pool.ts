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
/** How long a document that stopped the documents' thread is held back the first time, and at most. */
const FIRST_HOLD_MS = 2_000;
const MAX_HOLD_MS = 60_000;

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
 * first use; a thread that dies fails the task it was running (see `died`) and is replaced. Open
 * documents have a thread of their own, so a keystroke never waits for a workspace file being scanned.
 */
export class ScanPool extends Scanner {
	private readonly workers: Slot[] = [];
	/** The thread open documents are scanned in, so each version starts from the last one's parse. */
	private documentSlot: Slot | undefined;
	private nextId = 0;
	private disposed = false;
	/** Documents that stopped the documents' thread, held back until a time. */
	private readonly heldBack = new Map<string, { until: number; delay: number; reason: string }>();

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

	protected run(task: Omit<Task, 'id'>): Promise<Result> {
		return new Promise((resolve) => this.dispatch({ task: { id: this.nextId++, ...task }, resolve }));
	}

	/** Sends a task to its thread: a document's to the documents' thread, any other to the least busy files' thread. */
	private dispatch(sent: Sent): void {
		const { task } = sent;
		if (!task.document) return this.send(this.leastBusy(), sent);
		if (task.document?.text === undefined) {
			this.heldBack.delete(task.path);
			// A document's parse to drop in a thread that has stopped is gone already.
			if (!this.documentSlot) return sent.resolve({ forgotten: true });
			this.documentSlot.documents.delete(task.path);
		} else {
			const held = this.heldBack.get(task.path);
			if (held && Date.now() < held.until) return sent.resolve({ reason: held.reason, missing: false });
		}
		// Open documents' parses are kept, and each may be large: their thread's heap is not bounded.
		const slot = (this.documentSlot ??= this.start(false));
		if (task.document?.text !== undefined) slot.documents.add(task.path);
		this.send(slot, sent);
	}

	private send(slot: Slot, sent: Sent): void {
		clearTimeout(slot.idle);
		slot.busy.set(sent.task.id, sent);
		slot.worker.postMessage(sent.task);
	}

	/** Starts the documents' thread ahead of the first document; unused, it stops when idle like any other. */
	prepareDocuments(): void {
		if (this.documentSlot) return;
		this.stopWhenIdle((this.documentSlot = this.start(false)));
	}

	dispose(): void {
		this.disposed = true;
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

	/** Stops a thread once it has stayed idle for `IDLE_MS`. */
	private stopWhenIdle(slot: Slot): void {
		slot.idle = setTimeout(() => this.stop(slot), IDLE_MS).unref();
	}

	/** Stops an idle thread, unless it holds open documents' parses. */
	private stop(slot: Slot): void {
		if (slot.busy.size > 0 || slot.documents.size > 0) return;
		this.drop(slot);
		void slot.worker.terminate();
	}

	/**
	 * A thread stopped with tasks unanswered. It runs them in the order sent, so the first is the one it
	 * stopped on: after a bounded thread ran out of memory, that task runs again in a thread without the
	 * bound; otherwise it fails, and a document that stopped the thread is held back for a while, so its
	 * next versions are answered at once instead of starting a thread to stop it on every keystroke. The
	 * tasks behind it are sent again.
	 */
	private died(slot: Slot, why: string, outOfMemory: boolean): void {
		this.drop(slot);
		const [running, ...waiting] = slot.busy.values();
		slot.busy.clear();
		if (!running) return;
		// Every kind of task reads a failure: a scan as its reason, a discovery as its error.
		const failed: Result = { reason: `cannot be scanned: ${why}`, missing: false, error: why };
		if (this.disposed) {
			for (const sent of [running, ...waiting]) sent.resolve(failed);
			return;
		}
		if (outOfMemory) this.send(this.fileThread(false), running);
		else {
			if (running.task.document) this.holdBack(running.task.path, why);
			running.resolve(failed);
		}
		for (const sent of waiting) this.dispatch(sent);
	}

	/** Holds a document back: 2 s after the first stop, twice as long after each next one, at most a minute. */
	private holdBack(key: string, why: string): void {
		const delay = Math.min(MAX_HOLD_MS, 2 * (this.heldBack.get(key)?.delay ?? FIRST_HOLD_MS / 2));
		const reason = `cannot be scanned: ${why} (scanned again when it changes, ${delay / 1000} s from now on)`;
		this.heldBack.set(key, { until: Date.now() + delay, delay, reason });
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
			if (slot.busy.size === 0) this.stopWhenIdle(slot);
			const result = received(done);
			if (sent?.task.document && 'facts' in result) this.heldBack.delete(sent.task.path);
			sent?.resolve(result);
		});
		worker.on('error', (error: Error & { code?: string }) => this.died(slot, error.message, slot.bounded && error.code === 'ERR_WORKER_OUT_OF_MEMORY'));
		worker.on('exit', (code) => this.died(slot, `the scanner stopped (exit code ${code})`, false));
		// The server may exit while workers wait for work.
		worker.unref();
		return slot;
	}
}
