import { delugeTaskOperation, lookupRest, type Operation, type Price, price } from '../catalog';
import type { CallFact, FileFacts, IterationSource, LoopFact } from '../facts';

/** What the estimate assumes where the code does not say. */
export interface Assumptions {
	/** Iterations of a loop whose bound cannot be read from the code. */
	readonly defaultLoopIterations: number;
	/** Records per module, for pagination loops. */
	readonly moduleSizes?: Readonly<Record<string, number>>;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = { defaultLoopIterations: 10 };

/** One loop's contribution to a call's multiplier. */
export interface LoopUse {
	readonly loopIndex: number;
	readonly loop: LoopFact;
	readonly iterations: number;
	readonly source: IterationSource;
	/** "literal list of 5 items", "default of 10 iterations: bound not visible". */
	readonly reason: string;
}

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
	/** True when any factor of the number is an assumption rather than read from the code. */
	readonly assumed: boolean;
}

export interface FileEstimate {
	readonly calls: readonly CallEstimate[];
	/** Sum of every call's per-run credits. */
	readonly perRun: number;
}

export function operationOf(call: CallFact): Operation {
	return call.via === 'deluge-task' && call.task ? delugeTaskOperation(call.task) : lookupRest(call.method, call.path);
}

function loopUse(facts: FileFacts, loopIndex: number, assumptions: Assumptions): LoopUse {
	const loop = facts.loops[loopIndex];
	if (loop.iterations !== undefined && loop.iterationSource) {
		return { loopIndex, loop, iterations: loop.iterations, source: loop.iterationSource, reason: loop.iterationReason ?? loop.iterationSource };
	}
	const n = assumptions.defaultLoopIterations;
	if (loop.pagination) {
		const { module, perPage } = loop.pagination;
		const size = module === undefined ? undefined : assumptions.moduleSizes?.[module];
		if (size !== undefined) {
			const pages = Math.max(1, Math.ceil(size / perPage));
			return { loopIndex, loop, iterations: pages, source: 'module-size', reason: `pages through ${module}: ${size.toLocaleString('en-US')} records at ${perPage} a page` };
		}
		const what = module === undefined ? 'a module' : module;
		return { loopIndex, loop, iterations: n, source: 'default', reason: `default of ${n} iterations: pages through ${what}, whose size is not configured (moduleSizes)` };
	}
	return { loopIndex, loop, iterations: n, source: 'default', reason: `default of ${n} iterations: the bound is not visible in the code` };
}

/** Prices every call of one file and multiplies it by the loops around it. */
export function estimateFile(facts: FileFacts, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): FileEstimate {
	let total = 0;
	const calls = facts.calls.map((call): CallEstimate => {
		const operation = operationOf(call);
		const callPrice = price(operation.rule, { records: call.records ?? operation.records, coqlLimit: call.coqlLimit });
		const loops = call.loops.map((index) => loopUse(facts, index, assumptions));
		const multiplier = loops.reduce((product, use) => product * use.iterations, 1);
		const perRun = callPrice.credits * multiplier;
		total += perRun;
		return {
			call,
			operation,
			price: callPrice,
			credits: callPrice.credits,
			loops,
			multiplier,
			perRun,
			assumed: loops.some((use) => use.source === 'default') || !operation.inCatalog || callPrice.assumption !== undefined,
		};
	});
	return { calls, perRun: total };
}
