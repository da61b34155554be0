/**
 * Daily API credit allowances per Zoho CRM edition, in two dated tables, and concurrency limits.
 * Allowance = base + users × per-user + add-on credits, capped at the edition's maximum.
 */
import { formatNumber } from '../format';

export type Edition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';
export const EDITIONS: readonly Edition[] = ['free', 'standard', 'professional', 'enterprise', 'ultimate'];

export type BudgetTableId = 'seed' | 'current';
export const BUDGET_TABLE_IDS: readonly BudgetTableId[] = ['seed', 'current'];
/** Zoho's current table unless the team chooses the source document's (`budgetTable: "seed"`). */
export const DEFAULT_BUDGET_TABLE: BudgetTableId = 'current';

export interface EditionLimits {
	readonly base: number;
	readonly perUser: number;
	/** Cap on the daily credits; null when the edition has none. */
	readonly max: number | null;
}

export interface BudgetTable {
	readonly id: BudgetTableId;
	readonly title: string;
	/** When the table was published or read, in words. */
	readonly dated: string;
	/** The same in a few words, for the views that name the table in force: "read 2026-11-25". */
	readonly since: string;
	readonly sources: readonly string[];
	readonly editions: Readonly<Record<Edition, EditionLimits>>;
}

export const EDITION_LABELS: Readonly<Record<Edition, string>> = {
	free: 'Free',
	standard: 'Standard/Starter',
	professional: 'Professional',
	enterprise: 'Enterprise/Zoho One',
	ultimate: 'Ultimate/CRM Plus',
};

/** The table of the source document our users start from (Zoho CRM API limits, Version 2 API framework). */
export const SEED_TABLE: BudgetTable = {
	id: 'seed',
	title: 'Zoho CRM API limits, Version 2 API framework (the source document)',
	dated: 'undated; the same figures as Zoho\u2019s Kaizen #34 post on API credits',
	since: 'the source document, undated',
	sources: ['https://help.zoho.com/portal/en/community/topic/kaizen-34-api-credits'],
	editions: {
		free: { base: 5000, perUser: 0, max: 5000 },
		standard: { base: 5000, perUser: 250, max: 100000 },
		professional: { base: 10000, perUser: 500, max: 500000 },
		enterprise: { base: 15000, perUser: 1000, max: 1000000 },
		ultimate: { base: 15000, perUser: 2000, max: null },
	},
};

/** Zoho's newest published table. */
export const CURRENT_TABLE: BudgetTable = {
	id: 'current',
	title: 'Zoho CRM API limits, as published on Zoho\u2019s API limits pages',
	dated: 'read 2026-11-25',
	since: 'read 2026-11-25',
	sources: [
		'https://www.zoho.com/crm/developer/docs/api/v4/api-limits.html',
		'https://www.zoho.com/crm/developer/docs/api/v2/api-limits.html',
		'https://www.zoho.com/crm/help/api/api-limits.html',
	],
	editions: {
		free: { base: 5000, perUser: 0, max: 5000 },
		standard: { base: 50000, perUser: 250, max: 100000 },
		professional: { base: 50000, perUser: 500, max: 3000000 },
		enterprise: { base: 50000, perUser: 1000, max: 5000000 },
		ultimate: { base: 50000, perUser: 2000, max: null },
	},
};

export const BUDGET_TABLES: Readonly<Record<BudgetTableId, BudgetTable>> = { seed: SEED_TABLE, current: CURRENT_TABLE };

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

export function isEdition(value: unknown): value is Edition {
	return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value);
}

/** A table by its id with when it was read: "current table (read 2026-11-25)". */
export function tableName(id: string): string {
	const table = isBudgetTableId(id) ? BUDGET_TABLES[id] : undefined;
	return table ? `${id} table (${table.since})` : `${id} table`;
}

export function isBudgetTableId(value: unknown): value is BudgetTableId {
	return typeof value === 'string' && (BUDGET_TABLE_IDS as readonly string[]).includes(value);
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

/** The allowance formula of an edition in words: "10,000 + 500 per user credits a day, at most 500,000". */
export function describeEdition(edition: Edition, table: BudgetTableId = DEFAULT_BUDGET_TABLE): string {
	const l = BUDGET_TABLES[table].editions[edition];
	const n = (x: number) => formatNumber(x);
	const perUser = l.perUser ? ` + ${n(l.perUser)} per user` : '';
	return `${n(l.base)}${perUser} credits a day${l.max === null ? ', no maximum' : `, at most ${n(l.max)}`}`;
}
