/**
 * The daily allowance in force (edition, users, add-on credits, table) and concurrency limits; the
 * editions and their tables are shared with the editor (shared/editions.ts).
 */
import { BUDGET_TABLES, type BudgetTableId, DEFAULT_BUDGET_TABLE, EDITION_LABELS, type Edition } from '../../../../shared/editions';

/** API calls an edition allows in flight at once, per user per OAuth app. */
export const CONCURRENCY: Readonly<Record<Edition, number>> = { free: 5, standard: 10, professional: 15, enterprise: 20, ultimate: 25 };
/** Complex APIs (Convert Lead, Search, COQL, writes of more than 10 records, …) share a lower limit in every edition. */
export const SUB_CONCURRENCY = 10;
export const CONCURRENCY_SOURCES: readonly string[] = [
	'https://help.zoho.com/portal/en/community/topic/increase-in-crm-api-v2-credits',
	'https://help.zoho.com/portal/en/community/topic/sub-concurrency-for-complex-apis',
];

export interface BudgetInput {
	readonly edition: Edition;
	readonly users: number;
	readonly addOnCredits: number;
	readonly table?: BudgetTableId;
}

export interface Budget {
	readonly edition: Edition;
	readonly editionLabel: string;
	readonly users: number;
	readonly addOnCredits: number;
	readonly table: BudgetTableId;
	readonly tableTitle: string;
	readonly tableDated: string;
	/** When the table was read, in a few words: "read 2026-11-25". */
	readonly tableSince: string;
	/** Credits per rolling 24-hour window. */
	readonly dailyCredits: number;
	/** The edition's cap; null when it has none. */
	readonly max: number | null;
	/** True when the cap lowered the allowance. */
	readonly capped: boolean;
	readonly concurrency: number;
	readonly subConcurrency: number;
}

export function resolveBudget(input: BudgetInput): Budget {
	const table = BUDGET_TABLES[input.table ?? DEFAULT_BUDGET_TABLE];
	const limits = table.editions[input.edition];
	const users = Math.max(0, Math.floor(input.users));
	const addOnCredits = Math.max(0, Math.floor(input.addOnCredits));
	const raw = limits.base + users * limits.perUser + addOnCredits;
	return {
		edition: input.edition,
		editionLabel: EDITION_LABELS[input.edition],
		users,
		addOnCredits,
		table: table.id,
		tableTitle: table.title,
		tableDated: table.dated,
		tableSince: table.since,
		dailyCredits: limits.max === null ? raw : Math.min(raw, limits.max),
		max: limits.max,
		capped: limits.max !== null && raw > limits.max,
		concurrency: CONCURRENCY[input.edition],
		subConcurrency: SUB_CONCURRENCY,
	};
}
