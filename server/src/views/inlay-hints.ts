import type { InlayHint, Range } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/analysis';
import type { CallEstimate } from '../core/estimate';
import { formatCredits, formatNumber, hintLabel } from '../core/explain';
import type { ZohoCreditsSettings } from '../protocol';

/**
 * One hint at the end of each line with Zoho CRM calls in the range.
 * Several calls on one line share the hint, which then shows their sum.
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
	const hints: InlayHint[] = [];
	for (const [line, calls] of byLine) {
		const label = calls.length === 1 ? hintLabel(calls[0]) : `${formatNumber(calls.reduce((sum, c) => sum + c.perRun, 0))} cr/run`;
		hints.push({
			position: analysis.lines.position(analysis.lines.lineEnd(line)),
			label,
			paddingLeft: true,
			tooltip: calls.map((c) => `${c.operation.api}: ${formatCredits(c.perRun)} per run`).join('\n'),
		});
	}
	return hints.sort((a, b) => a.position.line - b.position.line);
}
