/**
 * What one run of each Deluge function executes, against the limits the product sets: statements (a
 * loop's statements once per iteration; the same loop counts as the credits, point, low and high, and of
 * each if/else only the arm that executes most), and how deep its calls of other functions nest.
 */
import type { FileFacts, FunctionFact, InvocationFact, Span } from '../facts';
import { type FunctionRef, type Graph, ownerOf } from '../graph';
import { type Assumptions, type LoopUse, loopUse, productOf } from '.';
import { branchTotal } from './branches';
import { drivingLoop } from './driving-loop';

/** A count with its range where loop counts are assumed. */
export interface Ranged {
	readonly perRun: number;
	readonly low: number;
	readonly high: number;
}

export interface FunctionExecution {
	/** The function's name, or undefined for the statements of a script outside any function. */
	readonly name?: string;
	/** The function's name in the text (its code lens and hover sit there); the first statement's for a script. */
	readonly span: Span;
	readonly statements: Ranged;
	/** How deep its calls of other Deluge functions nest (`standalone.x(…)` calling `standalone.y(…)`: 2), with a workspace. */
	readonly nesting?: Nesting;
	/** The loop whose high end lies furthest past its count, when any does. */
	readonly driver?: LoopUse;
}

interface Item {
	readonly span: Span;
	readonly value: number;
	readonly low: number;
	readonly high: number;
	readonly loops: readonly LoopUse[];
}

function total(items: readonly Item[], facts: FileFacts): { ranged: Ranged; loops: LoopUse[] } {
	const { total: perRun, counted } = branchTotal(items, facts.branches ?? []);
	let low = 0;
	let high = 0;
	const loops: LoopUse[] = [];
	for (const item of counted) {
		low += item.low;
		high += item.high;
		loops.push(...item.loops);
	}
	return { ranged: { perRun, low: Math.min(low, Number.MAX_SAFE_INTEGER), high: Math.min(high, Number.MAX_SAFE_INTEGER) }, loops };
}

/** Nested calls below a function: the longest chain of calls of other functions, and whether one leads back to it. */
export interface Nesting {
	readonly depth: number;
	/** Through which function the chain comes back, when it does. */
	readonly recursive?: string;
}

/** Each function's calls of other functions, by the function's name: worked out once per scan of a file. */
const BY_FUNCTION = new WeakMap<FileFacts, Map<string, InvocationFact[]>>();

function invocationsByFunction(facts: FileFacts): Map<string, InvocationFact[]> {
	let byName = BY_FUNCTION.get(facts);
	if (!byName) {
		byName = new Map();
		const functions = facts.functions ?? [];
		for (const invocation of facts.invocations ?? []) {
			const owner = ownerOf(functions, invocation.span);
			if (!owner) continue;
			const list = byName.get(owner.name);
			if (list) list.push(invocation);
			else byName.set(owner.name, [invocation]);
		}
		BY_FUNCTION.set(facts, byName);
	}
	return byName;
}

/** Chains longer than this are not followed further: the limits of every product lie below it. */
const MAX_FOLLOWED_DEPTH = 200;

/** Functions one question visits at most: far more than a workspace's Deluge functions, short of a blow-up on cycles. */
const MAX_VISITS = 10_000;

/**
 * How deep the calls below a Deluge function nest, through the workspace: `depth` is the longest chain of calls
 * (0 for a function that calls none), `recursive` the function whose call leads back into it before it returns.
 * Cycles that do not come back to it are cut where they close.
 */
export function nestingOf(graph: Graph, ref: FunctionRef): Nesting {
	const key = (r: FunctionRef) => `${r.path}#${r.name}`;
	const root = key(ref);
	const finished = new Map<string, number>();
	const open = new Set<string>();
	let visits = 0;
	let recursive: string | undefined;
	const depthOf = (r: FunctionRef, via: string): { depth: number; cut: boolean } => {
		const k = key(r);
		if (k === root && open.size > 0) {
			recursive ??= via;
			return { depth: 0, cut: true };
		}
		const known = finished.get(k);
		if (known !== undefined) return { depth: known, cut: false };
		if (open.has(k) || open.size >= MAX_FOLLOWED_DEPTH || ++visits > MAX_VISITS) return { depth: 0, cut: true };
		open.add(k);
		const facts = graph.facts(r.path);
		let depth = 0;
		let cut = false;
		for (const invocation of (facts && invocationsByFunction(facts).get(r.name)) ?? []) {
			const target = graph.resolve(r.path, invocation);
			if (!target) continue;
			const inner = depthOf(target, r.name);
			depth = Math.max(depth, 1 + inner.depth);
			cut ||= inner.cut;
		}
		open.delete(k);
		// A figure cut short by a cycle holds only for this question.
		if (!cut) finished.set(k, depth);
		return { depth, cut };
	};
	const { depth } = depthOf(ref, ref.name);
	return { depth, ...(recursive !== undefined ? { recursive } : {}) };
}

/** Each Deluge function's statements per run, and those of the script around them; with a graph, how deep its calls nest. */
export function executionsOf(facts: FileFacts, assumptions: Assumptions, workspace?: { graph: Graph; path: string }): FunctionExecution[] {
	if (!facts.statements) return [];
	const functions = facts.functions ?? [];
	const uses = new Map<number, LoopUse>();
	const usesOf = (indices: readonly number[]) =>
		indices.map((i) => {
			let use = uses.get(i);
			if (!use) uses.set(i, (use = loopUse(facts, i, assumptions)));
			return use;
		});
	const item = (span: Span, loops: readonly number[], count: number): Item => {
		const used = usesOf(loops);
		return { span, loops: used, value: count * productOf(used, 'iterations'), low: count * productOf(used, 'low'), high: count * productOf(used, 'high') };
	};
	// Statements by the function that holds them (undefined: the script outside functions).
	const groups = new Map<FunctionFact | undefined, { statements: Item[] }>();
	// Deluge functions do not nest: the holder of a span is the last function starting before it, if it reaches it.
	const sorted = [...functions].sort((a, b) => a.span.start - b.span.start);
	const ownerAt = (span: Span): FunctionFact | undefined => {
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (sorted[mid].span.start <= span.start) lo = mid + 1;
			else hi = mid;
		}
		const candidate = sorted[lo - 1];
		return candidate && span.end <= candidate.span.end ? candidate : undefined;
	};
	const group = (span: Span) => {
		const owner = ownerAt(span);
		let g = groups.get(owner);
		if (!g) groups.set(owner, (g = { statements: [] }));
		return g;
	};
	for (const run of facts.statements) group(run.span).statements.push(item(run.span, run.loops, run.count));
	const out: FunctionExecution[] = [];
	for (const [fn, { statements }] of groups) {
		if (statements.length === 0) continue;
		const s = total(statements, facts);
		const driver = drivingLoop(s.loops);
		const nesting = fn && workspace ? nestingOf(workspace.graph, { path: workspace.path, name: fn.name }) : undefined;
		out.push({
			...(fn ? { name: fn.name } : {}),
			span: fn ? fn.nameSpan : statements[0].span,
			statements: s.ranged,
			...(nesting ? { nesting } : {}),
			...(driver ? { driver } : {}),
		});
	}
	return out.sort((a, b) => a.span.start - b.span.start);
}
