import type { Hover } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import { explanationAt } from '../../core/explain-markdown';

/** The hover at a place: the explanation there as Markdown, over the text it explains. */
export function hover(analysis: FileAnalysis, offset: number, explainUri?: string): Hover | null {
	const found = explanationAt(analysis, offset, explainUri);
	if (!found) return null;
	return {
		contents: { kind: 'markdown', value: found.markdown },
		range: { start: analysis.lines.position(found.span.start), end: analysis.lines.position(found.span.end) },
	};
}
