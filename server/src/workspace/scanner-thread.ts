/**
 * The scanner's side of the scan pool: reading, triaging and scanning files, keeping the last parse of
 * each open document so the next version is parsed again only where it changed. It runs in the pool's
 * threads (`runScanWorker`, the entry of `dist/scanner.js`), or in the calling thread for the tests
 * (`InThreadScanner`). Only this side loads TypeScript: the server's main thread never does.
 */
import { parentPort } from 'node:worker_threads';
import type { FileFacts, Language } from '../core/facts';
import { relevanceOf } from '../core/scan/relevance';
import { scanDocument, scanFile, type ScanState } from '../core/scan/scan-file';
import { discover, type DiscoveryOptions } from './discover';
import { type Discovered, received, type Result, type ScannedSource, Scanner, sent, type Task, type Triaged, type Unread } from './scan-tasks';
import { readSource } from './small-file';

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

function discoverFolder(folder: string, options: DiscoveryOptions): Discovered {
	try {
		return discover(folder, [folder], options);
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
}

/** The last parse of each open document, by its key: the next version starts from it. */
class DocumentScans {
	private readonly states = new Map<string, ScanState>();

	scan(key: string, text: string, language: Language): FileFacts {
		// A parse is used once: should this scan fail, the next starts from scratch, not from a tree it changed.
		const previous = this.states.get(key);
		this.states.delete(key);
		const { facts, state } = scanDocument(text, key, language, previous);
		this.states.set(key, state);
		return facts;
	}

	forget(key: string): void {
		this.states.delete(key);
	}
}

/** Runs one task in this thread; a scan that throws says why instead. */
function runTask(task: Task, documents: DocumentScans): Result {
	if (task.discover) return discoverFolder(task.path, task.discover);
	const language = task.language ?? 'typescript';
	try {
		if (task.document) {
			if (task.document.text === undefined) {
				documents.forget(task.path);
				return { forgotten: true };
			}
			return { facts: documents.scan(task.path, task.document.text, language) };
		}
		return task.triage ? triageSource(task.path, language, task.markers) : scanSource(task.path, language, task.markers);
	} catch (error) {
		return { reason: `cannot be scanned: ${error instanceof Error ? error.message : String(error)}`, missing: false };
	}
}

/** The loop of a worker thread: a task in, its result out. */
export function runScanWorker(): void {
	const port = parentPort;
	if (!port) return;
	const documents = new DocumentScans();
	port.on('message', (task: Task) => port.postMessage(sent(task.id, runTask(task, documents))));
}

/** The scanner in the calling thread: what the pool does, without threads (for the tests). */
export class InThreadScanner extends Scanner {
	readonly size = 1;
	private readonly documents = new DocumentScans();
	private nextId = 0;

	protected run(task: Omit<Task, 'id'>): Promise<Result> {
		// Results cross as they cross from a thread: facts as JSON text where JSON carries them unchanged.
		const id = this.nextId++;
		return Promise.resolve(received(sent(id, runTask({ id, ...task }, this.documents))));
	}

	dispose(): void {}
}
