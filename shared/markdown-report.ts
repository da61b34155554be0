import { tableName } from './editions';
import { formatNumber, formatPercent, formatRange, formatRatio } from './format';
import { escapeMarkdown, inlineCode } from './markdown';
import type { JsonReport } from './report';

/** Each cell is text: pipes and line breaks would end the cell or the row, and a name could be Markdown. */
function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
	return [
		`| ${header.join(' | ')} |`,
		`| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
		...rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
	];
}

/** A finding as a list item: its place as code, its message (which quotes names and paths) as text. */
export function findingMarkdown(f: JsonReport['findings'][number], resolved = false): string {
	const severity = resolved ? `~~${f.severity}~~` : `**${f.severity}**`;
	return `- ${severity} ${inlineCode(`${f.path}:${f.line}`)} ${escapeMarkdown(f.message)} (${escapeMarkdown(f.id)})`;
}

/**
 * The report as Markdown, for a pull request comment or a file next to the code: the total against
 * the allowance, the entry points by credits per day, the findings, every call, the assumptions.
 */
export function reportMarkdown(report: JsonReport, assumptions: readonly string[]): string {
	const b = report.budget;
	const out = [
		'# Zoho CRM API credits',
		'',
		`**${formatRange(report.totals.perDay, report.totals.perDayLow, report.totals.perDayHigh)} credits a day of ${formatNumber(b.dailyCredits)} (${formatPercent(report.totals.shareOfDaily)})**: ${b.edition}, ${formatNumber(b.users)} users, ${tableName(b.table)}.`,
		'',
		`## Entry points (${report.entryPoints.length})`,
		'',
	];
	if (report.entryPoints.length === 0) out.push('No code that calls Zoho CRM runs on its own.');
	else
		out.push(
			...table(
				['Entry point', 'Where', 'Per run', 'Runs a day', 'Per day', 'Share'],
				['l', 'l', 'r', 'r', 'r', 'r'],
				report.entryPoints.map((e) => [
					e.name,
					`${e.path}:${e.line}`,
					formatRange(e.perRun, e.low, e.high),
					`${formatNumber(e.runsPerDay)}${e.runsSource === 'default' ? ' (assumed)' : ''}`,
					formatRange(e.perDay, e.perDayLow, e.perDayHigh),
					formatPercent(e.shareOfDaily),
				]),
			),
		);
	if (report.observed?.length) {
		out.push('', '## Estimated against observed', '');
		out.push(
			...table(
				['Entry point or API', 'Estimated a day', 'Observed a day', 'Observed ÷ estimated', 'Days observed'],
				['l', 'r', 'r', 'r', 'r'],
				report.observed.map((o) => [
					`${o.kind === 'api' ? 'API' : 'entry point'} ${o.name}`,
					o.estimatedPerDay === null ? 'not in the code' : formatNumber(o.estimatedPerDay),
					formatNumber(o.observedPerDay),
					formatRatio(o.ratio),
					formatNumber(o.days),
				]),
			),
		);
	}
	out.push('', `## Findings (${report.findings.length})`, '');
	if (report.findings.length === 0) out.push('None.');
	for (const f of report.findings) out.push(findingMarkdown(f));
	if (report.skipped.length > 0) {
		// Files the analysis could not read: their calls are missing, a warning when they name Zoho CRM.
		out.push('', `## Not analysed (${report.skipped.length})`, '');
		for (const s of report.skipped)
			out.push(
				`- ${s.namesZoho ? '**warning** ' : ''}${inlineCode(s.path)} ${escapeMarkdown(s.reason)}${s.namesZoho ? ': the file names Zoho CRM, its calls are missing from the estimate' : ''}`,
			);
	}
	const calls = report.files.flatMap((file) => file.calls.map((call) => ({ file, call })));
	out.push('', `## Calls (${calls.length})`, '');
	if (calls.length === 0) out.push('No Zoho CRM calls found.');
	else
		out.push(
			...table(
				['Where', 'API', 'Credits', 'Loops', 'Per run'],
				['l', 'l', 'r', 'r', 'r'],
				calls.map(({ file, call }) => [
					`${file.path}:${call.line}`,
					call.api,
					formatNumber(call.credits),
					call.multiplier === 1 ? '' : `×${formatNumber(call.multiplier)}`,
					formatRange(call.perRun, call.low, call.high),
				]),
			),
		);
	// Assumptions are text (the panel shows them as they are); module names in them come from the configuration.
	out.push('', '## Assumptions', '', ...assumptions.map((a) => `- ${escapeMarkdown(a)}`), '');
	return out.join('\n');
}
