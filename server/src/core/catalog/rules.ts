/**
 * The closed set of credit rules and how each prices one call.
 * Every catalog entry carries exactly one of these; scripts/gen-catalog.mjs refuses anything else.
 */
import { formatNumber, plural } from '../../../../shared/format';

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

export interface Price {
	/** The point estimate for one call. */
	readonly credits: number;
	/** Lowest and highest cost one call can have under the rule, given what is visible. */
	readonly min: number;
	readonly max: number;
	/** How the rule applied, in words: "3 records → ceil(3/10) = 1". */
	readonly detail?: string;
	/** Set when a figure the rule needs was not visible and an assumption stood in for it. */
	readonly assumption?: string;
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

/** The rule in words, as hover and reports state it. */
export function describeRule(rule: CreditRule): string {
	switch (rule.kind) {
		case 'fixed':
			return `${plural(rule.credits, 'credit')} per call`;
		case 'per-records':
			return `1 credit per ${rule.per} records, rounded up${rule.maxRecords ? `; at most ${formatNumber(rule.maxRecords)} records per call` : ''}`;
		case 'coql-limit':
			return 'by LIMIT: 1–200 rows → 1 credit, 201–1,000 → 2, 1,001–2,000 → 3';
		case 'unknown':
			return `not published by Zoho; priced at the default ${plural(DEFAULT_CREDITS, 'credit')}`;
	}
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
				assumption: 'Zoho publishes no credit figure for this API: the default 1 credit is assumed',
			};
		case 'per-records': {
			// Zoho takes at most `maxRecords` in one call: a larger list is priced as a full call, and said so.
			if (inputs.records !== undefined && rule.maxRecords !== undefined && inputs.records > rule.maxRecords) {
				const credits = Math.ceil(rule.maxRecords / rule.per);
				return {
					credits,
					min: credits,
					max: credits,
					detail: `${plural(inputs.records, 'record')}, more than the ${formatNumber(rule.maxRecords)} one call takes → ceil(${rule.maxRecords}/${rule.per}) = ${credits}`,
				};
			}
			if (inputs.records !== undefined) {
				const credits = Math.max(1, Math.ceil(inputs.records / rule.per));
				return { credits, min: credits, max: credits, detail: `${plural(inputs.records, 'record')} → ceil(${inputs.records}/${rule.per}) = ${credits}` };
			}
			// Most writes whose records the code does not show send one; a full call is the high end.
			if (rule.maxRecords !== undefined) {
				const most = Math.ceil(rule.maxRecords / rule.per);
				return {
					credits: 1,
					min: 1,
					max: most,
					assumption: `record count not visible: assumed 1 record (1 credit), up to ${formatNumber(rule.maxRecords)}, the most one call takes (${most} credits)`,
				};
			}
			return { credits: 1, min: 1, max: 1, assumption: 'record count not visible: assumed one call at its minimum of 1 credit' };
		}
		case 'coql-limit': {
			if (inputs.coqlLimit === null) return { credits: 1, min: 1, max: 1, detail: `no LIMIT: Zoho reads ${COQL_DEFAULT_LIMIT} rows → 1` };
			if (inputs.coqlLimit !== undefined) {
				const credits = coqlCredits(inputs.coqlLimit);
				return { credits, min: credits, max: credits, detail: `LIMIT ${formatNumber(inputs.coqlLimit)} → ${credits}` };
			}
			return {
				credits: 3,
				min: 1,
				max: 3,
				assumption: `query not visible: assumed LIMIT ${formatNumber(COQL_MAX_LIMIT)}, the most one query reads (3 credits)`,
			};
		}
	}
}
