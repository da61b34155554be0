import type { Budget } from './budget';
import type { DelugeLimits } from './catalog/deluge-limits';
import type { CallEstimate, LoopUse } from './estimate';
import type { FunctionExecution } from './estimate/statements';
import { drivingLoop } from './estimate/driving-loop';
import type { EntryPoint, RunsSource } from './estimate/entries';
import type { LineMap } from './text';
import { formatCredits, formatCreditsRange, formatNumber, formatPercent, formatRange } from '../../../shared/format';

/** Share of the daily allowance as a percentage text: "0.02%". */
export function formatShare(perDay: number, budget: Budget): string {
	return formatPercent(perDay / budget.dailyCredits);
}

/** The short label at the end of a costly line: `5 cr` or `×10 → 50 cr/run`. */
export function hintLabel(call: CallEstimate): string {
	if (call.multiplier === 1 && call.low === call.high) return `${formatNumber(call.credits)} cr`;
	if (call.multiplier === 1) return `${formatRange(call.perRun, call.low, call.high)} cr`;
	return `×${formatNumber(call.multiplier)} → ${formatRange(call.perRun, call.low, call.high)} cr/run`;
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

const EXCLUDED = {
	branch: ' (not counted: another branch costs more)',
	recursion: ' (not counted: a call of itself; one run is counted, not one per level)',
};

/** Where an entry point's runs per day came from, in words: "assumed", "from the annotation", "from zoho-credits.json". */
export function runsSourceText(source: RunsSource | undefined): string {
	return !source || source === 'default' ? 'assumed' : source === 'annotation' ? 'from the annotation' : `from ${source}`;
}

/** The loop that drives a range's high end, in words: "the loop at line 12 can run up to 200 times (counted 10)". */
export function drivingLoopLine(loops: Iterable<LoopUse>, lines: LineMap): string | undefined {
	const use = drivingLoop(loops);
	if (!use) return undefined;
	return `the loop at line ${lines.lineOf(use.loop.header.start) + 1} can run up to ${formatNumber(use.high)} times (counted ${formatNumber(use.iterations)})`;
}

/** What a Deluge function executes in one run against its product's limits: "≈ 1,210 (13–20,010) statements a run of the 200,000 Zoho CRM allows". */
export function executionLine(execution: FunctionExecution, limits: DelugeLimits): string {
	const { statements, nesting } = execution;
	const calls = !nesting
		? ''
		: nesting.recursive !== undefined
			? `; called again through ${nesting.recursive} before it returns (calls may nest ${formatNumber(limits.nestedCalls)} deep)`
			: nesting.depth > 0
				? `; calls nest ${formatNumber(nesting.depth)} deep of the ${formatNumber(limits.nestedCalls)} allowed`
				: '';
	return `${formatRange(statements.perRun, statements.low, statements.high)} statements a run of the ${formatNumber(limits.statements)} ${limits.label} allows${calls}`;
}

/** What a call costs per run of the code it is in, with each loop's count and where it came from. */
export function costLine(call: CallEstimate, lines: LineMap): string {
	const what = call.wrapper ? `${call.wrapper.target.name}()` : call.operation.api;
	const loops = call.loops.map(
		(use) =>
			` ×${formatNumber(use.iterations)} (loop at line ${lines.lineOf(use.loop.header.start) + 1}: ${use.reason}${use.source === 'default' ? ', assumed' : ''})`,
	);
	const total = loops.length > 0 ? ` = ${formatCreditsRange(call.perRun, call.low, call.high)}` : '';
	const each = loops.length > 0 ? formatCredits(call.credits) : formatCreditsRange(call.perRun, call.low, call.high);
	return `line ${lines.lineOf(call.call.span.start) + 1}: ${what}, ${each}${loops.join('')}${total}`;
}

/**
 * Why an entry point costs what it does, one line each: the total per run and per day, every costly
 * call in it with its loops, the branches left out, recursion. Hover, report and panel show these lines.
 */
export function entryExplanation(entry: EntryPoint, lines: LineMap, budget: Budget): string[] {
	const runs = `${formatNumber(entry.runsPerDay)} run${entry.runsPerDay === 1 ? '' : 's'} a day (${runsSourceText(entry.runsSource)})`;
	const out = [
		`${formatCreditsRange(entry.perRun, entry.low, entry.high)} per run × ${runs} = ${formatCreditsRange(entry.perDay, entry.perDayLow, entry.perDayHigh)} a day, ${formatShare(entry.perDay, budget)} of the daily ${formatNumber(budget.dailyCredits)}.`,
	];
	if (entry.low !== entry.high) {
		const driver = drivingLoopLine(
			entry.parts.flatMap((part) => part.call.loops),
			lines,
		);
		out.push(
			`The range: what the calls cost where the records, a LIMIT, how far a loop can run or your org's list leave it open, ${formatNumber(entry.low)} at the fewest and ${formatNumber(entry.high)} at the most per run${driver ? `; ${driver}` : ''}.`,
		);
	}
	for (const part of entry.parts) out.push(`${costLine(part.call, lines)}${part.excluded ? EXCLUDED[part.excluded] : ''}`);
	if (entry.branchMaximum) out.push('Of each if/else, only the dearest branch is counted.');
	if (entry.recursive) out.push('A function on this path calls itself: the recursive call is counted once, not once per level (assumed).');
	return out;
}
