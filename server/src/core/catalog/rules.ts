/**
 * The closed set of credit rules and how each prices one call.
 * Every catalog entry carries exactly one of these; scripts/gen-catalog.mjs refuses anything else.
 */
export type CreditRule =
	/** N credits per call, whatever it carries (default 1; Convert Lead 5; Bulk Read 50; Bulk Write 500). */
	| { readonly kind: 'fixed'; readonly credits: number }
	/** `ceil(records / per)` credits per call, at least 1 (writes: per 10; tags: per 50; mass delete: per 100). */
	| { readonly kind: 'per-records'; readonly per: number; readonly maxRecords?: number }
	/** COQL by its LIMIT: 1–200 → 1, 201–1,000 → 2, 1,001–2,000 → 3. */
	| { readonly kind: 'coql-limit' }
	/** Zoho publishes no figure: priced at the default of 1 credit and always marked assumed. */
	| { readonly kind: 'unknown' };

/** What the scanner could read about one call that a rule depends on. */
export interface CallInputs {
	/** Records one call carries, when visible (a literal list, a single-record task). */
	readonly records?: number;
	/** COQL LIMIT when visible; `null` when the query is visible and has no LIMIT clause. */
	readonly coqlLimit?: number | null;
}

/** How a rule applied to what the code shows, as data (core/explain.ts says it in words). */
export type PriceDetail =
	/** `ceil(records / per)`. */
	| { readonly kind: 'records'; readonly records: number; readonly per: number; readonly credits: number }
	/** More records than one call takes: priced as a full call, `ceil(maxRecords / per)`. */
	| { readonly kind: 'records-over-max'; readonly records: number; readonly maxRecords: number; readonly per: number; readonly credits: number }
	/** A COQL query with no LIMIT reads the default number of rows. */
	| { readonly kind: 'coql-no-limit'; readonly rows: number; readonly credits: number }
	| { readonly kind: 'coql-limit'; readonly limit: number; readonly credits: number };

/** What stood in for a figure the rule needs and the code does not show. */
export type PriceAssumption =
	/** Zoho publishes no figure: its default per call. */
	| { readonly kind: 'unpublished'; readonly credits: number }
	/** The records a write carries: one, up to a full call (`most` credits) when the API caps records per call. */
	| { readonly kind: 'records-unseen'; readonly maxRecords?: number; readonly most: number }
	/** The COQL query: the most one query reads. */
	| { readonly kind: 'query-unseen'; readonly limit: number; readonly credits: number }
	/** An org's API list gives a range and nothing the code shows pins the figure within it. */
	| { readonly kind: 'data-unseen' };

export interface Price {
	/** The point estimate for one call. */
	readonly credits: number;
	/** Lowest and highest cost one call can have under the rule, given what is visible. */
	readonly min: number;
	readonly max: number;
	/** How the rule applied: "3 records → ceil(3/10) = 1". */
	readonly detail?: PriceDetail;
	/** Set when a figure the rule needs was not visible and an assumption stood in for it. */
	readonly assumption?: PriceAssumption;
	/** Set when the org's API list priced the call: its range per call and the figure taken within it. */
	readonly orgList?: { readonly min: number; readonly max: number };
}

/** The default the unknown rule falls back to. */
export const DEFAULT_CREDITS = 1;
/** COQL reads 200 rows without a LIMIT and at most 2,000 with one. */
export const COQL_DEFAULT_LIMIT = 200;
export const COQL_MAX_LIMIT = 2000;

export function coqlCredits(limit: number): number {
	if (limit <= 200) return 1;
	if (limit <= 1000) return 2;
	return 3;
}

/** Prices one call under its rule. */
export function price(rule: CreditRule, inputs: CallInputs = {}): Price {
	switch (rule.kind) {
		case 'fixed':
			return { credits: rule.credits, min: rule.credits, max: rule.credits };
		case 'unknown':
			return {
				credits: DEFAULT_CREDITS,
				min: DEFAULT_CREDITS,
				max: DEFAULT_CREDITS,
				assumption: { kind: 'unpublished', credits: DEFAULT_CREDITS },
			};
		case 'per-records': {
			// Zoho takes at most `maxRecords` in one call: a larger list is priced as a full call, and said so.
			if (inputs.records !== undefined && rule.maxRecords !== undefined && inputs.records > rule.maxRecords) {
				const credits = Math.ceil(rule.maxRecords / rule.per);
				return {
					credits,
					min: credits,
					max: credits,
					detail: { kind: 'records-over-max', records: inputs.records, maxRecords: rule.maxRecords, per: rule.per, credits },
				};
			}
			if (inputs.records !== undefined) {
				const credits = Math.max(1, Math.ceil(inputs.records / rule.per));
				return { credits, min: credits, max: credits, detail: { kind: 'records', records: inputs.records, per: rule.per, credits } };
			}
			// Most writes whose records the code does not show send one; a full call is the high end.
			if (rule.maxRecords !== undefined) {
				const most = Math.ceil(rule.maxRecords / rule.per);
				return {
					credits: 1,
					min: 1,
					max: most,
					assumption: { kind: 'records-unseen', maxRecords: rule.maxRecords, most },
				};
			}
			return { credits: 1, min: 1, max: 1, assumption: { kind: 'records-unseen', most: 1 } };
		}
		case 'coql-limit': {
			if (inputs.coqlLimit === null) return { credits: 1, min: 1, max: 1, detail: { kind: 'coql-no-limit', rows: COQL_DEFAULT_LIMIT, credits: 1 } };
			if (inputs.coqlLimit !== undefined) {
				const credits = coqlCredits(inputs.coqlLimit);
				return { credits, min: credits, max: credits, detail: { kind: 'coql-limit', limit: inputs.coqlLimit, credits } };
			}
			return {
				credits: 3,
				min: 1,
				max: 3,
				assumption: { kind: 'query-unseen', limit: COQL_MAX_LIMIT, credits: 3 },
			};
		}
	}
}
