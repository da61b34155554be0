/**
 * The walk of an open document reuses what its last version's walk found. TypeScript's incremental parser
 * hands back the very node of each top-level statement an edit did not touch; such a statement's facts are
 * taken from the last walk, moved by the edit's length, when the statement would start from the same state:
 * the same values under every module-scope name it read or wrote, the same top-level pages, the same
 * evaluation budget left. What it wrote there is put back as the walk had left it. Any doubt walks it again.
 */
import ts from 'typescript';
import type { BranchFact, CallFact, DeferredCall, FunctionFact, ImportFact, InvocationFact, LoopFact, Span } from '../../facts';
import type { PageResponses } from './pages';
import { type Binding, MAX_EVALUATION_STEPS, type Scope, type Value } from './values';

/** The facts one top-level statement adds to its file's, in walk order; loops indexed from the statement's first. */
export interface StatementFacts {
	readonly calls: readonly CallFact[];
	readonly loops: readonly LoopFact[];
	readonly invocations: readonly InvocationFact[];
	readonly deferred: readonly DeferredCall[];
	readonly branches: readonly BranchFact[];
	readonly functions: readonly FunctionFact[];
	readonly imports: readonly ImportFact[];
}

type Page = LoopFact['page'];

/** What the walk of one top-level statement found, and the state it started from and left. */
export interface StatementRecord {
	/** The statement's range (with its leading trivia) in the text it was walked in. */
	readonly pos: number;
	readonly end: number;
	/** The text after the statement to the end of its line: a loop's annotation may stand there. */
	readonly tail: string;
	/** Evaluation steps the statement took. */
	readonly steps: number;
	/** The index of its first loop among the file's. */
	readonly firstLoop: number;
	readonly facts: StatementFacts;
	/** Module-scope names it read or wrote, as they were before it; those it wrote, as it left them. */
	readonly before: ReadonlyMap<string, Binding>;
	readonly after: ReadonlyMap<string, Binding>;
	/** The same for names holding a page of records at the module's top level. */
	readonly pagesBefore: ReadonlyMap<string, Page>;
	readonly pagesAfter: ReadonlyMap<string, Page>;
}

/** The records of a walk, by statement node; `context` is what every statement reads (whether the file is a script, …). */
export interface WalkRecords {
	readonly context: string;
	readonly statements: ReadonlyMap<ts.Node, StatementRecord>;
}

/**
 * Notes each name a statement reads before it writes it, with its value then (`snapshot`), and the names
 * it writes: what it writes without reading first does not decide what it finds. Its maps are made when
 * first needed (most statements of a long file touch nothing).
 */
class Journal<Where, Snapshot> {
	before: Map<string, Snapshot> | undefined;
	written: Set<string> | undefined;

	constructor(private readonly snapshot: (name: string, where: Where) => Snapshot) {}

	read(name: string, where: Where): void {
		if (this.written?.has(name) || this.before?.has(name)) return;
		(this.before ??= new Map()).set(name, this.snapshot(name, where));
	}

	wrote(name: string): void {
		(this.written ??= new Set()).add(name);
	}
}

/** The length of the line's rest an annotation is looked for in (as `loops.ts` reads it). */
const TAIL_REACH = 400;

function tailOf(text: string, end: number): string {
	const reach = text.slice(end, end + TAIL_REACH);
	const lineEnd = reach.indexOf('\n');
	return lineEnd < 0 ? reach : reach.slice(0, lineEnd);
}

/** True when `tailOf(text, end)` is `tail`, read without cutting the text. */
function sameTail(text: string, end: number, tail: string): boolean {
	if (!text.startsWith(tail, end)) return false;
	const after = end + tail.length;
	return tail.length === TAIL_REACH || after >= text.length || text.charCodeAt(after) === 10;
}

/** Where the walk of a file keeps its facts while it runs. */
export interface WalkState {
	readonly text: string;
	readonly scope: Scope;
	readonly pages: PageResponses;
	readonly calls: CallFact[];
	readonly loops: LoopFact[];
	readonly invocations: InvocationFact[];
	readonly deferred: DeferredCall[];
	readonly branches: BranchFact[];
	readonly functions: FunctionFact[];
	readonly imports: ImportFact[];
	/** How many times the walk stopped at its nesting limit so far. */
	readonly stops: () => number;
}

/**
 * Walks the top-level statements of a file through `walk`, reusing the last version's facts where
 * that is sure to give the same, and records each statement for the next version.
 */
export class StatementReuse {
	private readonly records = new Map<ts.Node, StatementRecord>();
	/** Statements whose facts came from the last walk: how many, for tests and measurements. */
	reused = 0;

	constructor(
		private readonly state: WalkState,
		private readonly context: string,
		private readonly last: WalkRecords | undefined,
	) {}

	/** The records for the next version. */
	result(): WalkRecords {
		return { context: this.context, statements: this.records };
	}

	statement(statement: ts.Statement, walk: () => void): void {
		const last = this.last?.context === this.context ? this.last.statements.get(statement) : undefined;
		if (last && this.reuse(statement, last)) return;
		this.record(statement, walk);
	}

	private record(statement: ts.Statement, walk: () => void): void {
		const { state } = this;
		const lengths = [state.calls, state.loops, state.invocations, state.deferred, state.branches, state.functions, state.imports].map((list) => list.length);
		const steps = state.scope.work.steps;
		const stops = state.stops();
		const names = new Journal<Scope, Binding>((name, scope) => scope.binding(name));
		const pages = new Journal<PageResponses, Page>((name, responses) => responses.topLevel(name));
		state.scope.journal = names;
		state.pages.journal = pages;
		try {
			walk();
		} finally {
			state.scope.journal = undefined;
			state.pages.journal = undefined;
		}
		// A statement cut short by the nesting limit or the evaluation budget is walked again every time.
		if (state.stops() !== stops || state.scope.exhausted) return;
		const [calls, loops, invocations, deferred, branches, functions, imports] = lengths;
		const after = new Map<string, Binding>();
		for (const name of names.written ?? []) after.set(name, state.scope.binding(name));
		const pagesAfter = new Map<string, Page>();
		for (const name of pages.written ?? []) pagesAfter.set(name, state.pages.topLevel(name));
		this.records.set(statement, {
			pos: statement.pos,
			end: statement.end,
			tail: tailOf(state.text, statement.end),
			steps: state.scope.work.steps - steps,
			firstLoop: loops,
			facts: {
				calls: sliced(state.calls, calls),
				loops: sliced(state.loops, loops),
				invocations: sliced(state.invocations, invocations),
				deferred: sliced(state.deferred, deferred),
				branches: sliced(state.branches, branches),
				functions: sliced(state.functions, functions),
				imports: sliced(state.imports, imports),
			},
			before: kept(names.before),
			after: kept(after),
			pagesBefore: kept(pages.before),
			pagesAfter: kept(pagesAfter),
		});
	}

	private reuse(statement: ts.Statement, last: StatementRecord): boolean {
		const { state } = this;
		const delta = statement.pos - last.pos;
		if (statement.end - statement.pos !== last.end - last.pos) return false;
		if (state.scope.work.steps + last.steps > MAX_EVALUATION_STEPS) return false;
		if (!sameTail(state.text, statement.end, last.tail)) return false;
		for (const [name, binding] of last.before) if (!sameBinding(binding, state.scope.binding(name))) return false;
		for (const [name, page] of last.pagesBefore) if (!sameValue(page, state.pages.topLevel(name))) return false;
		// A parameter's value written to the module holds its function's offset, which moved with the statement.
		if (delta !== 0) for (const binding of last.after.values()) if (binding.value && holdsParameter(binding.value)) return false;

		for (const [name, binding] of last.after) state.scope.restore(name, binding);
		for (const [name, page] of last.pagesAfter) state.pages.restore(name, page);
		state.scope.work.steps += last.steps;
		const firstLoop = state.loops.length;
		const facts = moved(last.facts, delta, last.pos, last.end, firstLoop - last.firstLoop);
		append(state.calls, facts.calls);
		append(state.loops, facts.loops);
		append(state.invocations, facts.invocations);
		append(state.deferred, facts.deferred);
		append(state.branches, facts.branches);
		append(state.functions, facts.functions);
		append(state.imports, facts.imports);
		this.records.set(statement, facts === last.facts ? last : { ...last, pos: statement.pos, end: statement.end, firstLoop, facts });
		this.reused++;
		return true;
	}
}

/** One empty map for every record that needs one: a file of many thousand statements keeps many records. */
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

function kept<T>(map: ReadonlyMap<string, T> | undefined): ReadonlyMap<string, T> {
	return map === undefined || map.size === 0 ? NONE : map;
}

/** One empty list likewise, for the kinds of facts a statement adds none of. */
const NOTHING: readonly never[] = Object.freeze([]);

function sliced<T>(list: readonly T[], from: number): readonly T[] {
	return list.length === from ? NOTHING : list.slice(from);
}

/** Most statements add a fact or two of a kind, or none. */
function append<T>(list: T[], items: readonly T[]): void {
	for (let i = 0; i < items.length; i++) list.push(items[i]);
}

function sameBinding(a: Binding, b: Binding): boolean {
	return a.shadowed === b.shadowed && sameValue(a.value, b.value);
}

/**
 * Values alike: the same kind and fields, where the syntax they point at (an object literal, a constructor's
 * arguments) is the same node of the tree; a node an edit replaced is another node, and the values differ.
 */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	const quick = sameKnownValue(a, b);
	if (quick !== undefined) return quick;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (isNode(a) || isNode(b)) return false;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
	if (a instanceof Map) {
		if (!(b instanceof Map) || a.size !== b.size) return false;
		for (const [key, value] of a) if (!b.has(key) || !sameValue(value, b.get(key))) return false;
		return true;
	}
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	for (const key of keys) if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
	return true;
}

/** The values most names hold, compared field by field without listing their keys; undefined for the others. */
function sameKnownValue(a: unknown, b: unknown): boolean | undefined {
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return undefined;
	const x = a as Value;
	const y = b as Value;
	if (typeof x.kind !== 'string' || x.kind !== y.kind) return undefined;
	switch (x.kind) {
		case 'string':
			return x.text === (y as typeof x).text;
		case 'number':
			return Object.is(x.value, (y as typeof x).value);
		case 'module':
			return x.specifier === (y as typeof x).specifier;
		case 'user':
		case 'user-instance': {
			const r = x.ref;
			const s = (y as typeof x).ref;
			if (r.kind === 'local') return s.kind === 'local' && r.name === s.name;
			return s.kind === 'import' && r.local === s.local && r.member === s.member && r.instance === s.instance;
		}
		default:
			return undefined;
	}
}

function isNode(x: object): boolean {
	return typeof (x as { kind?: unknown }).kind === 'number' && typeof (x as { pos?: unknown }).pos === 'number';
}

function holdsParameter(value: Value): boolean {
	if (value.kind === 'param') return true;
	if (value.kind === 'object' && value.fields) for (const field of value.fields.values()) if (field && holdsParameter(field)) return true;
	return false;
}

/** Parameter markers (`\u0004start:index`) of functions in `[from, to)`. */
const MARKER = /\u0004(\d+):/g;

/** Facts moved by `delta` offsets, the markers of the functions in `[from, to)` with them, and loop indexes by `loopShift`. */
export function moved(facts: StatementFacts, delta: number, from: number, to: number, loopShift: number): StatementFacts {
	if (delta === 0 && loopShift === 0) return facts;
	const span = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
	const text = <T extends string | undefined>(t: T): T =>
		(t === undefined || !t.includes('\u0004')
			? t
			: t.replace(MARKER, (whole, start: string) => {
					const at = Number(start);
					return at >= from && at < to ? `\u0004${at + delta}:` : whole;
				})) as T;
	const loops = (list: readonly number[]) => (loopShift === 0 ? list : list.map((i) => i + loopShift));
	/** The object with its markers moved in the string fields it has of `keys`. */
	const marked = <T extends object>(o: T, keys: readonly (keyof T)[]): T => {
		const out = { ...o };
		for (const key of keys) if (typeof out[key] === 'string') out[key] = text(out[key] as string) as T[keyof T];
		return out;
	};
	return {
		calls: facts.calls.map((c) => ({
			...c,
			span: span(c.span),
			loops: loops(c.loops),
			...(c.template ? { template: marked(c.template, ['url', 'base', 'body', 'method']) } : {}),
		})),
		loops: facts.loops.map((l) => ({ ...l, span: span(l.span), header: span(l.header), ...(l.bound ? { bound: marked(l.bound, ['param']) } : {}) })),
		invocations: facts.invocations.map((i) => ({ ...i, span: span(i.span), loops: loops(i.loops), ...(i.args ? { args: i.args.map(text) } : {}) })),
		deferred: facts.deferred.map((d) => ({
			...marked(d, ['url', 'base', 'methodParam', 'bodyParam']),
			span: span(d.span),
			loops: loops(d.loops),
			...(d.sdk ? { sdk: { ...d.sdk, receiver: text(d.sdk.receiver), args: d.sdk.args.map(text) } } : {}),
		})),
		branches: facts.branches.map((b) => ({
			...b,
			span: span(b.span),
			arms: b.arms.map(span),
			...(b.on ? { on: marked(b.on, ['param']) } : {}),
		})),
		functions: facts.functions.map((f) => ({ ...f, span: span(f.span), nameSpan: span(f.nameSpan) })),
		imports: facts.imports,
	};
}
