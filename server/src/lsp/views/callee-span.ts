/**
 * The part of a call a squiggle underlines: its callee (`axios.put`, `zoho.crm.getRecords`,
 * `this.zoho.convertLead`), not the arguments that may run over many lines. Read from the call's own
 * text: the callee ends where the parenthesis opens whose match closes the call. Strings, template
 * literals and comments are skipped; a call that does not end in `)` (a Deluge `invokeurl [ … ]` block)
 * is underlined to the end of its first line.
 */
import type { Span } from '../../core/facts';

/** How much of a call's text is read to find its callee: a callee is short; arguments may be huge. */
const MAX_SCAN = 20_000;

export function calleeSpan(text: string, span: Span): Span {
	const end = Math.min(span.end, text.length);
	if (end - span.start < 2) return span;
	const open = text[end - 1] === ')' && end - span.start <= MAX_SCAN ? argumentsStart(text, span.start, end) : undefined;
	if (open !== undefined && open > span.start) return { start: span.start, end: trimEnd(text, span.start, open) };
	const newline = text.indexOf('\n', span.start);
	const lineEnd = newline < 0 || newline > end ? end : newline;
	return { start: span.start, end: trimEnd(text, span.start, lineEnd) };
}

/** The `(` at depth 0 whose `)` is the call's last character, or undefined when the text is not read that way. */
function argumentsStart(text: string, start: number, end: number): number | undefined {
	let depth = 0;
	let open: number | undefined;
	const templates: number[] = [];
	for (let i = start; i < end; i++) {
		const c = text[i];
		if (c === '/' && text[i + 1] === '/') {
			const newline = text.indexOf('\n', i);
			if (newline < 0 || newline >= end) return undefined;
			i = newline;
		} else if (c === '/' && text[i + 1] === '*') {
			const close = text.indexOf('*/', i + 2);
			if (close < 0 || close >= end) return undefined;
			i = close + 1;
		} else if (c === '"' || c === "'") {
			i = stringEnd(text, i, end, c);
			if (i < 0) return undefined;
		} else if (c === '`') {
			templates.push(depth);
			i = templateEnd(text, i + 1, end);
			if (i < 0) return undefined;
			if (text[i] === '`') templates.pop();
			else depth++; // `${`: inside a substitution until its `}`
		} else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
			depth--;
			i = templateEnd(text, i + 1, end);
			if (i < 0) return undefined;
			if (text[i] === '`') templates.pop();
			else depth++;
		} else if (c === '(' || c === '[' || c === '{') {
			if (depth === 0 && c === '(') open = i;
			depth++;
		} else if (c === ')' || c === ']' || c === '}') {
			depth--;
			if (depth < 0) return undefined;
			if (depth === 0 && c === ')' && i === end - 1) return open;
		}
	}
	return undefined;
}

/** The index of a quoted string's closing quote, or -1 when it does not close within the call. */
function stringEnd(text: string, from: number, end: number, quote: string): number {
	for (let i = from + 1; i < end; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === quote) return i;
		else if (text[i] === '\n') return -1;
	}
	return -1;
}

/** From inside a template literal: the index of its closing backtick or of the `{` of a `${`; -1 when neither comes. */
function templateEnd(text: string, from: number, end: number): number {
	for (let i = from; i < end; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '`') return i;
		else if (text[i] === '$' && text[i + 1] === '{') return i + 1;
	}
	return -1;
}

function trimEnd(text: string, start: number, end: number): number {
	let e = end;
	while (e > start && /\s/.test(text[e - 1])) e--;
	return e;
}
