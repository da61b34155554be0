import type { CodeLens } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import { TOP_LEVEL } from '../../core/estimate/entries';
import { executionLine, formatShare, runsSourceText } from '../../core/explain';
import { formatNumber, formatRange } from '../../../../shared/format';

/**
 * A lens above each function that makes Zoho CRM calls. An entry point shows what it costs a run
 * and a day and its share of the allowance; a helper shows one run of it, which its callers pay.
 * A file's top-level code that makes calls gets its lens above its first costly call.
 */
export function codeLenses(analysis: FileAnalysis): CodeLens[] {
	const { lines, budget } = analysis;
	const at = (offset: number) => {
		const position = lines.position(offset);
		return { start: position, end: position };
	};
	const lenses: CodeLens[] = [];
	for (const entry of analysis.entryPoints) {
		const source = runsSourceText(entry.runsSource);
		const runs = `${formatNumber(entry.runsPerDay)} run${entry.runsPerDay === 1 ? '' : 's'}/day (${source})`;
		// The runs say for themselves whether they are assumed; this says it of the rest of the number.
		const assumed = entry.recursive || entry.parts.some((p) => !p.excluded && p.call.assumed) ? ' (assumed)' : '';
		const what = entry.name === TOP_LEVEL ? 'Zoho CRM, top level' : 'Zoho CRM';
		const title = `${what}: ${formatRange(entry.perRun, entry.low, entry.high)} cr/run${assumed} × ${runs} = ${formatRange(entry.perDay, entry.perDayLow, entry.perDayHigh)} cr/day, ${formatShare(entry.perDay, budget)} of ${formatNumber(budget.dailyCredits)}`;
		// Top-level code has no name: its lens sits above its first costly call.
		const offset = entry.name === TOP_LEVEL ? (entry.parts[0]?.call.call.span.start ?? 0) : entry.span.start;
		lenses.push({ range: at(offset), command: { title, command: '' } });
	}
	// Deluge: what each function executes in a run, against the product's limits.
	const limits = analysis.settings.delugeLimits.value;
	for (const execution of analysis.executions) {
		lenses.push({ range: at(execution.span.start), command: { title: `Deluge: ${executionLine(execution, limits)}`, command: '' } });
	}
	for (const helper of analysis.helpers) {
		const title = `Zoho CRM: ${formatNumber(helper.perRun)} cr per run of it${helper.assumed ? ' (assumed)' : ''}, paid by its callers`;
		lenses.push({ range: at(helper.span.start), command: { title, command: '' } });
	}
	return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
