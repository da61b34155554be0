/**
 * Entry points: the code that runs on its own, how often, and what that costs a day.
 * A function is an entry point when the configuration names it, when an annotation gives its runs per
 * day, or when it makes Zoho CRM calls and no other code calls it; a file's top-level code is one too.
 * Runs per day come from the configuration, then the annotation, else 1 (assumed).
 */
import type { EntryPointConfig } from '../config';
import type { FileFacts, Span } from '../facts';
import { parseAnnotation } from '../scan/annotations';
import type { LineMap } from '../text';
import { branchTotal } from './branches';
import type { ChainStep, FileEstimate, WorkspaceContext } from './index';

export type RunsSource = 'zoho-credits.json' | 'settings' | 'command line' | 'annotation' | 'default';

export interface EntryPoint {
	/** The function's name, or `(top level)` for a file's own statements. */
	readonly name: string;
	/** The function's name in the code (where findings point). */
	readonly span: Span;
	/** The whole function, or undefined for top-level statements. */
	readonly body?: Span;
	readonly perRun: number;
	readonly runsPerDay: number;
	readonly runsSource: RunsSource;
	readonly perDay: number;
	readonly shareOfDaily: number;
	/** From the entry point to its first costly request. */
	readonly chain: readonly ChainStep[];
}

export const TOP_LEVEL = '(top level)';

/** `// zoho-credits: runs-per-day=N` lines: each speaks for the declaration on the line below, else for the file. */
function annotatedRuns(text: string): { lines: Map<number, number>; file?: number } {
	const lines = new Map<number, number>();
	let file: number | undefined;
	if (!text.includes('runs-per-day')) return { lines };
	text.split(/\r?\n/).forEach((line, i) => {
		const comment = line.indexOf('//');
		const n = comment < 0 ? undefined : parseAnnotation(line.slice(comment))?.runsPerDay;
		if (n === undefined) return;
		lines.set(i + 1, n);
		file ??= n;
	});
	return { lines, file };
}

function configured(entries: readonly EntryPointConfig[], name: string | undefined, relativePath: string): EntryPointConfig | undefined {
	return entries.find((e) => {
		if (e.function !== undefined) return name !== undefined && (e.function === name || name.endsWith(`.${e.function}`) || e.function.endsWith(`.${name}`));
		return e.file !== undefined && name === undefined && (relativePath === e.file || relativePath.endsWith(`/${e.file.replace(/^\.\//, '')}`));
	});
}

export interface EntryInput {
	readonly facts: FileFacts;
	readonly estimate: FileEstimate;
	readonly text: string;
	readonly lines: LineMap;
	readonly dailyCredits: number;
	readonly entryPoints: { readonly value: readonly EntryPointConfig[]; readonly origin: RunsSource };
	readonly workspace: WorkspaceContext;
}

/** The entry points of one file. */
export function entryPointsOf(input: EntryInput): EntryPoint[] {
	const { facts, estimate, lines, workspace } = input;
	const called = workspace.costs.graph.calledFunctions();
	const annotations = annotatedRuns(input.text);
	const out: EntryPoint[] = [];
	const runs = (name: string | undefined, line: number | undefined): { runsPerDay: number; runsSource: RunsSource } => {
		const fromConfig = configured(input.entryPoints.value, name, workspace.path);
		if (fromConfig) return { runsPerDay: fromConfig.runsPerDay, runsSource: input.entryPoints.origin };
		const annotated = line === undefined ? annotations.file : annotations.lines.get(line);
		if (annotated !== undefined) return { runsPerDay: annotated, runsSource: 'annotation' };
		return { runsPerDay: 1, runsSource: 'default' };
	};
	const push = (name: string, span: Span, body: Span | undefined, perRun: number, chain: readonly ChainStep[], run: { runsPerDay: number; runsSource: RunsSource }) => {
		const perDay = perRun * run.runsPerDay;
		out.push({ name, span, ...(body ? { body } : {}), perRun, ...run, perDay, shareOfDaily: perDay / input.dailyCredits, chain });
	};
	for (const fn of facts.functions ?? []) {
		const line = lines.lineOf(fn.span.start);
		const run = runs(fn.name, line);
		const explicit = run.runsSource !== 'default';
		if (!explicit && called.has(`${workspace.path}#${fn.name}`)) continue;
		const cost = workspace.costs.cost({ path: workspace.path, name: fn.name });
		if (cost.perRun === 0 && !explicit) continue;
		push(fn.name, fn.nameSpan, fn.span, cost.perRun, cost.chain, run);
	}
	// The file's own statements, outside any function.
	const topLevel = estimate.calls.filter((c) => !(facts.functions ?? []).some((f) => f.span.start <= c.call.span.start && c.call.span.end <= f.span.end));
	const perRun = branchTotal(
		topLevel.map((c) => ({ span: c.call.span, value: c.perRun })),
		facts.branches ?? [],
	).total;
	if (perRun > 0) {
		const first = topLevel[0];
		const chain: ChainStep[] = first.wrapper ? [...first.wrapper.chain] : [{ path: workspace.path, span: first.call.span, what: first.operation.operation }];
		push(TOP_LEVEL, { start: 0, end: 0 }, undefined, perRun, chain, runs(undefined, undefined));
	}
	return out;
}
