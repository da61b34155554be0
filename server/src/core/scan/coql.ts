/** COQL queries as the scanners read them: the LIMIT a query states, and queries whose text a call fills in. */
import { HOLE, PARAMETER } from './zoho-url';

/**
 * Whether a query ends in a computed part that may be a whole clause (`select … from Leads ${rest}`), a
 * LIMIT among them; a computed part where a value goes (`where id = ${id}`, `in (${ids})`) holds none.
 */
function mayEndInClause(query: string): boolean {
	// A parameter the caller fills is as unknown here as any computed part.
	const text = query.replace(PARAMETER, HOLE).trim();
	if (!text.endsWith(HOLE)) return false;
	const before = text
		.slice(0, text.lastIndexOf(HOLE))
		.replace(new RegExp(`${HOLE}+$`), '')
		.trimEnd();
	return !/(?:[=<>(,+\-*/']|\b(?:like|in|and|or|not|is|between))$/i.test(before);
}

/** LIMIT of a COQL query: `limit 500`, `limit 100, 500` (offset, count), `limit 500 offset 100`; null without one. */
export function coqlLimitOf(query: string): number | null | undefined {
	const m = /\blimit\s+(\S+?)(?:\s*,\s*(\S+?))?(?:\s+offset\b.*)?\s*$/i.exec(query.trim());
	if (!m) return /\blimit\b/i.test(query) || mayEndInClause(query) ? undefined : null;
	const count = m[2] ?? m[1];
	return /^\d+$/.test(count) ? Number(count) : undefined;
}

/** Stands for a COQL query whose text holds parameters: each call fills them, and the LIMIT is read from the result. */
export function queryMarker(text: string): string {
	return `\u000b${text}\u000b`;
}

/** The LIMIT of a filled query marker (null: none), or undefined when the text is no query marker or its LIMIT is not visible. */
export function parseQueryMarker(text: string): { coqlLimit: number | null } | undefined {
	const m = /^\u000b([^]*)\u000b$/.exec(text);
	if (!m) return undefined;
	const limit = coqlLimitOf(m[1]);
	return limit === undefined ? undefined : { coqlLimit: limit };
}
