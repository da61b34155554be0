import type { Budget } from './budget';
import type { CallEstimate } from './estimate';
import type { LineMap } from './text';

/** Number formatting shared by every view, so hover, hints and reports agree. */
export function formatNumber(n: number): string {
	return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatCredits(n: number): string {
	return `${formatNumber(n)} credit${n === 1 ? '' : 's'}`;
}

/** Share of the daily allowance as a percentage text: "0.02%". */
export function formatShare(perDay: number, budget: Budget): string {
	const share = (perDay / budget.dailyCredits) * 100;
	const digits = share >= 10 ? 0 : share >= 1 ? 1 : share >= 0.01 ? 2 : 3;
	return `${share.toFixed(digits)}%`;
}

/** The short label at the end of a costly line: `5 cr` or `×10 → 50 cr/run`. */
export function hintLabel(call: CallEstimate): string {
	if (call.multiplier === 1) return `${formatNumber(call.credits)} cr`;
	return `×${formatNumber(call.multiplier)} → ${formatNumber(call.perRun)} cr/run`;
}

/** The assumptions behind a call's number, in the JSON report's `assumed` form. */
export function assumptionLines(call: CallEstimate, lines: LineMap): string[] {
	const out = call.loops
		.filter((use) => use.source === 'default')
		.map((use) => `loop at ${lines.lineOf(use.loop.header.start) + 1}: ${formatNumber(use.iterations)} iterations (default)`);
	if (!call.operation.inCatalog) out.push(`${call.operation.operation}: not in catalog, default 1 credit`);
	if (call.price.assumption) out.push(call.price.assumption);
	if (call.operation.alternatives?.length) out.push(alternativesLine(call.operation.api, call.operation.alternatives));
	return out;
}

/** Why a computed path was priced as it was: "a computed path segment may also mean Convert Inventory; the dearest, Convert Lead, is assumed". */
export function alternativesLine(api: string, alternatives: readonly string[]): string {
	return `a computed path segment may also mean ${alternatives.join(', ')}; the dearest, ${api}, is assumed`;
}
