/**
 * Zoho CRM's editions and their daily credit allowances, in two dated tables: what the engine prices
 * against and what the editor's edition picker and reports name.
 * Allowance = base + users × per-user + add-on credits, capped at the edition's maximum.
 */
import { formatNumber } from './format';

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

/** The allowance formula of an edition in words: "10,000 + 500 per user credits a day, at most 500,000". */
export function describeEdition(edition: Edition, table: BudgetTableId = DEFAULT_BUDGET_TABLE): string {
	const l = BUDGET_TABLES[table].editions[edition];
	const n = (x: number) => formatNumber(x);
	const perUser = l.perUser ? ` + ${n(l.perUser)} per user` : '';
	return `${n(l.base)}${perUser} credits a day${l.max === null ? ', no maximum' : `, at most ${n(l.max)}`}`;
}
