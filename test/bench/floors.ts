/**
 * Floors: what the work the targets describe costs before any analysis, measured in the same run as
 * the baseline. Each is a part every implementation has to do, timed alone: parsing every TypeScript
 * and JavaScript file and visiting each node once; the same parse spread over threads; the parse in a
 * new process, before its code is warm; the parse of only the files that can matter, and the text
 * scan that finds them; and for an edit, TypeScript's incremental parse of the edited file and a
 * message of the facts' size sent to a thread and back.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

export interface FloorText {
	readonly path: string;
	readonly text: string;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function time(run: () => void): number {
	const start = performance.now();
	run();
	return performance.now() - start;
}

const parse = (f: FloorText) => ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest);

/** TypeScript's parse of every file, single-threaded and warm, each tree dropped once parsed: the median of `rounds`. */
export function warmParseMs(files: readonly FloorText[], rounds: number): number {
	return median(Array.from({ length: rounds }, () => time(() => files.forEach(parse))));
}

/** The parse, then one visit of every node (`ts.forEachChild`, nothing done at each): the least a scan does. */
export function parseAndVisitMs(files: readonly FloorText[], rounds: number): number {
	const visit = (node: ts.Node): void => {
		ts.forEachChild(node, visit);
	};
	return median(Array.from({ length: rounds }, () => time(() => files.forEach((f) => visit(parse(f))))));
}

/**
 * The parse spread over `threads` worker threads, each given every n-th file: wall time from asking until
 * the last thread is done. The first round is cold (each thread's code is new); the median of the others is warm.
 */
export async function threadedParseMs(files: readonly FloorText[], threads: number, rounds: number): Promise<{ coldMs: number; warmMs: number }> {
	const source = `
		const { parentPort, workerData } = require('node:worker_threads');
		const ts = require(${JSON.stringify(require.resolve('typescript'))});
		parentPort.on('message', () => {
			for (const f of workerData) ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest);
			parentPort.postMessage('done');
		});`;
	const workers = Array.from({ length: threads }, (_, k) => new Worker(source, { eval: true, workerData: files.filter((_, i) => i % threads === k) }));
	try {
		const times: number[] = [];
		for (let r = 0; r < rounds + 1; r++) {
			const start = performance.now();
			await Promise.all(
				workers.map(
					(w) =>
						new Promise<void>((resolve, reject) => {
							w.once('message', () => resolve());
							w.once('error', reject);
							w.postMessage('go');
						}),
				),
			);
			times.push(performance.now() - start);
		}
		return { coldMs: times[0], warmMs: median(times.slice(1)) };
	} finally {
		await Promise.all(workers.map((w) => w.terminate()));
	}
}

/**
 * The parse in a new Node process, timed inside it from the first file to the last: what a command-line
 * scan pays before its parser is warm (the start of the process and the reading of the files excluded).
 */
export function freshProcessParseMs(files: readonly FloorText[]): number {
	const source = `
		const ts = require(${JSON.stringify(require.resolve('typescript'))});
		const chunks = [];
		process.stdin.on('data', (c) => chunks.push(c));
		process.stdin.on('end', () => {
			const files = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			const start = performance.now();
			for (const f of files) ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest);
			process.stdout.write(String(performance.now() - start));
		});`;
	const result = spawnSync(process.execPath, ['-e', source], { input: JSON.stringify(files), maxBuffer: 1024 * 1024, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`the parse in a new process failed: ${result.stderr}`);
	return Number(result.stdout);
}

/** Where two texts differ, as TypeScript's incremental parse wants it. */
function changeRange(before: string, after: string): ts.TextChangeRange {
	let start = 0;
	const shorter = Math.min(before.length, after.length);
	while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let tail = 0;
	while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
	return ts.createTextChangeRange(ts.createTextSpan(start, before.length - tail - start), after.length - tail - start);
}

/** TypeScript's incremental parse of each version from the one before (nothing else done): p50 and p95 over the versions after the first. */
export function incrementalParseMs(versions: readonly string[], path: string): { p50Ms: number; p95Ms: number } {
	let tree = ts.createSourceFile(path, versions[0], ts.ScriptTarget.Latest);
	const times: number[] = [];
	for (let k = 1; k < versions.length; k++) {
		const range = changeRange(versions[k - 1], versions[k]);
		times.push(time(() => (tree = ts.updateSourceFile(tree, versions[k], range))));
	}
	return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

/** A text of `size` characters sent to an idle thread and back as text, `count` times a few milliseconds apart: p50 and p95. */
export async function threadRoundTripMs(size: number, count: number): Promise<{ p50Ms: number; p95Ms: number }> {
	const worker = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));`, {
		eval: true,
	});
	const text = 'x'.repeat(size);
	try {
		const times: number[] = [];
		for (let k = 0; k < count; k++) {
			const start = performance.now();
			await new Promise<void>((resolve) => {
				worker.once('message', () => resolve());
				worker.postMessage(text);
			});
			times.push(performance.now() - start);
			await new Promise((resolve) => setTimeout(resolve, 3));
		}
		return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
	} finally {
		await worker.terminate();
	}
}

/** How many threads the floors spread work over: the machine's cores. */
export function floorThreads(): number {
	return availableParallelism();
}
