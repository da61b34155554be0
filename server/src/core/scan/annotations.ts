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
	if (!text.includes('zoho-credits:')) return { file, lines };
	text.split(/\r?\n/).forEach((line, i) => {
		const comment = line.indexOf('//');
		if (comment < 0) return;
		const annotation = parseAnnotation(line.slice(comment));
		if (annotation?.ignoreFile) file = true;
		if (!annotation?.ignore) return;
		lines.add(i);
		// A comment alone on its line speaks for the line below.
		if (line.slice(0, comment).trim() === '') lines.add(i + 1);
	});
	return { file, lines };
}
