/**
 * Inline annotations written in `//` comments, shared by every language:
 * `zoho-credits: iterations=N`, `zoho-credits: runs-per-day=N`, `zoho-credits: ignore`.
 */
export interface Annotation {
	readonly iterations?: number;
	readonly runsPerDay?: number;
	readonly ignore?: boolean;
}

const ANNOTATION = /zoho-credits:\s*(.*)$/;

/** Reads an annotation from the text of one comment; undefined when the comment holds none. */
export function parseAnnotation(comment: string): Annotation | undefined {
	const m = ANNOTATION.exec(comment);
	if (!m) return undefined;
	let iterations: number | undefined;
	let runsPerDay: number | undefined;
	let ignore = false;
	for (const part of m[1].split(/[\s,]+/)) {
		const [key, value] = part.split('=');
		const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
		if (key === 'iterations' && n !== undefined) iterations = n;
		else if (key === 'runs-per-day' && n !== undefined) runsPerDay = n;
		else if (key === 'ignore') ignore = true;
	}
	if (iterations === undefined && runsPerDay === undefined && !ignore) return undefined;
	return { iterations, runsPerDay, ignore };
}
