import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/analysis';
import type { Severity } from '../core/findings';

export const DIAGNOSTIC_SOURCE = 'Zoho Credit Lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
};

/** Findings of one file as LSP diagnostics; related locations only when the client shows them. */
export function diagnostics(analysis: FileAnalysis, uri: string, relatedInformation: boolean): Diagnostic[] {
	const range = (span: { start: number; end: number }) => ({ start: analysis.lines.position(span.start), end: analysis.lines.position(span.end) });
	return analysis.findings.map((finding) => {
		const diagnostic: Diagnostic = {
			range: range(finding.span),
			severity: SEVERITY[finding.severity],
			source: DIAGNOSTIC_SOURCE,
			code: finding.id,
			message: finding.message,
		};
		if (finding.docs) diagnostic.codeDescription = { href: finding.docs };
		if (relatedInformation && finding.related.length > 0) {
			diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: range(r.span) }, message: r.message }));
		}
		return diagnostic;
	});
}
