/**
 * Entry points: the code that runs on its own, how often, and what that costs a day.
 * A function is an entry point when the configuration names it, when an annotation gives its runs per
 * day, or when it makes Zoho CRM calls and no other code calls it; a file's top-level code is one too.
 * Runs per day come from the configuration, then the annotation, else 1 (assumed).
 */
import type { EntryPointConfig } from '../config';
import type { FileFacts, FunctionFact, Span } from '../facts';
import { ownerOf } from '../graph';
import { parseAnnotation } from '../scan/annotations';
import type { LineMap } from '../text';
import { branchTotal } from './branches';
import { type ByApi, type CallEstimate, type ChainStep, type FileEstimate, sumCounted, type WorkspaceContext } from './index';

export type RunsSource = 'zoho-credits.json' | 'settings' | 'command line' | 'annotation' | 'default';

export interface EntryPoint {
	/** The function's name, or `(top level)` for a file's own statements. */
	readonly name: string;
	/** The function's name in the code (where findings point). */
	readonly span: Span;
	/** The whole function, or undefined for top-level statements. */
	readonly body?: Span;
	readonly perRun: number;
	/** The range of `perRun` where prices or loop counts depend on data the code does not show. */
	readonly low: number;
	readonly high: number;
	readonly runsPerDay: number;
	readonly runsSource: RunsSource;
	readonly perDay: number;
	readonly perDayLow: number;
	readonly perDayHigh: number;
	/** Credits a day by API name. */
	readonly apisPerDay: ByApi;
	readonly shareOfDaily: number;
	/** From the entry point to its first costly request. */
	readonly chain: readonly ChainStep[];
	/** The costly calls written in it, in source order, and why one does not count: a cheaper branch, or a call of itself. */
	readonly parts: readonly EntryPart[];
	/** True when an if/else counted only its dearest branch. */
	readonly branchMaximum: boolean;
	/** True when a function on its path calls itself: the recursive call counts once. */
	readonly recursive: boolean;
	/** True when any factor of its number, runs per day included, is assumed. */
	readonly assumed: boolean;
}

export interface EntryPart {
	readonly call: CallEstimate;
	readonly excluded?: 'branch' | 'recursion';
}

export const TOP_LEVEL = '(top level)';

/**
 * `// zoho-credits: runs-per-day=N` lines: one right above a declaration speaks for it; the first
 * other one speaks for the file's top-level code.
 */
function annotatedRuns(text: string, declarations: ReadonlySet<number>): { lines: Map<number, number>; file?: number } {
	const lines = new Map<number, number>();
	let file: number | undefined;
	if (!text.includes('runs-per-day')) return { lines };
	text.split(/\r?\n/).forEach((line, i) => {
		const comment = line.indexOf('//');
		const n = comment < 0 ? undefined : parseAnnotation(line.slice(comment))?.runsPerDay;
		if (n === undefined) return;
		if (declarations.has(i + 1)) lines.set(i + 1, n);
		else file ??= n;
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
	const annotations = annotatedRuns(input.text, new Set((facts.functions ?? []).map((f) => lines.lineOf(f.span.start))));
	const out: EntryPoint[] = [];
	const runs = (name: string | undefined, line: number | undefined): { runsPerDay: number; runsSource: RunsSource } => {
		const fromConfig = configured(input.entryPoints.value, name, workspace.path);
		if (fromConfig) return { runsPerDay: fromConfig.runsPerDay, runsSource: input.entryPoints.origin };
		const annotated = line === undefined ? annotations.file : annotations.lines.get(line);
		if (annotated !== undefined) return { runsPerDay: annotated, runsSource: 'annotation' };
		return { runsPerDay: 1, runsSource: 'default' };
	};
	const functions = facts.functions ?? [];
	// The costly calls each function's own code makes (undefined: the top level's), in one pass.
	const owned = new Map<FunctionFact | undefined, CallEstimate[]>();
	for (const c of estimate.calls) {
		if (c.perRun <= 0) continue;
		const owner = ownerOf(functions, c.call.span);
		const list = owned.get(owner);
		if (list) list.push(c);
		else owned.set(owner, [c]);
	}
	/** The costly calls an entry point's own code makes, and which of them its branches count. */
	const partsOf = (owner: FunctionFact | undefined) => {
		const mine = (owned.get(owner) ?? []).sort((a, b) => a.call.span.start - b.call.span.start);
		// A function calling itself: one run of it counts the inner call once, inside what it already costs.
		const itself = (c: CallEstimate) => owner !== undefined && c.wrapper?.target.path === workspace.path && c.wrapper.target.name === owner.name;
		const items = mine.filter((c) => !itself(c)).map((c) => ({ span: c.call.span, value: c.perRun, call: c }));
		const inside = owner ? (facts.branches ?? []).filter((b) => b.span.start >= owner.span.start && b.span.end <= owner.span.end) : (facts.branches ?? []);
		const { total, chose, counted } = branchTotal(items, inside);
		const countedCalls = new Set([...counted].map((i) => i.call));
		const parts = mine.map((call): EntryPart =>
			itself(call) ? { call, excluded: 'recursion' } : countedCalls.has(call) ? { call } : { call, excluded: 'branch' },
		);
		return { total, chose, parts, ...sumCounted(countedCalls) };
	};
	const push = (
		name: string,
		span: Span,
		body: Span | undefined,
		{ parts, chose }: { parts: EntryPart[]; chose: boolean },
		cost: {
			perRun: number;
			low: number;
			high: number;
			apis: ByApi;
			chain: readonly ChainStep[];
			branchMaximum?: boolean;
			recursive?: boolean;
			assumed?: boolean;
		},
		run: { runsPerDay: number; runsSource: RunsSource },
	) => {
		const perDay = cost.perRun * run.runsPerDay;
		const apisPerDay: Record<string, number> = {};
		for (const api in cost.apis) apisPerDay[api] = cost.apis[api] * run.runsPerDay;
		const recursive = cost.recursive === true || parts.some((p) => p.excluded === 'recursion' || p.call.wrapper?.recursive === true);
		const assumed = run.runsSource === 'default' || cost.assumed === true || parts.some((p) => !p.excluded && p.call.assumed);
		out.push({
			name,
			span,
			...(body ? { body } : {}),
			perRun: cost.perRun,
			low: cost.low,
			high: cost.high,
			...run,
			perDay,
			perDayLow: cost.low * run.runsPerDay,
			perDayHigh: cost.high * run.runsPerDay,
			apisPerDay,
			shareOfDaily: perDay / input.dailyCredits,
			chain: cost.chain,
			parts,
			branchMaximum: chose || cost.branchMaximum === true || parts.some((p) => !p.excluded && p.call.wrapper?.branchMaximum === true),
			recursive,
			assumed,
		});
	};
	for (const fn of functions) {
		const line = lines.lineOf(fn.span.start);
		const run = runs(fn.name, line);
		const explicit = run.runsSource !== 'default';
		if (!explicit && called.has(`${workspace.path}#${fn.name}`)) continue;
		const cost = workspace.costs.cost({ path: workspace.path, name: fn.name });
		if (cost.perRun === 0 && !explicit) continue;
		push(fn.name, fn.nameSpan, fn.span, partsOf(fn), cost, run);
	}
	// The file's own statements, outside any function.
	const top = partsOf(undefined);
	if (top.total > 0) {
		const first = top.parts[0].call;
		const chain: ChainStep[] = first.wrapper ? [...first.wrapper.chain] : [{ path: workspace.path, span: first.call.span, what: first.operation.operation }];
		push(
			TOP_LEVEL,
			{ start: 0, end: 0 },
			undefined,
			top,
			{ perRun: top.total, low: top.low, high: top.high, apis: top.apis, chain },
			runs(undefined, undefined),
		);
	}
	return out;
}

/** A function that makes Zoho CRM calls but runs only when other code calls it. */
export interface HelperCost {
	readonly name: string;
	/** The function's name in the code. */
	readonly span: Span;
	/** One run of it, with its parameters unknown; each call of it is priced with its own arguments. */
	readonly perRun: number;
	readonly assumed: boolean;
}

/** The file's credit-bearing functions that are not entry points. */
export function helpersOf(facts: FileFacts, entryPoints: readonly EntryPoint[], workspace: WorkspaceContext): HelperCost[] {
	const entries = new Set(entryPoints.map((e) => e.name));
	const out: HelperCost[] = [];
	for (const fn of facts.functions ?? []) {
		if (entries.has(fn.name)) continue;
		const cost = workspace.costs.cost({ path: workspace.path, name: fn.name });
		if (cost.perRun > 0) out.push({ name: fn.name, span: fn.nameSpan, perRun: cost.perRun, assumed: cost.assumed });
	}
	return out;
}
