import type { Budget } from './budget';
import type { DelugeLimits } from './catalog/deluge-limits';
import type { CallEstimate, LoopReason, LoopUse } from './estimate';
import type { FunctionExecution } from './estimate/statements';
import { drivingLoop } from './estimate/driving-loop';
import type { EntryPoint, RunsSource } from './estimate/entries';
import { type CreditRule, DEFAULT_CREDITS, type Price } from './catalog/rules';
import type { LineMap } from './text';
import { formatCredits, formatCreditsRange, formatNumber, formatPercent, formatRange, plural } from '../../../shared/format';

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
	const assumed = priceAssumptionText(call.price);
	if (assumed) out.push(assumed);
	if (call.operation.alternatives?.length) out.push(alternativesLine(call.operation.api, call.operation.alternatives));
	return out;
}

/** The rule in words, as hover and reports state it. */
export function describeRule(rule: CreditRule): string {
	switch (rule.kind) {
		case 'fixed':
			return `${plural(rule.credits, 'credit')} per call`;
		case 'per-records':
			return `1 credit per ${rule.per} records, rounded up${rule.maxRecords ? `; at most ${formatNumber(rule.maxRecords)} records per call` : ''}`;
		case 'coql-limit':
			return 'by LIMIT: 1–200 rows → 1 credit, 201–1,000 → 2, 1,001–2,000 → 3';
		case 'unknown':
			return `not published by Zoho; priced at the default ${plural(DEFAULT_CREDITS, 'credit')}`;
	}
}

/** Why a loop runs as often as it is counted, in words: "literal list of 5 items", "default of 10 iterations: …". */
export function loopReasonText(reason: LoopReason): string {
	switch (reason.kind) {
		case 'annotation':
			return `annotation iterations=${reason.n}`;
		case 'items':
			return `${reason.of} of ${plural(reason.items, 'item')}`;
		case 'counter':
			return `literal bound: ${reason.name} from ${reason.from} while ${reason.name} ${reason.op} ${reason.to}${reason.step === 1 ? '' : `, in steps of ${reason.step}`}`;
		case 'stated':
			return reason.source;
		case 'parameter-default':
			return `${reason.name} by its default: ${plural(reason.n, 'iteration')}`;
		case 'argument': {
			const what =
				reason.measure === 'length' ? `a list of ${plural(reason.value, 'item')} passed as ${reason.name}` : `${reason.name} = ${reason.value} at the call`;
			return `${what}: ${plural(reason.n, 'iteration')}`;
		}
		case 'page-records':
			return `the records of one page of ${reason.module}: ${formatNumber(reason.records)} (up to ${reason.perPage} a page)`;
		case 'pages':
			return `pages through ${reason.module}: ${formatNumber(reason.size)} records at ${reason.perPage} a page`;
		case 'assumed': {
			const module = reason.module ?? 'a module';
			const what =
				reason.unseen === 'page-records'
					? `the records of one page of ${module}, whose size is not configured (moduleSizes)`
					: reason.unseen === 'pages'
						? `pages through ${module}, whose size is not configured (moduleSizes)`
						: 'the bound is not visible in the code';
			return `default of ${reason.n} iterations: ${what}; ${reason.low} to ${formatNumber(reason.high)} (${reason.highFrom})`;
		}
	}
}

/** "from 1 to 10" as an org's API list states a range: "1–10", or "5". */
function orgSpan(org: NonNullable<Price['orgList']>): string {
	return org.min === org.max ? `${org.min}` : `${org.min}–${org.max}`;
}

/** How the rule applied to what the code shows, in words: "3 records → ceil(3/10) = 1"; undefined when there is nothing to say. */
export function priceDetailText(price: Price): string | undefined {
	const { detail, orgList } = price;
	let text: string | undefined;
	switch (detail?.kind) {
		case 'records':
			text = `${plural(detail.records, 'record')} → ceil(${detail.records}/${detail.per}) = ${detail.credits}`;
			break;
		case 'records-over-max':
			text = `${plural(detail.records, 'record')}, more than the ${formatNumber(detail.maxRecords)} one call takes → ceil(${detail.maxRecords}/${detail.per}) = ${detail.credits}`;
			break;
		case 'coql-no-limit':
			text = `no LIMIT: Zoho reads ${detail.rows} rows → ${detail.credits}`;
			break;
		case 'coql-limit':
			text = `LIMIT ${formatNumber(detail.limit)} → ${detail.credits}`;
			break;
	}
	if (!orgList) return text;
	const org = `your org's API list gives ${orgSpan(orgList)} per call → ${price.credits}`;
	return text ? `${text}; ${org}` : org;
}

/** What stood in for a figure the code does not show, in words; undefined when nothing was assumed. */
export function priceAssumptionText(price: Price): string | undefined {
	const { assumption, orgList } = price;
	if (!assumption) return undefined;
	let text: string;
	switch (assumption.kind) {
		case 'unpublished':
			text = `Zoho publishes no credit figure for this API: the default ${plural(assumption.credits, 'credit')} is assumed`;
			break;
		case 'records-unseen':
			text =
				assumption.maxRecords === undefined
					? 'record count not visible: assumed one call at its minimum of 1 credit'
					: `record count not visible: assumed 1 record (1 credit), up to ${formatNumber(assumption.maxRecords)}, the most one call takes (${assumption.most} credits)`;
			break;
		case 'query-unseen':
			text = `query not visible: assumed LIMIT ${formatNumber(assumption.limit)}, the most one query reads (${plural(assumption.credits, 'credit')})`;
			break;
		case 'data-unseen':
			text = 'the cost depends on data the code does not show';
			break;
	}
	return orgList ? `${text}: ${price.credits} taken within your org's ${orgSpan(orgList)}` : text;
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
			` ×${formatNumber(use.iterations)} (loop at line ${lines.lineOf(use.loop.header.start) + 1}: ${loopReasonText(use.reason)}${use.source === 'default' ? ', assumed' : ''})`,
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
