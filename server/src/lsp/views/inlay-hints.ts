import type { InlayHint, Range } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import type { CallEstimate } from '../../core/estimate';
import { hintLabel } from '../../core/explain';
import { formatCredits, formatNumber, formatPercent } from '../../../../shared/format';
import type { ZohoCreditsSettings } from '../../../../shared/protocol';

/** Lines spending at least this share of the daily allowance show it in their hint. */
const SHOWN_SHARE = 0.01;

/**
 * One hint at the end of each line with Zoho CRM calls in the range.
 * Several calls on one line share the hint, which then shows their sum. A line whose calls spend 1%
 * of the day or more adds that share, and a warning sign past the warning threshold.
 */
export function inlayHints(analysis: FileAnalysis, range: Range, mode: ZohoCreditsSettings['inlayHints']): InlayHint[] {
	if (mode === 'off') return [];
	const byLine = new Map<number, CallEstimate[]>();
	for (const call of analysis.estimate.calls) {
		if (mode === 'loops' && call.loops.length === 0) continue;
		const line = analysis.lines.lineOf(call.call.span.end);
		if (line < range.start.line || line > range.end.line) continue;
		const list = byLine.get(line) ?? [];
		list.push(call);
		byLine.set(line, list);
	}
	// Calls an entry point makes itself run as often as it does: their daily share is known.
	const runsOf = new Map<CallEstimate, number>();
	for (const entry of analysis.entryPoints) for (const part of entry.parts) if (!part.excluded) runsOf.set(part.call, entry.runsPerDay);
	const daily = analysis.budget.dailyCredits;
	const hints: InlayHint[] = [];
	for (const [line, calls] of byLine) {
		let label = calls.length === 1 ? hintLabel(calls[0]) : `${formatNumber(calls.reduce((sum, c) => sum + c.perRun, 0))} cr/run`;
		const tooltip = calls.map((c) => `${c.operation.api}: ${formatCredits(c.perRun)} per run`);
		const perDay = calls.reduce((sum, c) => sum + c.perRun * (runsOf.get(c) ?? 0), 0);
		const share = perDay / daily;
		// A line that spends a noticeable part of the day says how much; past the warning share, it is flagged.
		if (share >= SHOWN_SHARE) {
			label = `${share >= analysis.settings.warningShare.value ? '⚠ ' : ''}${label} (${formatPercent(share)} a day)`;
			tooltip.push(`${formatCredits(perDay)} a day with the runs of its entry point: ${formatPercent(share)} of the daily ${formatNumber(daily)}.`);
		}
		hints.push({ position: analysis.lines.position(analysis.lines.lineEnd(line)), label, paddingLeft: true, tooltip: tooltip.join('\n') });
	}
	return hints.sort((a, b) => a.position.line - b.position.line);
}
