/**
 * What the budget panel and the tree view show, computed from the server's workspace report. Pure
 * (no editor API), so it is tested on its own and the webview script only draws it.
 */
import { EDITION_LABELS, EDITIONS } from '../../shared/editions';
import { formatNumber, formatPercent, formatRange, formatRatio } from '../../shared/format';
import { escapeMarkdown } from '../../shared/markdown';
import type { WorkspaceReport } from '../../shared/protocol';

/** Messages the panel's script posts to the extension. */
export type PanelRequest =
	| { type: 'ready' }
	| { type: 'open'; path: string; line: number }
	| { type: 'setBudget'; edition: string; users: number }
	| { type: 'export' }
	| { type: 'rescan' };

/** A place in the code a row opens. */
export interface Target {
	path: string;
	line: number;
}

export interface Segment {
	label: string;
	perDay: number;
	/** Width in percent of the bar, which stands for the daily allowance (or the use, when that is more). */
	width: number;
	/** Index into the chart palette; -1 for the sum of the smaller ones. */
	colour: number;
	target?: Target;
}

export interface EntryRow extends Target {
	name: string;
	perRun: string;
	runsPerDay: string;
	runsAssumed: boolean;
	perDay: string;
	share: string;
	explanation: string[];
}

export interface FileRow extends Target {
	calls: number;
	perRun: string;
	perDay: string;
}

export interface FindingRow extends Target {
	severity: 'error' | 'warning' | 'info';
	message: string;
	id: string;
}

/** Estimated against observed credits a day, one entry point or API. */
export interface ObservedRow {
	label: string;
	estimated: string;
	observed: string;
	ratio: string;
	days: string;
	/** True when the two differ by more than half: the model, or its assumptions, are off there. */
	off: boolean;
}

export interface PanelModel {
	title: string;
	budget: { edition: string; editionLabel: string; users: number; table: string; dailyCredits: string };
	/** "Professional (assumed), 10 users, current table (read 2026-11-25): 55,000 credits a day." */
	budgetLine: string;
	/** Under the entry points, when a count of runs is assumed: what the `*` means and how to state it. */
	runsNote?: string;
	editions: { id: string; label: string }[];
	/** "491 of 15,000 credits a day (3.3%)". */
	usage: string;
	over: boolean;
	share: number;
	segments: Segment[];
	entries: EntryRow[];
	files: FileRow[];
	findings: FindingRow[];
	/** Empty unless the team imported observed usage. */
	observed: ObservedRow[];
	assumptions: string[];
	/** A note on how complete the numbers are, or empty. */
	note: string;
}

/** Entry points drawn as their own segment; the rest are summed. */
const SEGMENTS = 6;

export function panelModel(data: WorkspaceReport): PanelModel {
	const { report } = data;
	const daily = report.budget.dailyCredits;
	const used = report.totals.perDay;
	// The bar stands for the allowance; when the use is more, for the use, so the overrun shows.
	const scale = Math.max(daily, used) || 1;
	const spending = report.entryPoints.filter((e) => e.perDay > 0);
	const segments: Segment[] = spending.slice(0, SEGMENTS).map((e, i) => ({
		label: e.name,
		perDay: e.perDay,
		width: (e.perDay / scale) * 100,
		colour: i,
		target: { path: e.path, line: e.line },
	}));
	const rest = spending.slice(SEGMENTS).reduce((sum, e) => sum + e.perDay, 0);
	if (rest > 0) segments.push({ label: `${spending.length - SEGMENTS} more entry points`, perDay: rest, width: (rest / scale) * 100, colour: -1 });

	const declared = new Map<string, number>();
	for (const e of report.entryPoints) declared.set(e.path, (declared.get(e.path) ?? 0) + e.perDay);
	const files = report.files
		.filter((f) => f.calls.length > 0 || (declared.get(f.path) ?? 0) > 0)
		.map((f) => ({ path: f.path, calls: f.calls.length, perRunValue: f.calls.reduce((sum, c) => sum + c.perRun, 0), perDayValue: declared.get(f.path) ?? 0 }))
		.sort((a, b) => b.perDayValue - a.perDayValue || b.perRunValue - a.perRunValue || (a.path < b.path ? -1 : 1))
		.map((f) => ({ path: f.path, line: 1, calls: f.calls, perRun: formatNumber(f.perRunValue), perDay: formatNumber(f.perDayValue) }));

	const rank = { error: 0, warning: 1, info: 2 } as const;
	const findings = [...report.findings]
		.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
		.map((f) => ({ severity: f.severity, message: f.message, id: f.id, path: f.path, line: f.line }));

	const b = report.budget;
	const editionLabel = EDITION_LABELS[b.edition as keyof typeof EDITION_LABELS] ?? b.edition;
	const runsAssumed = report.entryPoints.some((e) => e.runsSource === 'default');
	return {
		title: 'Zoho CRM credit budget',
		// "(assumed)" where the status bar says it: the edition or the users are defaults nobody configured.
		budgetLine: `${editionLabel}${data.budgetAssumed ? ' (assumed)' : ''}, ${formatNumber(b.users)} users, ${b.table} table${data.tableDated ? ` (${data.tableDated})` : ''}: ${formatNumber(daily)} credits a day.`,
		...(runsAssumed
			? {
					runsNote:
						'1* is an assumed count: nothing states how often that code runs, so it is counted once a day. State it with a comment // zoho-credits: runs-per-day=N above the function or with entryPoints in zoho-credits.json.',
				}
			: {}),
		budget: {
			edition: b.edition,
			editionLabel,
			users: b.users,
			table: b.table,
			dailyCredits: formatNumber(daily),
		},
		editions: EDITIONS.map((id) => ({ id, label: EDITION_LABELS[id] })),
		usage: `${formatRange(used, report.totals.perDayLow, report.totals.perDayHigh)} of ${formatNumber(daily)} credits a day (${formatPercent(report.totals.shareOfDaily)})`,
		over: used > daily,
		share: report.totals.shareOfDaily,
		segments,
		entries: report.entryPoints.map((e) => ({
			name: e.name,
			path: e.path,
			line: e.line,
			perRun: formatRange(e.perRun, e.low, e.high),
			runsPerDay: formatNumber(e.runsPerDay),
			runsAssumed: e.runsSource === 'default',
			perDay: formatRange(e.perDay, e.perDayLow, e.perDayHigh),
			share: formatPercent(e.shareOfDaily),
			explanation: e.explanation,
		})),
		files,
		findings,
		observed: (report.observed ?? []).map((o) => ({
			label: `${o.kind === 'api' ? 'API' : 'Entry point'} ${o.name}`,
			estimated: o.estimatedPerDay === null ? 'not in the code' : formatNumber(o.estimatedPerDay),
			observed: formatNumber(o.observedPerDay),
			ratio: formatRatio(o.ratio),
			days: formatNumber(o.days),
			off: o.ratio === null ? o.observedPerDay > 0 : o.ratio > 1.5 || o.ratio < 1 / 1.5,
		})),
		assumptions: data.assumptions,
		note: data.indexing ? 'The workspace is still being read: these numbers are not complete yet.' : '',
	};
}

/** An entry point's tooltip in the explorer view, as Markdown: its name and place, and why it costs what it does. */
export function entryTooltip(row: EntryRow): string {
	return [`**${escapeMarkdown(row.name)}** (${escapeMarkdown(`${row.path}:${row.line}`)})`, '', ...row.explanation.map((l) => `- ${escapeMarkdown(l)}`)].join(
		'\n',
	);
}
