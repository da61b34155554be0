import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import { EVALUATION_BUDGET, PARSER_TRAP, SCAN_FAILED, TOO_DEEPLY_NESTED } from '../../core/facts';
import { NESTING_LIMIT } from '../../core/facts';
import type { Severity } from '../../core/findings';
import type { LineMap } from '../../core/text';
import { documentationUrl } from '../../core/documentation-url';
import { calleeSpan } from './callee-span';

export const DIAGNOSTIC_SOURCE = 'Zoho Credit Lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
};

/** Where a span of another file is: its URI and line map, when that file can be read. */
export type LocateFile = (path: string) => { uri: string; lines: LineMap } | undefined;

/**
 * What the scanner could not read, as information: Deluge syntax problems (no other tool checks
 * Deluge here; every call that could be found is still counted), and in any language a file too
 * deeply nested to follow, whose values take too long to follow, or that the scanner thread stopped on.
 * TypeScript's own syntax errors are left to TypeScript.
 */
function scanDiagnostics(analysis: FileAnalysis, range: (span: { start: number; end: number }) => Diagnostic['range']): Diagnostic[] {
	return analysis.facts.errors
		.filter(
			(e) =>
				analysis.language === 'deluge' ||
				e.code === TOO_DEEPLY_NESTED ||
				e.code === PARSER_TRAP ||
				e.code === NESTING_LIMIT ||
				e.code === EVALUATION_BUDGET ||
				e.code === SCAN_FAILED,
		)
		.map((e) => ({ range: range(e.span), severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: e.code, message: e.message }));
}

/** Findings of one file as LSP diagnostics; related locations only when the client shows them. */
export function diagnostics(analysis: FileAnalysis, uri: string, relatedInformation: boolean, locate: LocateFile = () => undefined): Diagnostic[] {
	const rangeIn = (lines: LineMap, span: { start: number; end: number }) => ({ start: lines.position(span.start), end: lines.position(span.end) });
	const range = (span: { start: number; end: number }) => rangeIn(analysis.lines, span);
	return [...findingDiagnostics(analysis, uri, relatedInformation, locate, range, rangeIn), ...scanDiagnostics(analysis, range)];
}

function findingDiagnostics(
	analysis: FileAnalysis,
	uri: string,
	relatedInformation: boolean,
	locate: LocateFile,
	range: (span: { start: number; end: number }) => Diagnostic['range'],
	rangeIn: (lines: LineMap, span: { start: number; end: number }) => Diagnostic['range'],
): Diagnostic[] {
	// A finding about a call underlines its callee, not arguments that may run over many lines.
	const calls = new Set(analysis.estimate.calls.map((c) => `${c.call.span.start}:${c.call.span.end}`));
	return analysis.findings.map((finding) => {
		const span = calls.has(`${finding.span.start}:${finding.span.end}`) ? calleeSpan(analysis.lines.text, finding.span) : finding.span;
		const diagnostic: Diagnostic = {
			range: range(span),
			severity: SEVERITY[finding.severity],
			source: DIAGNOSTIC_SOURCE,
			code: finding.id,
			message: finding.message,
		};
		const docs = documentationUrl(finding.docs);
		if (docs) diagnostic.codeDescription = { href: docs };
		if (relatedInformation && finding.related.length > 0) {
			diagnostic.relatedInformation = finding.related.flatMap((r) => {
				if (r.path === undefined) return [{ location: { uri, range: range(r.span) }, message: r.message }];
				const other = locate(r.path);
				return other ? [{ location: { uri: other.uri, range: rangeIn(other.lines, r.span) }, message: r.message }] : [];
			});
		}
		return diagnostic;
	});
}
