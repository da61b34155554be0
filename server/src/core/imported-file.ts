/** What the files a team imports into `.zoho-credits/` share: their header, how they parse, how they fail. */

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
