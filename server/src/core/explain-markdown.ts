/**
 * The reasoning behind a figure as Markdown: a call's cost and why, an entry point's day, a loop's
 * count. The hover, `zoho-credits explain` and the explain request all show these texts.
 */
import type { FileAnalysis } from './analysis';
import type { Span } from './facts';
import type { Operation, Verification } from './catalog';
import { tableName } from '../../../shared/editions';
import { budgetAssumed, describeOrigin } from './config';
import { type CallEstimate, callsInLoop, type LoopUse, sumCounted } from './estimate';
import type { EntryPoint } from './estimate/entries';
import type { FunctionExecution } from './estimate/statements';
import { branchTotal } from './estimate/branches';
import {
	alternativesLine,
	costLine,
	describeRule,
	drivingLoopLine,
	executionLine,
	entryExplanation,
	formatShare,
	loopReasonText,
	priceAssumptionText,
	priceDetailText,
	runsSourceText,
} from './explain';
import { formatCredits, formatCreditsRange, formatNumber } from '../../../shared/format';
import { escapeMarkdown, inlineCode } from '../../../shared/markdown';
import { Commands } from '../../../shared/protocol';
import { documentationUrl } from './documentation-url';

/** A URI (`file:///…`) as opposed to a path; a Windows drive (`C:/…`) has a one-letter "scheme" and no `//`. */
const URI = /^[a-z][a-z\d+.-]+:\/\//i;

/**
 * The file name of a path as the graph keeps it (a file system path with `/`), as it is: `100%.ts`
 * and `x%41.ts` are names, not escapes. Only a URI has its last segment decoded.
 */
function basename(path: string): string {
	if (!URI.test(path)) return path.slice(path.lastIndexOf('/') + 1);
	let segment: string;
	try {
		segment = new URL(path).pathname;
	} catch {
		return path.slice(path.lastIndexOf('/') + 1);
	}
	segment = segment.slice(segment.lastIndexOf('/') + 1);
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** How firmly a credit figure is sourced, in words. */
const VERIFICATION: Record<Verification, string> = {
	'verified-primary': 'stated by Zoho',
	'secondary-only': 'from third-party copies of Zoho\u2019s limits page, not confirmed on it',
	unverified: 'not confirmed by any source',
	'default-rule': 'Zoho\u2019s default of 1 credit per call; no specific rule is published',
	'org-api-list': 'from your org\u2019s API list',
};

/** "from your org's API list (2026-11-25): `/crm/v8/…`, 1–10 credits" */
export function orgListLine(org: NonNullable<Operation['orgList']>): string {
	const span = org.min === org.max ? formatCredits(org.min) : `${formatNumber(org.min)}–${formatCredits(org.max)}`;
	return `${VERIFICATION['org-api-list']} (${escapeMarkdown(org.importedAt)}): ${inlineCode(org.path)}, ${span}`;
}

/** A Markdown link to a documentation page, or undefined when the URL is not one (`documentationUrl`). */
function docsLink(text: string, value: string | undefined): string | undefined {
	const url = documentationUrl(value);
	// A parenthesis would end the link's destination early.
	return url && `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** The call under the cursor, innermost first when calls nest. */
export function callAt(analysis: FileAnalysis, offset: number): CallEstimate | undefined {
	let found: CallEstimate | undefined;
	for (const call of analysis.estimate.calls) {
		const { start, end } = call.call.span;
		if (offset >= start && offset <= end && (!found || start >= found.call.span.start)) found = call;
	}
	return found;
}

/** Hover markdown for a call: the API, its price and rule, each loop's count and why, and the share of the day. */
export function hoverMarkdown(analysis: FileAnalysis, call: CallEstimate): string {
	const { operation, loops } = call;
	const budget = analysis.budget;
	const out: string[] = [];
	if (call.wrapper) {
		out.push(`**Zoho CRM through ${inlineCode(`${call.wrapper.target.name}()`)}**: ${formatCredits(call.credits)} each time it runs`);
		out.push('');
		out.push(call.wrapper.chain.map((step) => `${inlineCode(step.what)} (${escapeMarkdown(basename(step.path))})`).join(' → '));
		if (call.wrapper.branchMaximum) out.push('', 'Of each if/else inside, only the dearest branch is counted.');
		if (call.wrapper.recursive) out.push('', 'It calls itself: the recursive call is counted once, not once per level (assumed).');
	} else {
		out.push(`**Zoho CRM: ${escapeMarkdown(operation.api)}**: ${formatCredits(call.credits)} per call`);
		out.push('');
		out.push(`${inlineCode(operation.operation)}: ${describeRule(operation.rule)}${operation.inCatalog ? '' : ' (not in catalog: the default)'}`);
		if (call.call.evidence)
			out.push('', `Taken for Zoho CRM: the base URL is read at run time as ${inlineCode(call.call.evidence)}, a name that says Zoho's API.`);
		const source = docsLink('source', operation.sources[0]);
		out.push(
			'',
			operation.orgList
				? `Credit figure: ${orgListLine(operation.orgList)}`
				: `Credit figure: ${VERIFICATION[operation.verification]}${source ? ` (${source})` : ''}`,
		);
		const detail = priceDetailText(call.price);
		if (detail) out.push('', `${escapeMarkdown(detail)} credit${call.credits === 1 ? '' : 's'}`);
		if (call.call.followed) out.push('', `Followed: ${withCodeSpans(call.call.followed)}.`);
		const assumed = priceAssumptionText(call.price);
		if (assumed) out.push('', `${escapeMarkdown(assumed)} (assumed)`);
		if (operation.alternatives?.length) out.push('', `${escapeMarkdown(alternativesLine(operation.api, operation.alternatives))}.`);
	}
	if (call.asCalledFrom)
		out.push(
			'',
			`What it requests comes from the caller: shown as the call in ${inlineCode(basename(call.asCalledFrom.path))} makes it (the first in the workspace); it counts where the function is called.`,
		);
	if (loops.length > 0) {
		out.push('');
		for (const use of loops) {
			const line = analysis.lines.lineOf(use.loop.header.start) + 1;
			out.push(`- ×${formatNumber(use.iterations)}: loop at line ${line}, ${escapeMarkdown(loopReasonText(use.reason))}${assumedCount(analysis, use)}`);
		}
	}
	out.push('');
	// The entry point the call runs in decides how often a day it runs.
	const { runs, source } = runsOf(analysis, call);
	const perDay = call.perRun * runs;
	out.push(
		`**${formatCreditsRange(call.perRun, call.low, call.high)} per run**; at ${formatNumber(runs)} run${runs === 1 ? '' : 's'} a day (${source}) that is ${formatCreditsRange(perDay, call.low * runs, call.high * runs)} a day, ${formatShare(perDay, budget)} of the daily ${formatNumber(budget.dailyCredits)} credits.`,
	);
	if (call.low !== call.high) {
		const driver = drivingLoopLine(loops, analysis.lines);
		out.push(
			'',
			`The range is what the code cannot show (${call.wrapper ? 'the calls behind it' : 'records per call, a LIMIT, how far a loop can run, your org\u2019s min–max'})${driver ? `; ${escapeMarkdown(driver)}` : ''}. Findings use the point value, and the high end for one run exhausting the day.`,
		);
	}
	out.push('');
	out.push(budgetLine(analysis));
	const docs = docsLink('Zoho documentation', operation.docs);
	if (docs) out.push('', docs);
	return out.join('\n');
}

/** Text whose names are set in backticks (`rows`), as Markdown: the names as code, the rest escaped. */
function withCodeSpans(text: string): string {
	return text
		.split('`')
		.map((part, i) => (i % 2 === 1 ? inlineCode(part) : escapeMarkdown(part)))
		.join('');
}

/** The budget behind the share, and where each of its values came from. */
export function budgetLine({ budget, settings }: FileAnalysis): string {
	const addOns = budget.addOnCredits > 0 ? `, ${formatNumber(budget.addOnCredits)} add-on credits (${describeOrigin(settings.addOnCredits.origin)})` : '';
	const line =
		`Budget: ${budget.editionLabel} (${describeOrigin(settings.edition.origin)}), ${formatNumber(budget.users)} users (${describeOrigin(settings.users.origin)})${addOns}, ` +
		`${tableName(budget.table)}${settings.budgetTable.origin === 'default' ? '' : ` (${describeOrigin(settings.budgetTable.origin)})`}.`;
	return budgetAssumed(settings) ? `${line} [Set edition and users](command:${Commands.selectEdition})` : line;
}

/** Hover markdown for an entry point's name: what one run and a day of it cost, and why. */
export function entryMarkdown(analysis: FileAnalysis, entry: EntryPoint): string {
	const [total, ...parts] = entryExplanation(entry, analysis.lines, analysis.budget);
	const out = [`**Entry point ${inlineCode(entry.name)}**: ${escapeMarkdown(total)}`, ''];
	for (const part of parts) out.push(`- ${escapeMarkdown(part)}`);
	const execution = analysis.executions.find((e) => e.span.start === entry.span.start);
	if (execution) out.push('', executionMarkdown(analysis, execution));
	out.push('', budgetLine(analysis));
	return out.join('\n');
}

/** The Deluge line of a function's hover: statements and function calls a run against the product's limits, with the loop that drives the high end. */
function executionMarkdown(analysis: FileAnalysis, execution: FunctionExecution): string {
	const limits = analysis.settings.delugeLimits.value;
	const driver =
		execution.driver && execution.statements.high !== execution.statements.perRun ? drivingLoopLine([execution.driver], analysis.lines) : undefined;
	return `Deluge: ${escapeMarkdown(executionLine(execution, limits))}${driver ? `; ${escapeMarkdown(driver)}` : ''}.`;
}

/** " (assumed)" after a loop count nobody stated, with where the default count came from when someone configured it. */
function assumedCount(analysis: FileAnalysis, use: LoopUse): string {
	if (use.source !== 'default') return '';
	const origin = analysis.settings.defaultLoopIterations.origin;
	return ` (assumed${origin === 'default' ? '' : `; the default count is ${describeOrigin(origin)}`})`;
}

/** Hover markdown for a loop header: how often it runs and why, and the Zoho CRM calls it multiplies; undefined when it holds none. */
export function loopMarkdown(analysis: FileAnalysis, loopIndex: number): string | undefined {
	const { inside, use } = callsInLoop(analysis.estimate, loopIndex);
	if (!use) return undefined;
	const loop = analysis.facts.loops[loopIndex];
	const branches = (analysis.facts.branches ?? []).filter((b) => b.span.start >= loop.span.start && b.span.end <= loop.span.end);
	const { total, chose, counted } = branchTotal(
		inside.map((c) => ({ span: c.call.span, value: c.perRun, low: c.low, high: c.high, apis: c.apis })),
		branches,
	);
	const { low, high } = sumCounted(counted);
	const out = [`**Loop ×${formatNumber(use.iterations)}**: ${escapeMarkdown(loopReasonText(use.reason))}${assumedCount(analysis, use)}`, '', 'It multiplies:'];
	for (const call of inside) out.push(`- ${escapeMarkdown(costLine(call, analysis.lines))}`);
	out.push('', `**${formatCreditsRange(total, low, high)} per run** inside this loop${chose ? ', counting only the dearest branch of each if/else' : ''}.`);
	if (use.source === 'default') out.push('', 'State the count with `// zoho-credits: iterations=N` on the line above the loop.');
	return out.join('\n');
}

/**
 * Hover on a call the Problems already flag, in editors that can open the whole reasoning from a link:
 * the operation, its credits, the loops, per run and per day, and the link. The finding's own message
 * (what it is and what to do) stays in the problem's section above, not repeated here.
 */
export function shortHoverMarkdown(analysis: FileAnalysis, call: CallEstimate, uri: string): string {
	const budget = analysis.budget;
	const head = call.wrapper
		? `**Zoho CRM through ${inlineCode(`${call.wrapper.target.name}()`)}**: ${formatCredits(call.credits)} each time it runs`
		: `**Zoho CRM: ${escapeMarkdown(call.operation.api)}**: ${formatCredits(call.credits)} per call${call.price.assumption ? ' (assumed)' : ''}`;
	const loops = call.loops.map(
		(use) =>
			`×${formatNumber(use.iterations)} (loop at line ${analysis.lines.lineOf(use.loop.header.start) + 1}${use.source === 'default' ? ', assumed' : ''})`,
	);
	const { runs, source } = runsOf(analysis, call);
	const perDay = call.perRun * runs;
	const args = encodeURIComponent(JSON.stringify([uri, call.call.span.start]));
	const docs = docsLink('Zoho documentation', call.operation.docs);
	return [
		head,
		'',
		...(loops.length > 0 ? [`Loops: ${loops.join(' ')}`, ''] : []),
		`**${formatCreditsRange(call.perRun, call.low, call.high)} per run**; ${formatCreditsRange(perDay, call.low * runs, call.high * runs)} a day at ${formatNumber(runs)} run${runs === 1 ? '' : 's'} (${source}), ${formatShare(perDay, budget)} of ${formatNumber(budget.dailyCredits)}.`,
		'',
		[`[How this figure is reached](command:${Commands.explainCall}?${args})`, docs].filter(Boolean).join(' · '),
	].join('\n');
}

/** How often a day the code around a call runs: its entry point's runs, and where that figure came from. */
function runsOf(analysis: FileAnalysis, call: CallEstimate): { runs: number; source: string } {
	const entry =
		analysis.entryPoints.find((e) => e.body && e.body.start <= call.call.span.start && call.call.span.end <= e.body.end) ??
		analysis.entryPoints.find((e) => !e.body);
	return { runs: entry?.runsPerDay ?? 1, source: runsSourceText(entry?.runsSource) };
}

/** Whether a finding stands on a call: its problem section already says what is wrong there. */
function flagged(analysis: FileAnalysis, call: CallEstimate): boolean {
	return analysis.findings.some((f) => f.span.start === call.call.span.start && f.span.end === call.call.span.end);
}

/**
 * What a hover at a place says and the text it covers: on a call, what it costs and why (in short on a
 * flagged call when `explainUri` is given: the editor can open the rest from a link); on an entry
 * point's name, a Deluge function or a loop header, what it costs or executes. Null elsewhere.
 */
export function explanationAt(analysis: FileAnalysis, offset: number, explainUri?: string): { markdown: string; span: Span } | null {
	const call = callAt(analysis, offset);
	if (!call) {
		const entry = analysis.entryPoints.find((e) => e.body && offset >= e.span.start && offset <= e.span.end);
		if (entry) return { markdown: entryMarkdown(analysis, entry), span: entry.span };
		// A Deluge function that makes no Zoho CRM call still runs under its product's limits.
		const execution = analysis.executions.find((e) => e.name !== undefined && offset >= e.span.start && offset <= e.span.end);
		if (execution) {
			return { markdown: [`**Deluge function ${inlineCode(execution.name!)}**`, '', executionMarkdown(analysis, execution)].join('\n'), span: execution.span };
		}
		// The innermost loop whose header is under the cursor.
		let found: number | undefined;
		analysis.facts.loops.forEach((loop, i) => {
			if (offset >= loop.header.start && offset <= loop.header.end && (found === undefined || loop.header.start >= analysis.facts.loops[found].header.start))
				found = i;
		});
		const markdown = found === undefined ? undefined : loopMarkdown(analysis, found);
		if (found === undefined || !markdown) return null;
		return { markdown, span: analysis.facts.loops[found].header };
	}
	const markdown = explainUri !== undefined && flagged(analysis, call) ? shortHoverMarkdown(analysis, call, explainUri) : hoverMarkdown(analysis, call);
	return { markdown, span: call.call.span };
}
