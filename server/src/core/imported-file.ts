/** What the files a team imports into `.zoho-credits/` share: their header, how they parse, how they fail. */
import { formatNumber } from '../../../shared/format';

/** What every calibration file records about its import. */
export interface ImportedFile {
	readonly version: 1;
	/** The day of the import, `YYYY-MM-DD`: hover cites it. */
	readonly importedAt: string;
	/** The file it was imported from (its name only). */
	readonly source?: string;
}

/** A file read whole, or every problem that stopped it. */
export type Parsed<T> = { readonly value: T; readonly errors: readonly string[] } | { readonly value: undefined; readonly errors: readonly string[] };

/** Text as JSON, with the parser's complaint as the error. */
export function parseJson(text: string, what: string): { value?: unknown; error?: string } {
	try {
		return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
	} catch (error) {
		return { error: `${what} is not JSON: ${(error as Error).message}` };
	}
}

/** The most problems an import names; the rest are counted in one last line. */
export const LISTED_PROBLEMS = 20;

/**
 * The problems of an imported file as they are found: the first `LISTED_PROBLEMS` are kept, the rest
 * only counted, so a large file of bad rows makes a short message (and holds no list of them all).
 */
export class Problems {
	private readonly listed: string[] = [];
	private found = 0;

	push(problem: string): void {
		if (this.listed.length < LISTED_PROBLEMS) this.listed.push(problem);
		this.found++;
	}

	/** How many problems were found, named or counted. */
	get count(): number {
		return this.found;
	}

	/** The problems named, then "… and 980 more" when there were more. */
	list(): string[] {
		const more = this.found - this.listed.length;
		return more > 0 ? [...this.listed, `… and ${formatNumber(more)} more`] : [...this.listed];
	}
}
