/**
 * Inline annotations written in `//` comments, shared by every language:
 * `zoho-credits: iterations=N`, `zoho-credits: runs-per-day=N`, `zoho-credits: ignore`.
 */
import { LIMITS } from '../config/settings';

export interface Annotation {
	readonly iterations?: number;
	readonly runsPerDay?: number;
	readonly ignore?: boolean;
	readonly ignoreFile?: boolean;
}

const ANNOTATION = /zoho-credits:\s*(.*)$/;

/** Reads an annotation from the text of one comment; undefined when the comment holds none. */
export function parseAnnotation(comment: string): Annotation | undefined {
	const m = ANNOTATION.exec(comment);
	if (!m) return undefined;
	let iterations: number | undefined;
	let runsPerDay: number | undefined;
	let ignore = false;
	let ignoreFile = false;
	for (const part of m[1].split(/[\s,]+/)) {
		const [key, value] = part.split('=');
		const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
		// A figure past the limits is read as the limit: a thousand digits would otherwise be Infinity.
		if (key === 'iterations' && n !== undefined) iterations = Math.min(n, LIMITS.iterations);
		else if (key === 'runs-per-day' && n !== undefined) runsPerDay = Math.min(n, LIMITS.runsPerDay);
		else if (key === 'ignore') ignore = true;
		else if (key === 'ignore-file') ignoreFile = true;
	}
	if (iterations === undefined && runsPerDay === undefined && !ignore && !ignoreFile) return undefined;
	return { iterations, runsPerDay, ignore, ignoreFile };
}

/** Lines whose findings are suppressed: `// zoho-credits: ignore` on the line, or alone on the line above it. */
export interface Suppressions {
	readonly file: boolean;
	readonly lines: ReadonlySet<number>;
}

/** Reads the `ignore` and `ignore-file` annotations of a text (0-based lines). */
export function suppressionsOf(text: string): Suppressions {
	const lines = new Set<number>();
	let file = false;
	if (!text.includes('zoho-credits:') || !text.includes('ignore')) return { file, lines };
	// Only the lines that name both are read: a file of forty thousand `iterations=` annotations is not.
	let line = 0;
	let lineStart = 0;
	for (const match of text.matchAll(SUPPRESSION)) {
		for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < match.index; nl = text.indexOf('\n', lineStart)) {
			line++;
			lineStart = nl + 1;
		}
		const end = text.indexOf('\n', match.index);
		const lineText = text.slice(lineStart, end < 0 ? text.length : end).replace(/\r$/, '');
		const comment = lineText.indexOf('//');
		if (comment < 0) continue;
		const annotation = parseAnnotation(lineText.slice(comment));
		if (annotation?.ignoreFile) file = true;
		if (!annotation?.ignore) continue;
		lines.add(line);
		// A comment alone on its line speaks for the line below.
		if (lineText.slice(0, comment).trim() === '') lines.add(line + 1);
	}
	return { file, lines };
}

/** A line that may hold `zoho-credits: ignore` or `ignore-file` (one match a line: the pattern ends with it). */
const SUPPRESSION = /zoho-credits:[^\n]*?ignore[^\n]*/g;
