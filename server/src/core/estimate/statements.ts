/**
 * What one run of each Deluge function executes, against the limits the product sets: statements (a
 * loop's statements once per iteration) and calls of other functions. The same loop counts as the credits
 * (point, low and high), and of each if/else only the arm that executes most.
 */
import type { FileFacts, FunctionFact, Span } from '../facts';
import { type Assumptions, type LoopUse, loopUse } from '.';
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
	/** Calls of other Deluge functions (`standalone.x(…)`, `thisapp.y(…)`) one run makes. */
	readonly functionCalls: Ranged;
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

/** The product of a figure over the loops, kept within what numbers hold exactly. */
function product(uses: readonly LoopUse[], pick: (use: LoopUse) => number): number {
	return Math.min(
		uses.reduce((n, use) => n * pick(use), 1),
		Number.MAX_SAFE_INTEGER,
	);
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

/** Each Deluge function's statements and function calls per run, and those of the script around them. */
export function executionsOf(facts: FileFacts, assumptions: Assumptions): FunctionExecution[] {
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
		return { span, loops: used, value: count * product(used, (u) => u.iterations), low: count * product(used, (u) => u.low), high: count * product(used, (u) => u.high) };
	};
	// Statements and calls by the function that holds them (undefined: the script outside functions).
	const groups = new Map<FunctionFact | undefined, { statements: Item[]; calls: Item[] }>();
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
		if (!g) groups.set(owner, (g = { statements: [], calls: [] }));
		return g;
	};
	for (const run of facts.statements) group(run.span).statements.push(item(run.span, run.loops, run.count));
	for (const invocation of facts.invocations ?? []) group(invocation.span).calls.push(item(invocation.span, invocation.loops, 1));
	const out: FunctionExecution[] = [];
	for (const [fn, { statements, calls }] of groups) {
		if (statements.length === 0) continue;
		const s = total(statements, facts);
		const c = total(calls, facts);
		const driver = drivingLoop([...s.loops, ...c.loops]);
		out.push({
			...(fn ? { name: fn.name } : {}),
			span: fn ? fn.nameSpan : statements[0].span,
			statements: s.ranged,
			functionCalls: c.ranged,
			...(driver ? { driver } : {}),
		});
	}
	return out.sort((a, b) => a.span.start - b.span.start);
}
