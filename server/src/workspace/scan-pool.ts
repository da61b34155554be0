/**
 * Reads and scans workspace files in worker threads, so a large or hostile file (two megabytes of
 * broken Deluge, code nested past the parser's stack) never holds up the server's answers. Each
 * worker runs the server's own bundle; facts come back as plain data.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { scanFile } from '../core/analysis';
import type { FileFacts, Language } from '../core/facts';
import { readSource } from './small-file';

/** A file read and scanned, or why it was not (`missing` when it does not exist). */
export type ScannedSource = { readonly facts: FileFacts } | { readonly reason: string; readonly missing: boolean };

/** Reads and scans one file in this thread. */
export function scanSource(path: string, language: Language): ScannedSource {
	const text = readSource(path);
	if (text.reason !== undefined) return { reason: text.reason, missing: text.missing };
	return { facts: scanFile(text.text, path, language) };
}

interface Task {
	readonly id: number;
	readonly path: string;
	readonly language: Language;
}

interface Done {
	readonly id: number;
	readonly result: ScannedSource;
}

/** The loop of a worker thread: a task in, its facts out. */
export function runScanWorker(): void {
	const port = parentPort;
	if (!port) return;
	port.on('message', ({ id, path, language }: Task) => {
		let result: ScannedSource;
		try {
			result = scanSource(path, language);
		} catch (error) {
			result = { reason: `cannot be scanned: ${error instanceof Error ? error.message : String(error)}`, missing: false };
		}
		port.postMessage({ id, result } satisfies Done);
	});
}

/** Workers for a machine: one core stays with the server, at least one worker, at most four. */
export function poolSize(): number {
	return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A fixed set of scanner threads, started on first use; a thread that dies fails its tasks and is replaced. */
export class ScanPool {
	private readonly workers: { worker: Worker; busy: Map<number, (result: ScannedSource) => void> }[] = [];
	private nextId = 0;

	constructor(
		/** The script each worker runs: the server's bundle, which turns scanner off the main thread. */
		private readonly script: string,
		readonly size = poolSize(),
	) {}

	/** Reads and scans a file in the least busy worker. */
	scan(path: string, language: Language): Promise<ScannedSource> {
		const slot = this.leastBusy();
		const id = this.nextId++;
		return new Promise((resolve) => {
			slot.busy.set(id, resolve);
			slot.worker.postMessage({ id, path, language } satisfies Task);
		});
	}

	dispose(): void {
		for (const slot of this.workers.splice(0)) void slot.worker.terminate();
	}

	private leastBusy(): (typeof this.workers)[number] {
		if (this.workers.length < this.size) return this.start();
		return this.workers.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
	}

	private start(): (typeof this.workers)[number] {
		const worker = new Worker(this.script);
		const slot = { worker, busy: new Map<number, (result: ScannedSource) => void>() };
		worker.on('message', ({ id, result }: Done) => {
			const resolve = slot.busy.get(id);
			slot.busy.delete(id);
			resolve?.(result);
		});
		const fail = (why: string) => {
			const index = this.workers.indexOf(slot);
			if (index >= 0) this.workers.splice(index, 1);
			for (const resolve of slot.busy.values()) resolve({ reason: `cannot be scanned: ${why}`, missing: false });
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
