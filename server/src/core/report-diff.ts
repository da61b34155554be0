import { formatNumber, formatPercent } from '../../../shared/format';
import { escapeMarkdown, inlineCode } from '../../../shared/markdown';
import { findingMarkdown } from '../../../shared/markdown-report';
import type { JsonReport } from '../../../shared/report';

type Finding = JsonReport['findings'][number];

export interface EntryChange {
	name: string;
	path: string;
	/** Where it is now; where it was when it is gone. */
	line: number;
	/** Credits a day at the base; null when the entry point is new. */
	before: number | null;
	/** Credits a day now; null when the entry point is gone. */
	after: number | null;
	change: number;
}

/** What a change does to the credits: the JSON of `zoho-credits diff --format json`. */
export interface ReportDiff {
	version: 1;
	base: string;
	budget: JsonReport['budget'];
	totals: { before: number; after: number; change: number; shareBefore: number; shareAfter: number };
	/** Entry points whose credits a day changed, appeared or went, the largest change first. */
	entryPoints: EntryChange[];
	/** Findings now that the base did not have, and those of the base that are gone. */
	newFindings: Finding[];
	resolvedFindings: Finding[];
}

/** A finding's identity across versions: its fingerprint (lines and wording may change, the function and the operation do not). */
function findingKey(f: Finding): string {
	return f.fingerprint;
}

/** Findings of `a` that `b` lacks, counting repeats: two equal findings before and three after is one new. */
function missing(a: readonly Finding[], b: readonly Finding[]): Finding[] {
	const left = new Map<string, number>();
	for (const f of b) left.set(findingKey(f), (left.get(findingKey(f)) ?? 0) + 1);
	return a.filter((f) => {
		const n = left.get(findingKey(f)) ?? 0;
		if (n > 0) left.set(findingKey(f), n - 1);
		return n === 0;
	});
}

/** Compares the report at a base revision with the report now, entry point by entry point (matched by name and file). */
export function diffReports(before: JsonReport, after: JsonReport, base: string): ReportDiff {
	const key = (e: { name: string; path: string }) => `${e.path}\u0000${e.name}`;
	const old = new Map(before.entryPoints.map((e) => [key(e), e] as const));
	const entryPoints: EntryChange[] = [];
	for (const e of after.entryPoints) {
		const was = old.get(key(e));
		old.delete(key(e));
		const change = e.perDay - (was?.perDay ?? 0);
		if (was && change === 0) continue;
		entryPoints.push({ name: e.name, path: e.path, line: e.line, before: was ? was.perDay : null, after: e.perDay, change });
	}
	for (const e of old.values()) entryPoints.push({ name: e.name, path: e.path, line: e.line, before: e.perDay, after: null, change: -e.perDay });
	entryPoints.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : 1));
	return {
		version: 1,
		base,
		budget: after.budget,
		totals: {
			before: before.totals.perDay,
			after: after.totals.perDay,
			change: after.totals.perDay - before.totals.perDay,
			shareBefore: before.totals.shareOfDaily,
			shareAfter: after.totals.shareOfDaily,
		},
		entryPoints,
		newFindings: missing(after.findings, before.findings),
		resolvedFindings: missing(before.findings, after.findings),
	};
}

function signed(n: number): string {
	return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0';
}

/** The diff as a pull request comment. */
export function diffMarkdown(diff: ReportDiff): string {
	const t = diff.totals;
	const out = [
		`## Zoho CRM credits: ${t.change === 0 ? 'no change' : `${signed(t.change)} a day`}`,
		'',
		`${formatNumber(t.before)} → ${formatNumber(t.after)} credits a day of ${formatNumber(diff.budget.dailyCredits)} (${formatPercent(t.shareBefore)} → ${formatPercent(t.shareAfter)}), against ${inlineCode(diff.base)}.`,
		'',
	];
	if (diff.entryPoints.length === 0) out.push('No entry point changed its credits a day.');
	else {
		out.push('| Entry point | Where | Before | After | Change |', '| --- | --- | ---: | ---: | ---: |');
		for (const e of diff.entryPoints) {
			const name = `${e.name}${e.before === null ? ' (new)' : e.after === null ? ' (gone)' : ''}`;
			out.push(
				`| ${escapeMarkdown(name)} | ${escapeMarkdown(`${e.path}:${e.line}`)} | ${e.before === null ? '' : formatNumber(e.before)} | ${e.after === null ? '' : formatNumber(e.after)} | ${signed(e.change)} |`,
			);
		}
	}
	if (diff.newFindings.length > 0) {
		out.push('', `### New findings (${diff.newFindings.length})`, '');
		for (const f of diff.newFindings) out.push(findingMarkdown(f));
	}
	if (diff.resolvedFindings.length > 0) {
		out.push('', `### Resolved findings (${diff.resolvedFindings.length})`, '');
		for (const f of diff.resolvedFindings) out.push(findingMarkdown(f, true));
	}
	out.push('');
	return out.join('\n');
}
