/**
 * The workspace report, made incrementally: every file analysed against its folder's settings and
 * totalled. A file's part is kept while nothing it read changed (its facts, a function it calls, the
 * settings, which of its functions others call), so after an edit only the files it touches are
 * analysed again. The CLI, the language server and the bench all make their reports here.
 */
import type { Budget } from './budget';
import { analyzeFacts, type FileAnalysis } from './analysis';
import type { EffectiveSettings } from './config';
import { FunctionCosts } from './estimate';
import type { FileFacts } from './facts';
import { Graph } from './graph';
import { Memo } from './memo';
import { assembleReport, type FileReport, hash, type Locate, reportFile } from './report';
import type { JsonReport, SkippedEntry } from '../../../shared/report';
import { LineStarts } from './text';

/** One file of the workspace as the report reads it. */
export interface ReportSource {
	/** The file's path in the graph. */
	readonly path: string;
	/** Its path in the report: relative to the scan root or the workspace folder, `/`-separated. */
	readonly reportPath: string;
	readonly facts: FileFacts;
	/** The settings of the file's folder, and the function costs under their assumptions. */
	readonly settings: EffectiveSettings;
	readonly costs: FunctionCosts;
	/** The file's text, read only when its part is made again (or a chain leads into it); undefined when unreadable. */
	readonly text: () => string | undefined;
}

/** What a step of `IncrementalReport.steps` has done so far: two steps a file (its calls linked, then its part). */
export interface ReportProgress {
	readonly done: number;
	readonly total: number;
	/** Files analysed again rather than reused. */
	readonly analysed: number;
	/**
	 * The next step takes long (which functions are called, over the whole graph; the first part, which
	 * builds the graph's lookups; the report assembled): a caller that pauses now and then pauses here.
	 */
	readonly heavyNext?: boolean;
}

export interface ReportOptions {
	/** Changes whenever settings may have changed without their objects changing (a counter will do). */
	readonly settingsKey?: string | number;
	/** Files left out before analysis (binary, too large), listed in the report. */
	readonly skipped?: readonly SkippedEntry[];
	/** Called with each file analysed again (the CLI's `explain` keeps them). */
	readonly analysed?: (source: ReportSource, analysis: FileAnalysis) => void;
	/** Called when the analysis cannot take a file: it leaves the total, not the whole report. */
	readonly failed?: (source: ReportSource, error: unknown) => void;
	/**
	 * Fingerprints each file's part in the step that makes or reuses it, so that `digest` only combines
	 * them: a caller that pauses between steps (the server) never hashes the whole report in one go.
	 */
	readonly fingerprint?: boolean;
}

/** A file's part of the report, kept while nothing it read has changed. */
interface Part {
	readonly facts: FileFacts;
	readonly costs: FunctionCosts;
	readonly settingsKey: string | number | undefined;
	readonly reportPath: string;
	/** Which of the file's functions other code calls: whether each is an entry point depends on it. */
	readonly called: string;
	readonly part: FileReport;
}

/** Fingerprints of parts already taken, by part: a part kept from one report to the next is hashed once. */
const DIGESTS = new WeakMap<FileReport, string>();

function digestOf(part: FileReport): string {
	let digest = DIGESTS.get(part);
	if (digest === undefined) {
		digest = hash(JSON.stringify(part));
		DIGESTS.set(part, digest);
	}
	return digest;
}

export class IncrementalReport {
	private parts: Memo<Part> | undefined;
	/** The last report's file parts, in order, for its fingerprint. */
	private lastParts: readonly FileReport[] = [];
	private lastDigest: string | undefined;

	/**
	 * A fingerprint of the last report's file parts, in order: equal when no file's calls, entry points or
	 * findings changed, whatever was analysed again. Cheaper than serialising the whole report, and taken
	 * only when asked (the command line never asks): each part is hashed once while it is kept, in the
	 * step that made it when the report was made with `fingerprint`.
	 */
	get digest(): string {
		this.lastDigest ??= hash(this.lastParts.map(digestOf).join('\n'));
		return this.lastDigest;
	}
	/** The parts of files that hold nothing, by path: the same part from one report to the next, fingerprinted once. */
	private readonly emptyParts = new Map<string, FileReport>();
	/** Line starts of files that chains lead into, while their facts stay the same. */
	private readonly lineStarts = new Map<string, { facts: FileFacts; lines: LineStarts | undefined }>();

	/**
	 * Makes the report of `sources` (in the order given), yielding its progress after each file so a
	 * caller can pause, and returning the report. Drain it at once (`makeReport`) or between other work.
	 */
	*steps(sources: readonly ReportSource[], budget: Budget, options: ReportOptions = {}): Generator<ReportProgress, JsonReport> {
		const byPath = new Map(sources.map((s) => [s.path, s] as const));
		const where: Locate = (path, offset) => {
			const source = byPath.get(path);
			if (!source) return { path, line: 0 };
			let known = this.lineStarts.get(path);
			if (!known || known.facts !== source.facts) {
				const text = source.text();
				known = { facts: source.facts, lines: text === undefined ? undefined : new LineStarts(text) };
				this.lineStarts.set(path, known);
			}
			return { path: source.reportPath, line: known.lines ? known.lines.lineOf(offset) + 1 : 0 };
		};
		const out: FileReport[] = [];
		let analysed = 0;
		let done = 0;
		const total = sources.length * 2;
		// First each file's calls are linked, a step each (whether a function is an entry point depends on them all).
		for (const [i, source] of sources.entries()) {
			source.costs.graph.linkCalls(source.path);
			yield { done: ++done, total, analysed, ...(i === sources.length - 1 ? { heavyNext: true } : {}) };
		}
		// Then which functions are called, from those links: a step of its own.
		for (const graph of new Set(sources.map((s) => s.costs.graph))) graph.calledFunctions();
		// The first part builds the graph's lookups over every file: a long step too.
		if (sources.length > 0) yield { done, total, analysed, heavyNext: true };
		for (const source of sources) {
			const part = this.partOf(source, budget, where, options);
			if (part?.analysed) analysed++;
			if (part) {
				out.push(part.part);
				if (options.fingerprint) digestOf(part.part);
			}
			yield { done: ++done, total, analysed, ...(done === total ? { heavyNext: true } : {}) };
		}
		this.lastParts = out;
		this.lastDigest = undefined;
		// Files that left the workspace leave the caches.
		if (this.parts) for (const path of [...this.parts.keys()]) if (!byPath.has(path)) this.parts.delete(path);
		for (const path of this.lineStarts.keys()) if (!byPath.has(path)) this.lineStarts.delete(path);
		for (const path of this.emptyParts.keys()) if (!byPath.has(path)) this.emptyParts.delete(path);
		return assembleReport(out, budget, options.skipped);
	}

	private partOf(source: ReportSource, budget: Budget, where: Locate, options: ReportOptions): { part: FileReport; analysed: boolean } | undefined {
		const { path, facts, costs, reportPath, settings } = source;
		// A file that holds nothing (no call, loop, function or problem; a file relevance did not read) has an empty part.
		if (holdsNothing(facts)) {
			let part = this.emptyParts.get(path);
			if (part?.file.path !== reportPath || part.file.language !== facts.language) {
				part = { file: { path: reportPath, language: facts.language, calls: [] }, entryPoints: [], findings: [], apis: {} };
				this.emptyParts.set(path, part);
			}
			return { part, analysed: false };
		}
		this.emptyParts.delete(path);
		const graph = costs.graph;
		if (this.parts?.revisions !== graph.revisions) this.parts = new Memo(graph.revisions);
		const known = this.parts.get(path)?.value;
		const called = calledKey(graph, path, facts);
		if (
			known &&
			known.facts === facts &&
			known.costs === costs &&
			known.settingsKey === options.settingsKey &&
			known.reportPath === reportPath &&
			known.called === called
		)
			return { part: known.part, analysed: false };
		const text = source.text();
		if (text === undefined) {
			this.parts.delete(path);
			return undefined;
		}
		let tracked;
		let part: FileReport;
		try {
			tracked = graph.track(() => analyzeFacts(path, text, facts, settings, { path, costs }));
			part = reportFile({ path: reportPath, analysis: tracked.value }, budget, where);
		} catch (error) {
			options.failed?.(source, error);
			this.parts.delete(path);
			return undefined;
		}
		options.analysed?.(source, tracked.value);
		this.parts.set(path, { value: { facts, costs, settingsKey: options.settingsKey, reportPath, called, part }, deps: tracked.deps });
		return { part, analysed: true };
	}
}

/** The report of `sources`, made at once. */
export function makeReport(report: IncrementalReport, sources: readonly ReportSource[], budget: Budget, options?: ReportOptions): JsonReport {
	const steps = report.steps(sources, budget, options);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

function holdsNothing(facts: FileFacts): boolean {
	return (
		facts.language !== 'deluge' &&
		facts.calls.length === 0 &&
		facts.loops.length === 0 &&
		facts.errors.length === 0 &&
		!facts.deferred?.length &&
		!facts.functions?.length &&
		!facts.invocations?.length
	);
}

/**
 * Which of a file's functions other code calls, one character each: whether each is an entry point
 * depends on it, and the graph answers it for the whole workspace without tracking who asked.
 */
export function calledKey(graph: Graph, path: string, facts: FileFacts): string {
	const called = graph.calledFunctions();
	return (facts.functions ?? []).map((f) => (called.has(`${path}#${f.name}`) ? '1' : '0')).join('');
}
