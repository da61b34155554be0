import { type CodeAction, CodeActionKind, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import { callsInLoop } from '../../core/estimate';
import { TOP_LEVEL } from '../../core/estimate/entries';
import { formatNumber } from '../../../../shared/format';
import { parseAnnotation } from '../../core/scan/annotations';
import { documentationUrl } from '../../core/documentation-url';
import { ServerCommands } from '../../../../shared/protocol';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { addEntryPointAction, type TeamFile } from './entry-point-config';

/**
 * Quick fixes on the lines of a range: silence a finding on its line or in the file, state an
 * assumed loop count, state how often an entry point runs. Each inserts an annotation comment the
 * scanners read (`//` in TypeScript, JavaScript and Deluge alike), so the next analysis uses it.
 * Last, Zoho's documentation of each API called there, opened by the server in any editor.
 */
export function codeActions(analysis: FileAnalysis, uri: string, range: Range, diagnostics: readonly Diagnostic[], team?: TeamFile): CodeAction[] {
	const { lines } = analysis;
	const text = lines.text;
	/** A comment line inserted above a line, indented like it. */
	const above = (line: number, comment: string): TextEdit => {
		const start = lines.lineStart(line);
		const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
		return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// zoho-credits: ${comment}${lines.eol}` };
	};
	/** Adds a part to the annotation comment alone on the line above, else puts a new one there: annotations must stay next to their line. */
	const annotate = (line: number, part: string): TextEdit => {
		if (line > 0) {
			const end = lines.lineEnd(line - 1);
			const previous = text.slice(lines.lineStart(line - 1), end);
			const comment = previous.indexOf('//');
			if (comment >= 0 && previous.slice(0, comment).trim() === '' && parseAnnotation(previous.slice(comment))) {
				const at = lines.position(end);
				return { range: { start: at, end: at }, newText: ` ${part}` };
			}
		}
		return above(line, part);
	};
	const edit = (...edits: TextEdit[]) => ({ changes: { [uri]: edits } });
	const inRange = (line: number) => line >= range.start.line && line <= range.end.line;
	const actions: CodeAction[] = [];

	const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
	for (const diagnostic of ours) {
		actions.push({
			title: `Ignore ${String(diagnostic.code)} on this line`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [diagnostic],
			edit: edit(annotate(diagnostic.range.start.line, 'ignore')),
		});
	}
	if (ours.length > 0) {
		actions.push({
			title: 'Ignore Zoho Credit Lens findings in this file',
			kind: CodeActionKind.QuickFix,
			diagnostics: ours,
			edit: edit(above(0, 'ignore-file')),
		});
	}

	// Assumed loop counts around the calls on these lines, outermost first, each loop once.
	const loops = new Map<number, { line: number; iterations: number }>();
	for (const call of analysis.estimate.calls) {
		if (!inRange(lines.lineOf(call.call.span.start))) continue;
		for (const use of call.loops) {
			if (use.source === 'default' && !loops.has(use.loopIndex))
				loops.set(use.loopIndex, { line: lines.lineOf(use.loop.header.start), iterations: use.iterations });
		}
	}
	analysis.facts.loops.forEach((loop, i) => {
		const line = lines.lineOf(loop.header.start);
		if (loops.has(i) || !inRange(line)) return;
		const { use } = callsInLoop(analysis.estimate, i);
		if (use?.source === 'default') loops.set(i, { line, iterations: use.iterations });
	});
	for (const { line, iterations } of loops.values()) {
		actions.push({
			title: `State how many times the loop at line ${line + 1} runs (now assumed ${formatNumber(iterations)})`,
			kind: CodeActionKind.QuickFix,
			edit: edit(annotate(line, `iterations=${iterations}`)),
		});
	}

	// Entry points whose runs per day nobody stated, declared on these lines.
	for (const entry of analysis.entryPoints) {
		if (!entry.body || entry.runsSource !== 'default') continue;
		const line = lines.lineOf(entry.body.start);
		if (!inRange(line) && !inRange(lines.lineOf(entry.span.start))) continue;
		actions.push({
			title: `State how many times a day ${entry.name}() runs (now assumed 1)`,
			kind: CodeActionKind.QuickFix,
			edit: edit(annotate(line, 'runs-per-day=1')),
		});
		const add = team && addEntryPointAction(`${entry.name}()`, { function: entry.name, runsPerDay: 1 }, team);
		if (add) actions.push(add);
	}
	// The file's own statements, when they run on their own: listed by file.
	const top = analysis.entryPoints.find((e) => e.name === TOP_LEVEL && e.runsSource === 'default');
	if (team && top && top.parts.some((p) => inRange(lines.lineOf(p.call.call.span.start)))) {
		const add = addEntryPointAction(`the top level of ${team.relativePath}`, { file: team.relativePath, runsPerDay: 1 }, team);
		if (add) actions.push(add);
	}
	// Zoho's page for each API called on these lines.
	const pages = new Map<string, string>();
	for (const call of analysis.estimate.calls) {
		const docs = documentationUrl(call.operation.docs);
		if (call.wrapper || !docs || !inRange(lines.lineOf(call.call.span.start))) continue;
		pages.set(docs, call.operation.api);
	}
	for (const [docs, api] of pages) {
		const title = `Open Zoho's documentation of ${api}`;
		actions.push({ title, command: { title, command: ServerCommands.openDocumentation, arguments: [docs] } });
	}
	return actions;
}
