import { delugeTaskOperation, lookupRest, type Operation, type Price, price } from '../catalog';
import { calibrate, type OrgApis } from '../catalog/org-apis';
import {
	boundCount,
	type BranchFact,
	type CallFact,
	type CountReason,
	type DeferredCall,
	type FileFacts,
	type FunctionFact,
	type InvocationFact,
	type IterationSource,
	type LoopBound,
	type LoopFact,
	type RequestTemplate,
	type Span,
} from '../facts';
import { functionNamed, type FunctionRef, type Graph, INDEXED_FROM, isParametric, ownerOf, sdkCall } from '../graph';
import { Memo } from '../memo';
import { branchTotal, type Costed } from './branches';
import { argumentMember, crmPathOf, hasParameter, HOLE, listsAsHoles, PARAMETER, parseBodyMarker, parseListMarker, withoutParameters } from '../scan/zoho-url';
import { parseQueryMarker } from '../scan/coql';

/** What the estimate assumes where the code does not say. */
export interface Assumptions {
	/** Iterations of a loop whose bound cannot be read from the code. */
	readonly defaultLoopIterations: number;
	/** The high end of a loop whose bound is not visible (`assumedIterations.high`); a loop over one page of records ends at the page size instead. */
	readonly assumedIterationsHigh?: number;
	/** Records per module, for pagination loops. */
	readonly moduleSizes?: Readonly<Record<string, number>>;
	/** The org's own API list, when the team imported one: its figures override the catalog's. */
	readonly orgApis?: OrgApis;
}

/** Credits by API name (`Convert Lead`): what one run spends on each. */
export type ByApi = Readonly<Record<string, number>>;

/** Adds `times` × each figure of `from` into `into`. */
function addApis(into: Record<string, number>, from: ByApi, times = 1): void {
	for (const api in from) into[api] = Math.min((into[api] ?? 0) + from[api] * times, Number.MAX_SAFE_INTEGER);
}

/** The totals of the counted items: the point value, its low–high range and the credits by API. */
export function sumCounted(items: Iterable<{ readonly low: number; readonly high: number; readonly apis: ByApi }>): { low: number; high: number; apis: ByApi } {
	let low = 0;
	let high = 0;
	const apis: Record<string, number> = {};
	for (const item of items) {
		low += item.low;
		high += item.high;
		addApis(apis, item.apis);
	}
	return { low, high, apis };
}

/** The high end of a loop of unknown bound when nothing sets it. */
export const ASSUMED_ITERATIONS_HIGH = 100;

export const DEFAULT_ASSUMPTIONS: Assumptions = { defaultLoopIterations: 10, assumedIterationsHigh: ASSUMED_ITERATIONS_HIGH };

/**
 * The product over the loops of their counts (`iterations`) or of one end of their ranges (`low`, `high`);
 * capped, so hundreds of nested loops give a huge number, never Infinity.
 */
export function productOf(loops: readonly LoopUse[], end: 'iterations' | 'low' | 'high'): number {
	return Math.min(
		loops.reduce((product, use) => product * use[end], 1),
		Number.MAX_SAFE_INTEGER,
	);
}

/** A figure kept within what numbers hold exactly. */
function capped(n: number): number {
	return Math.min(n, Number.MAX_SAFE_INTEGER);
}

/** A costed call or call of a function, with its range and its credits by API. */
interface RangedItem extends Costed {
	readonly low: number;
	readonly high: number;
	readonly apis: ByApi;
}

/** One loop's contribution to a call's multiplier. */
export interface LoopUse {
	readonly loopIndex: number;
	readonly loop: LoopFact;
	readonly iterations: number;
	/** The fewest times the loop runs where its count is assumed (once); else the count itself. */
	readonly low: number;
	/**
	 * The most the loop can run as the code and the settings bound it: the page size for a loop over a page's
	 * records, `assumedIterations.high` for any other loop whose bound is not visible; else the count itself.
	 */
	readonly high: number;
	readonly source: IterationSource;
	/** Why the count is what it is: the code's own count, an argument, a module's size, the default. */
	readonly reason: LoopReason;
}

/** Why a loop runs as often as it is counted, as data (core/explain.ts says it in words). */
export type LoopReason =
	| CountReason
	/** The code states a count the scanner did not explain (kept for facts from elsewhere). */
	| { readonly kind: 'stated'; readonly source: IterationSource }
	/** A loop bound by a parameter whose default counts: no call's argument is at hand. */
	| { readonly kind: 'parameter-default'; readonly name: string; readonly n: number }
	/** A loop bound by a parameter, counted from a call's argument: a list's length or a number. */
	| { readonly kind: 'argument'; readonly measure: LoopBound['measure']; readonly name: string; readonly value: number; readonly n: number }
	/** The records of one page of a module of configured size. */
	| { readonly kind: 'page-records'; readonly module: string; readonly records: number; readonly perPage: number }
	/** Pages through a module of configured size. */
	| { readonly kind: 'pages'; readonly module: string; readonly size: number; readonly perPage: number }
	/** The default count: what is not visible, and how far the loop can run (its high end and where that comes from). */
	| {
			readonly kind: 'assumed';
			readonly n: number;
			readonly unseen: 'page-records' | 'pages' | 'bound';
			readonly module?: string;
			readonly low: number;
			readonly high: number;
			readonly highFrom: 'the page size' | 'assumedIterations.high';
	  };

export interface CallEstimate {
	readonly call: CallFact;
	readonly operation: Operation;
	/** The rule applied to what the code shows: credits of one execution, with its range and assumption. */
	readonly price: Price;
	/** Credits of one execution of the call (`price.credits`). */
	readonly credits: number;
	/** Loops around the call, outermost first. */
	readonly loops: readonly LoopUse[];
	/** Product of the loops' iterations (1 outside loops). */
	readonly multiplier: number;
	/** credits × multiplier. */
	readonly perRun: number;
	/** The range of `perRun` where the price depends on data the code does not show (records, a LIMIT, the org's min–max). */
	readonly low: number;
	readonly high: number;
	/** `perRun` by API name (a wrapper's spread over the requests behind it). */
	readonly apis: ByApi;
	/** True when any factor of the number is an assumption rather than read from the code. */
	readonly assumed: boolean;
	/** For a call of a user function that makes Zoho CRM calls: the function, the path to the real call, and how its cost was bounded. */
	readonly wrapper?: {
		readonly target: FunctionRef;
		readonly chain: readonly ChainStep[];
		readonly branchMaximum?: boolean;
		readonly recursive?: boolean;
		readonly heaviest?: Heaviest;
	};
	/** Set when the URL comes from the enclosing function's caller: the call (the first in the workspace) it is shown as. */
	readonly asCalledFrom?: { readonly path: string; readonly span: Span };
}

/** A request's operation and its price a call. */
export interface Heaviest {
	readonly operation: Operation;
	readonly credits: number;
}

/** One step from a wrapper call to the real request: a function call, then the request itself. */
export interface ChainStep {
	readonly path: string;
	readonly span: Span;
	readonly what: string;
}

export interface FileEstimate {
	/** Requests first, then calls of functions that make them (`wrapper`), each in source order. */
	readonly calls: readonly CallEstimate[];
	/**
	 * Credits of one run of the file's code that nothing else calls: its top level and the functions no
	 * other code calls (each assumed to run once). Calls inside functions called elsewhere count there.
	 */
	readonly perRun: number;
}

/** What a run of a user function costs, with the path to its first request. */
export interface FunctionCost {
	readonly perRun: number;
	/** The range of `perRun`, over the same calls. */
	readonly low: number;
	readonly high: number;
	readonly apis: ByApi;
	readonly assumed: boolean;
	/** True when an if/else inside counted only its dearest arm. */
	readonly branchMaximum?: boolean;
	/** True when the function calls itself (directly or around a cycle): the recursive call is counted once, not per level. */
	readonly recursive?: boolean;
	readonly chain: readonly ChainStep[];
	/** The operation of the first request it makes, for the wrapper's hover and report. */
	readonly operation?: Operation;
	/** The dearest single request it makes (through the functions it calls too), for the checks that tell calls apart. */
	readonly heaviest?: Heaviest;
	/** With a call's arguments: the requests they decide and the functions it calls, each as the arguments make it. */
	readonly byArgs?: {
		readonly requests: readonly CallFact[];
		readonly invocations: readonly { readonly index: number; readonly target: FunctionRef; readonly cost: FunctionCost }[];
	};
}

/** Owners of each call and invocation of a file, computed once per list of calls. */
interface Owners {
	readonly calls: (FunctionFact | undefined)[];
	readonly invocations: (FunctionFact | undefined)[];
	/** In a file of many functions, the indexes of the calls and invocations each function owns, made when first asked. */
	owned?: Map<FunctionFact, Owned>;
	/** Each function's deferred requests the graph did not resolve, in order, made when first asked. */
	deferred?: Map<FunctionFact, DeferredCall[]>;
}

interface Owned {
	readonly calls: readonly number[];
	readonly invocations: readonly number[];
}

const OWNERS = new WeakMap<readonly CallFact[], Owners>();

function ownersOf(facts: FileFacts, calls: readonly CallFact[]): Owners {
	let owners = OWNERS.get(calls);
	if (!owners) {
		const functions = facts.functions ?? [];
		owners = { calls: calls.map((c) => ownerOf(functions, c.span)), invocations: (facts.invocations ?? []).map((i) => ownerOf(functions, i.span)) };
		OWNERS.set(calls, owners);
	}
	return owners;
}

const NONE_OWNED: Owned = { calls: [], invocations: [] };

/** The requests of a function that only a call's arguments decide (not among the calls the graph resolved), in order. */
function deferredOf(facts: FileFacts, calls: readonly CallFact[], fn: FunctionFact): DeferredCall[] {
	const owners = ownersOf(facts, calls);
	if (!owners.deferred) {
		owners.deferred = new Map();
		const starts = new Set(calls.map((c) => c.span.start));
		const functions = facts.functions ?? [];
		for (const d of facts.deferred ?? []) {
			const owner = ownerOf(functions, d.span);
			if (!owner || !isParametric(d) || starts.has(d.span.start)) continue;
			const list = owners.deferred.get(owner);
			if (list) list.push(d);
			else owners.deferred.set(owner, [d]);
		}
	}
	return owners.deferred.get(fn) ?? [];
}

/** Each file's branches in the order they start, to find a function's without reading every branch of the file. */
const BRANCHES_BY_START = new WeakMap<readonly BranchFact[], number[]>();

/** The branches inside a function's span, in the file's order. */
function branchesWithin(facts: FileFacts, fn: FunctionFact): BranchFact[] {
	const all = facts.branches ?? [];
	if (all.length < INDEXED_FROM) return all.filter((b) => b.span.start >= fn.span.start && b.span.end <= fn.span.end);
	let order = BRANCHES_BY_START.get(all);
	if (!order) {
		order = all.map((_, i) => i).sort((a, b) => all[a].span.start - all[b].span.start);
		BRANCHES_BY_START.set(all, order);
	}
	// The first branch starting inside the function, then each until one starts past its end.
	let lo = 0;
	let hi = order.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (all[order[mid]].span.start < fn.span.start) lo = mid + 1;
		else hi = mid;
	}
	const inside: number[] = [];
	for (let k = lo; k < order.length && all[order[k]].span.start <= fn.span.end; k++) if (all[order[k]].span.end <= fn.span.end) inside.push(order[k]);
	return inside.sort((a, b) => a - b).map((i) => all[i]);
}

/** The indexes of the calls and invocations a function owns, in order. */
function ownedBy(facts: FileFacts, calls: readonly CallFact[], fn: FunctionFact): Owned {
	const owners = ownersOf(facts, calls);
	const indexes = (list: readonly (FunctionFact | undefined)[]) => {
		const out: number[] = [];
		list.forEach((owner, i) => owner === fn && out.push(i));
		return out;
	};
	if ((facts.functions?.length ?? 0) < INDEXED_FROM) return { calls: indexes(owners.calls), invocations: indexes(owners.invocations) };
	if (!owners.owned) {
		const owned = new Map<FunctionFact, { calls: number[]; invocations: number[] }>();
		const entry = (owner: FunctionFact) => {
			let e = owned.get(owner);
			if (!e) owned.set(owner, (e = { calls: [], invocations: [] }));
			return e;
		};
		owners.calls.forEach((owner, i) => owner && entry(owner).calls.push(i));
		owners.invocations.forEach((owner, i) => owner && entry(owner).invocations.push(i));
		owners.owned = owned;
	}
	return owners.owned.get(fn) ?? NONE_OWNED;
}

/**
 * Costs of user functions across the workspace, each computed once; recursion counts an inner call as
 * free. Each cost remembers the files it read (through the functions it calls too): after the graph
 * updates a file, only the costs that read it are computed again.
 */
export class FunctionCosts {
	private readonly memo: Memo<FunctionCost>;
	/** How many function costs were computed rather than reused: what an edit really cost. */
	computed = 0;

	constructor(
		readonly graph: Graph,
		private readonly assumptions: Assumptions,
	) {
		this.memo = new Memo(graph.revisions);
	}

	/**
	 * What one run of a function costs. `args` are the arguments of a call of it, as string templates:
	 * requests built from its parameters (`zohoRequest('POST', '/Leads')`) are priced with them filled in.
	 */
	cost(ref: FunctionRef, args?: readonly string[]): FunctionCost {
		const key = `${ref.path}#${ref.name}`;
		const memoKey = args ? `${key}(${args.join('\u0000')})` : key;
		// A cost computed inside a cycle is kept only when it found credits: an empty one may be the cycle cut short.
		const nested = this.pricing.size > 0;
		return this.memo.cached(
			memoKey,
			() => {
				this.computed++;
				return this.compute(ref, key, args);
			},
			(cost) => !nested || cost.perRun > 0,
		);
	}

	/**
	 * The functions being priced, the outermost first: a call of one of them is recursion. One set, entered
	 * and left as the pricing goes down and back up, not a copy for each function: a chain of a thousand
	 * functions calling each other, each priced from its own callers' arguments, copied sets of hundreds
	 * of names a hundred thousand times.
	 */
	private readonly pricing = new Set<string>();

	private compute(ref: FunctionRef, key: string, args: readonly string[] | undefined): FunctionCost {
		const facts = this.graph.facts(ref.path);
		const fn = facts && functionNamed(facts, ref.name);
		if (!facts || !fn) return { perRun: 0, low: 0, high: 0, apis: {}, assumed: false, chain: [] };
		const entered = !this.pricing.has(key);
		this.pricing.add(key);
		try {
			return this.computeOf(ref, args, facts, fn);
		} finally {
			if (entered) this.pricing.delete(key);
		}
	}

	private computeOf(ref: FunctionRef, args: readonly string[] | undefined, facts: FileFacts, fn: FunctionFact): FunctionCost {
		const calls = this.graph.callsOf(ref.path);
		const owned = ownedBy(facts, calls, fn);
		// Only this function's own parameters are filled in; others' (closures, fields) stay unknown.
		const fill = (template: string) =>
			args
				? template.replace(PARAMETER, (whole, start: string, i: string, member: string | undefined) =>
						Number(start) !== fn.span.start ? whole : member === undefined ? (args[Number(i)] ?? HOLE) : argumentMember(args[Number(i)], member),
					)
				: template;
		const within = (loops: readonly number[]) => loops.filter((i) => facts.loops[i].span.start >= fn.span.start && facts.loops[i].span.end <= fn.span.end);
		// The argument a call passes for one of this function's parameters (undefined when it passes none).
		const argument = args
			? (marker: string) => {
					PARAMETER.lastIndex = 0;
					const m = PARAMETER.exec(marker);
					// A member of an options object the call passes (`{ modules }` destructured), or the argument itself.
					return m && Number(m[1]) === fn.span.start ? (m[3] === undefined ? args[Number(m[2])] : argumentMember(args[Number(m[2])], m[3])) : undefined;
				}
			: undefined;
		const useOf = (l: number) => boundUse(facts, l, this.assumptions, argument);
		// The function's requests, with the arguments filled in where they shape the URL or the method.
		const requests: CallFact[] = [];
		const decided: CallFact[] = [];
		const called: { index: number; target: FunctionRef; cost: FunctionCost }[] = [];
		for (const i of owned.calls) {
			const call = calls[i];
			const filled = args && call.template ? this.instantiate(ref.path, call, call.template, fill) : call;
			if (filled) requests.push(filled);
		}
		if (args) {
			// Requests only a call's arguments decide (the others the graph resolved already, into `calls`).
			for (const d of deferredOf(facts, calls, fn)) {
				if (d.sdk) {
					const resolve = (t: string) => listsAsHoles(this.graph.resolveString(ref.path, fill(t)));
					const call = sdkCall(d, resolve(d.sdk.receiver), d.sdk.args.map(resolve));
					if (call) requests.push(call);
					continue;
				}
				const call: CallFact = {
					span: d.span,
					via: 'rest',
					callee: d.callee,
					method: d.method,
					path: '',
					loops: d.loops,
					records: d.records,
					coqlLimit: d.coqlLimit,
				};
				const filled = this.instantiate(ref.path, call, { url: d.url, base: d.base, method: d.methodParam, body: d.bodyParam }, fill);
				if (filled) {
					requests.push(filled);
					decided.push(filled);
				}
			}
		}
		const items: RangedItem[] = [];
		let assumed = false;
		let recursive = false;
		let first: { start: number; chain: ChainStep[]; operation?: Operation } | undefined;
		// Each request's or called function's dearest request, by place: a case a call's argument skips does not count.
		const dearest: { span: Span; heaviest: Heaviest }[] = [];
		for (const call of requests) {
			const { operation, price: callPrice } = priceOf(call, this.assumptions);
			dearest.push({ span: call.span, heaviest: { operation, credits: callPrice.credits } });
			const uses = within(call.loops).map(useOf);
			const times = productOf(uses, 'iterations');
			const value = callPrice.credits * times;
			items.push({
				span: call.span,
				value,
				low: callPrice.min * productOf(uses, 'low'),
				high: capped(callPrice.max * productOf(uses, 'high')),
				apis: { [operation.api]: value },
			});
			assumed ||= guessed(operation, callPrice) || uses.some((u) => u.source === 'default');
			if (!first || call.span.start < first.start)
				first = { start: call.span.start, chain: [{ path: ref.path, span: call.span, what: operation.operation }], operation };
		}
		for (const i of owned.invocations) {
			const invocation = facts.invocations![i];
			const target = this.graph.resolve(ref.path, invocation);
			if (!target) continue;
			if (this.pricing.has(`${target.path}#${target.name}`)) {
				recursive = true;
				continue;
			}
			// Arguments are read where they are written: this file's imported constants, this call's parameters.
			const cost = this.cost(
				target,
				invocation.args?.map((a) => this.graph.resolveString(ref.path, fill(a))),
			);
			recursive ||= cost.recursive === true;
			if (cost.perRun === 0) continue;
			if (cost.heaviest) dearest.push({ span: invocation.span, heaviest: cost.heaviest });
			if (args) called.push({ index: i, target, cost });
			const uses = within(invocation.loops).map(useOf);
			const times = productOf(uses, 'iterations');
			const apis: Record<string, number> = {};
			addApis(apis, cost.apis, times);
			items.push({
				span: invocation.span,
				value: cost.perRun * times,
				low: cost.low * productOf(uses, 'low'),
				high: capped(cost.high * productOf(uses, 'high')),
				apis,
			});
			assumed ||= cost.assumed || uses.some((u) => u.source === 'default');
			if (!first || invocation.span.start < first.start) {
				first = {
					start: invocation.span.start,
					chain: [{ path: ref.path, span: invocation.span, what: `${target.name}()` }, ...cost.chain],
					operation: cost.operation,
				};
			}
		}
		// Only one arm of each if/else runs: the dearest counts.
		let branches = branchesWithin(facts, fn);
		// A switch on a parameter the call fills with a literal runs that case alone (else `default`, else none).
		const left = args ? selectedArms(branches, fill) : undefined;
		if (left) {
			branches = left.branches;
			for (let i = items.length - 1; i >= 0; i--)
				if (left.skipped.some((arm) => arm.start <= items[i].span.start && items[i].span.end <= arm.end)) items.splice(i, 1);
		}
		let heaviest: Heaviest | undefined;
		for (const d of dearest) {
			if (left?.skipped.some((arm) => arm.start <= d.span.start && d.span.end <= arm.end)) continue;
			if (!heaviest || d.heaviest.credits > heaviest.credits) heaviest = d.heaviest;
		}
		const { total: perRun, chose, counted } = branchTotal(items, branches);
		const result: FunctionCost = {
			perRun,
			...sumCounted(counted),
			assumed: assumed || recursive,
			chain: first?.chain ?? [],
			operation: first?.operation,
			...(heaviest ? { heaviest } : {}),
			...(chose ? { branchMaximum: true } : {}),
			...(recursive ? { recursive: true } : {}),
			...(args ? { byArgs: { requests: decided, invocations: called } } : {}),
		};
		return result;
	}

	/**
	 * A function whose requests take their URL or method from its parameters, as its first caller makes
	 * it: the caller's place and the cost with its arguments. Undefined when no caller makes it cost anything.
	 */
	asCalled(ref: FunctionRef): { caller: { path: string; span: Span }; cost: FunctionCost } | undefined {
		const key = `${ref.path}#${ref.name}`;
		for (const site of this.graph.callersOf(key).slice(0, 20)) {
			const invocation = this.graph.facts(site.path)?.invocations?.[site.index];
			if (!invocation?.args) continue;
			const cost = this.cost(
				ref,
				invocation.args.map((a) => this.graph.resolveString(site.path, a)),
			);
			if (cost.perRun > 0) return { caller: { path: site.path, span: invocation.span }, cost };
		}
		return undefined;
	}

	/** A request with a call's arguments filled in: undefined when they make it something other than a Zoho CRM request. */
	private instantiate(path: string, call: CallFact, template: RequestTemplate, fill: (t: string) => string): CallFact | undefined {
		let crmPath = call.path;
		if (template.url !== undefined) {
			const url = this.graph.resolveString(path, fill(template.url));
			const base = template.base === undefined ? undefined : this.graph.resolveString(path, fill(template.base));
			const found = crmPathOf(withoutParameters(url), base === undefined ? undefined : withoutParameters(base));
			if (!found) return undefined;
			crmPath = found;
		}
		let method = call.method;
		if (template.method !== undefined) {
			const given = fill(template.method);
			// An options object without a method: the client's default.
			method = given === '' ? 'GET' : /^[a-z]+$/i.test(given) ? given.toUpperCase() : '?';
		}
		// A body the caller passes: the records or LIMIT it shows.
		// A query holding the caller's text: its LIMIT read once the call fills it.
		const filled = template.body === undefined ? undefined : fill(template.body);
		const body = filled === undefined ? undefined : (parseBodyMarker(filled) ?? parseQueryMarker(filled));
		return { ...call, method, path: crmPath, ...body };
	}
}

/** Where the file is in the workspace and how its functions link to others. */
export interface WorkspaceContext {
	readonly path: string;
	readonly costs: FunctionCosts;
}

/** Each loop's calls, with its use, indexed in one pass per estimate: checks ask for every loop of a file. */
const BY_LOOP = new WeakMap<FileEstimate, Map<number, { inside: CallEstimate[]; use: LoopUse }>>();

/** The calls a loop multiplies, and how many times it runs them. */
export function callsInLoop(estimate: FileEstimate, loopIndex: number): { inside: CallEstimate[]; use: LoopUse | undefined } {
	let byLoop = BY_LOOP.get(estimate);
	if (!byLoop) {
		byLoop = new Map();
		for (const call of estimate.calls) {
			for (const use of call.loops) {
				const entry = byLoop.get(use.loopIndex);
				if (entry) entry.inside.push(call);
				else byLoop.set(use.loopIndex, { inside: [call], use });
			}
		}
		BY_LOOP.set(estimate, byLoop);
	}
	return byLoop.get(loopIndex) ?? { inside: [], use: undefined };
}

export function operationOf(call: CallFact): Operation {
	return call.via === 'deluge-task' && call.task ? delugeTaskOperation(call.task) : lookupRest(call.method, call.path);
}

/** True when the operation or its price rests on an assumption: not in the catalog, a computed path, an unseen figure. */
function guessed(operation: Operation, callPrice: Price): boolean {
	return !operation.inCatalog || (operation.alternatives?.length ?? 0) > 0 || callPrice.assumption !== undefined;
}

/** The request behind a call, to look it up in the org's list: its own path, else its operation's template (Deluge tasks). */
function requestOf(call: CallFact, operation: Operation): { method: string; path: string } | undefined {
	if (call.path.startsWith('/crm/')) return { method: call.method, path: call.path };
	const space = operation.operation.indexOf(' ');
	const path = operation.operation.slice(space + 1);
	return space > 0 && path.startsWith('/crm/') ? { method: operation.operation.slice(0, space), path } : undefined;
}

/** A request's operation and the price of one execution of it, with what the code shows; the org's list has the last word. */
function priceOf(call: CallFact, assumptions: Assumptions): { operation: Operation; price: Price } {
	const operation = operationOf(call);
	const basis = price(operation.rule, { records: call.records ?? operation.records, coqlLimit: call.coqlLimit });
	const org = assumptions.orgApis;
	const request = org && requestOf(call, operation);
	const listed = request && org.find(request.method, request.path);
	return listed ? calibrate(operation, basis, listed, org.list.importedAt) : { operation, price: basis };
}

/** Each file's loop uses under the assumptions they were worked out for: every call in a loop asks again. */
const LOOP_USES = new WeakMap<FileFacts, { assumptions: Assumptions; uses: (LoopUse | undefined)[] }>();

/** How often one loop runs: its count, its low and high ends, and why. */
export function loopUse(facts: FileFacts, loopIndex: number, assumptions: Assumptions): LoopUse {
	let cache = LOOP_USES.get(facts);
	if (!cache || !sameLoopAssumptions(cache.assumptions, assumptions)) LOOP_USES.set(facts, (cache = { assumptions, uses: [] }));
	return (cache.uses[loopIndex] ??= describeUse(facts, loopIndex, assumptions));
}

/** Whether two sets of assumptions count loops alike (the org's list prices calls, not loops). */
function sameLoopAssumptions(a: Assumptions, b: Assumptions): boolean {
	return (
		a === b || (a.defaultLoopIterations === b.defaultLoopIterations && a.assumedIterationsHigh === b.assumedIterationsHigh && a.moduleSizes === b.moduleSizes)
	);
}

/** A loop use whose count is known: it runs exactly `n` times. */
function counted(loopIndex: number, loop: LoopFact, n: number, source: IterationSource, reason: LoopReason): LoopUse {
	return { loopIndex, loop, iterations: n, low: n, high: n, source, reason };
}

function describeUse(facts: FileFacts, loopIndex: number, assumptions: Assumptions, byDefault = true): LoopUse {
	const loop = facts.loops[loopIndex];
	if (loop.iterations !== undefined && loop.iterationSource) {
		const n = loop.iterations;
		return counted(loopIndex, loop, n, loop.iterationSource, loop.countReason ?? { kind: 'stated', source: loop.iterationSource });
	}
	// A loop bound by a parameter with a default, where no call's argument is at hand: the default counts.
	if (byDefault && loop.bound?.fallback !== undefined) {
		const n = boundCount(loop.bound, loop.bound.fallback);
		return counted(loopIndex, loop, n, 'literal', { kind: 'parameter-default', name: loop.bound.name, n });
	}
	const n = assumptions.defaultLoopIterations;
	// Where the count is assumed, the loop runs at least once (when it runs at all).
	const low = Math.min(1, n);
	const assumedHigh = Math.max(n, assumptions.assumedIterationsHigh ?? ASSUMED_ITERATIONS_HIGH);
	/** The default count, with its range and where its high end comes from. */
	const assumed = (
		unseen: 'page-records' | 'pages' | 'bound',
		module: string | undefined,
		high: number,
		highFrom: 'the page size' | 'assumedIterations.high',
	): LoopUse => ({
		loopIndex,
		loop,
		iterations: n,
		low,
		high,
		source: 'default',
		reason: { kind: 'assumed', n, unseen, ...(module !== undefined ? { module } : {}), low, high, highFrom },
	});
	if (loop.page) {
		const { module, perPage } = loop.page;
		const size = module === undefined ? undefined : assumptions.moduleSizes?.[module];
		if (size !== undefined) {
			const records = Math.min(size, perPage);
			return counted(loopIndex, loop, records, 'module-size', { kind: 'page-records', module: module!, records, perPage });
		}
		// The code states the page's size: one run can reach it.
		const high = Math.max(n, perPage);
		return assumed('page-records', module, high, 'the page size');
	}
	if (loop.pagination) {
		const { module, perPage } = loop.pagination;
		const size = module === undefined ? undefined : assumptions.moduleSizes?.[module];
		if (size !== undefined) {
			const pages = Math.max(1, Math.ceil(size / perPage));
			return counted(loopIndex, loop, pages, 'module-size', { kind: 'pages', module: module!, size, perPage });
		}
		return assumed('pages', module, assumedHigh, 'assumedIterations.high');
	}
	return assumed('bound', undefined, assumedHigh, 'assumedIterations.high');
}

/**
 * How often a loop runs in a call of its function whose arguments are known: a loop bound by a parameter
 * counts from the argument (a literal number, a list of known length); any other, as `loopUse` says.
 */
function boundUse(facts: FileFacts, loopIndex: number, assumptions: Assumptions, argument: ((marker: string) => string | undefined) | undefined): LoopUse {
	const loop = facts.loops[loopIndex];
	const bound = loop.bound;
	const given = bound && argument?.(bound.param);
	if (!bound || given === undefined || loop.iterations !== undefined) return loopUse(facts, loopIndex, assumptions);
	const length = bound.measure === 'length' ? parseListMarker(given) : /^\d+$/.test(given) ? Number(given) : undefined;
	// An argument the code computes: the parameter's default does not apply.
	if (length === undefined) return describeUse(facts, loopIndex, assumptions, false);
	const n = boundCount(bound, length);
	return counted(loopIndex, loop, n, 'literal', { kind: 'argument', measure: bound.measure, name: bound.name, value: length, n });
}

/** Prices every call of one file and multiplies it by the loops around it; with a workspace, also calls of functions that make requests. */
export function estimateFile(facts: FileFacts, assumptions: Assumptions = DEFAULT_ASSUMPTIONS, workspace?: WorkspaceContext): FileEstimate {
	// In a workspace, requests whose URLs use imported constants are classified too.
	const requests = workspace ? workspace.costs.graph.callsOf(workspace.path) : facts.calls;
	const calls = requests.map((call) => requestEstimate(call, facts, assumptions));
	const costed = (list: readonly CallEstimate[]) => list.map((c) => ({ span: c.call.span, value: c.perRun }));
	if (!workspace) return { calls, perRun: branchTotal(costed(calls), facts.branches ?? []).total };
	const wrappers = wrapperCalls(facts, assumptions, workspace);
	const forwarded = forwardedCalls(facts, assumptions, workspace, requests, wrappers);
	// In a workspace, only code nothing else calls runs on its own.
	const called = workspace.costs.graph.calledFunctions();
	const owners = ownersOf(facts, requests);
	const runsOnItsOwn = (owner: FunctionFact | undefined) => !owner || !called.has(`${workspace.path}#${owner.name}`);
	const own: CallEstimate[] = calls.filter((_, i) => runsOnItsOwn(owners.calls[i]));
	const invocationIndex = new Map((facts.invocations ?? []).map((inv, i) => [inv, i] as const));
	for (const wrapper of wrappers) {
		const i = invocationIndex.get(wrapper.invocation);
		if (i !== undefined && runsOnItsOwn(owners.invocations[i])) own.push(wrapper.estimate);
	}
	return {
		calls: [...calls, ...forwarded.requests, ...wrappers.map((w) => w.estimate), ...forwarded.wrappers],
		perRun: branchTotal(costed(own), facts.branches ?? []).total,
	};
}

/**
 * The branches left when a call's arguments choose the arm of switches on parameters, and the arms
 * skipped; undefined when no switch is decided. A case that falls through runs the next one too.
 */
function selectedArms(branches: readonly BranchFact[], fill: (t: string) => string): { branches: BranchFact[]; skipped: Span[] } | undefined {
	let decided = false;
	const kept: BranchFact[] = [];
	const skipped: Span[] = [];
	for (const branch of branches) {
		const value = branch.on ? fill(branch.on.param) : undefined;
		if (!branch.on || value === undefined || value === branch.on.param || /[\u0001-\u0008\u000e\u0011]/.test(value)) {
			kept.push(branch);
			continue;
		}
		decided = true;
		const { cases, falls } = branch.on;
		let first = cases.indexOf(value);
		if (first < 0) first = cases.indexOf(undefined);
		// The chosen case runs on into the next while it has no break, return or throw of its own.
		let last = first;
		while (last >= 0 && last < cases.length - 1 && falls[last]) last++;
		branch.arms.forEach((arm, i) => {
			if (first < 0 || i < first || i > last) skipped.push(arm);
		});
	}
	return decided ? { branches: kept, skipped } : undefined;
}

/** A request priced, and multiplied by the loops around it. */
function requestEstimate(call: CallFact, facts: FileFacts, assumptions: Assumptions, asCalledFrom?: CallEstimate['asCalledFrom']): CallEstimate {
	const { operation, price: callPrice } = priceOf(call, assumptions);
	const loops = call.loops.map((index) => loopUse(facts, index, assumptions));
	const multiplier = productOf(loops, 'iterations');
	const perRun = callPrice.credits * multiplier;
	return {
		call,
		operation,
		price: callPrice,
		credits: callPrice.credits,
		loops,
		multiplier,
		perRun,
		low: callPrice.min * productOf(loops, 'low'),
		high: capped(callPrice.max * productOf(loops, 'high')),
		apis: { [operation.api]: perRun },
		assumed: loops.some((use) => use.source === 'default') || guessed(operation, callPrice),
		...(asCalledFrom ? { asCalledFrom } : {}),
	};
}

/**
 * Requests and wrapper calls inside functions that take their URL from their callers (`request(options)`,
 * `fetch(url)` in a `zohoRequest(url)`): what they are is known only at a call, so they are shown as the
 * first call of the function in the workspace makes them. They count where that function is called.
 */
function forwardedCalls(
	facts: FileFacts,
	assumptions: Assumptions,
	workspace: WorkspaceContext,
	requests: readonly CallFact[],
	wrappers: readonly { invocation: InvocationFact }[],
): { requests: CallEstimate[]; wrappers: CallEstimate[] } {
	const out = { requests: [] as CallEstimate[], wrappers: [] as CallEstimate[] };
	const functions = facts.functions ?? [];
	const known = new Set(requests.map((c) => c.span.start));
	const wrapped = new Set(wrappers.map((w) => w.invocation));
	// Functions with a request or a call whose URL, method or arguments come from their own parameters and found nothing so far.
	const open = new Set<FunctionFact>();
	for (const d of facts.deferred ?? []) {
		if (known.has(d.span.start) || !isParametric(d)) continue;
		const owner = ownerOf(functions, d.span);
		if (owner) open.add(owner);
	}
	for (const invocation of facts.invocations ?? []) {
		if (wrapped.has(invocation) || !invocation.args?.some(hasParameter)) continue;
		const owner = ownerOf(functions, invocation.span);
		if (owner) open.add(owner);
	}
	for (const fn of open) {
		const context = workspace.costs.asCalled({ path: workspace.path, name: fn.name });
		const byArgs = context?.cost.byArgs;
		if (!context || !byArgs) continue;
		for (const call of byArgs.requests) {
			if (known.has(call.span.start) || ownerOf(functions, call.span) !== fn) continue;
			known.add(call.span.start);
			out.requests.push(requestEstimate(call, facts, assumptions, context.caller));
		}
		for (const { index, target, cost } of byArgs.invocations) {
			const invocation = facts.invocations?.[index];
			if (!invocation || wrapped.has(invocation) || ownerOf(functions, invocation.span) !== fn) continue;
			wrapped.add(invocation);
			out.wrappers.push({ ...wrapperEstimate(invocation, target, cost, facts, assumptions, workspace.costs.graph), asCalledFrom: context.caller });
		}
	}
	return out;
}

function declarationOf(graph: Graph, ref: FunctionRef): Span {
	const facts = graph.facts(ref.path);
	return (facts && functionNamed(facts, ref.name)?.nameSpan) ?? { start: 0, end: 0 };
}

/** Calls of user functions that make Zoho CRM requests, priced at what one run of the function costs. */
function wrapperCalls(facts: FileFacts, assumptions: Assumptions, { path, costs }: WorkspaceContext): { invocation: InvocationFact; estimate: CallEstimate }[] {
	const out: { invocation: InvocationFact; estimate: CallEstimate }[] = [];
	for (const invocation of facts.invocations ?? []) {
		const target = costs.graph.resolve(path, invocation);
		if (!target) continue;
		const cost = costs.cost(
			target,
			invocation.args?.map((a) => costs.graph.resolveString(path, a)),
		);
		if (cost.perRun === 0) continue;
		out.push({ invocation, estimate: wrapperEstimate(invocation, target, cost, facts, assumptions, costs.graph) });
	}
	return out;
}

/** A call of a user function, priced at one run of it (with the call's arguments), times the loops around the call. */
function wrapperEstimate(
	invocation: InvocationFact,
	target: FunctionRef,
	cost: FunctionCost,
	facts: FileFacts,
	assumptions: Assumptions,
	graph: Graph,
): CallEstimate {
	const loops = invocation.loops.map((index) => loopUse(facts, index, assumptions));
	const multiplier = productOf(loops, 'iterations');
	const apis: Record<string, number> = {};
	addApis(apis, cost.apis, multiplier);
	const real = cost.operation;
	const operation: Operation = {
		api: `${target.name}()`,
		operation: real ? real.operation : 'Zoho CRM call (operation unknown)',
		rule: { kind: 'fixed', credits: cost.perRun },
		verification: real?.verification ?? 'default-rule',
		sources: real?.sources ?? [],
		docs: real?.docs ?? '',
		inCatalog: real?.inCatalog ?? false,
	};
	const estimate: CallEstimate = {
		call: { span: invocation.span, via: 'wrapper', callee: invocation.callee, method: '', path: '', loops: invocation.loops },
		operation,
		price: { credits: cost.perRun, min: cost.low, max: cost.high },
		credits: cost.perRun,
		loops,
		multiplier,
		perRun: cost.perRun * multiplier,
		low: cost.low * productOf(loops, 'low'),
		high: capped(cost.high * productOf(loops, 'high')),
		apis,
		assumed: cost.assumed || loops.some((use) => use.source === 'default'),
		wrapper: {
			target,
			chain: [{ path: target.path, span: declarationOf(graph, target), what: `${target.name}()` }, ...cost.chain],
			...(cost.branchMaximum ? { branchMaximum: true } : {}),
			...(cost.recursive ? { recursive: true } : {}),
			...(cost.heaviest ? { heaviest: cost.heaviest } : {}),
		},
	};
	return estimate;
}
