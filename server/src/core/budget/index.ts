/**
 * Daily API credit allowances per Zoho CRM edition.
 * Allowance = base + users × per-user + add-on credits, capped at the edition's maximum.
 */

export type Edition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';
export const EDITIONS: readonly Edition[] = ['free', 'standard', 'professional', 'enterprise', 'ultimate'];

export interface EditionLimits {
	readonly label: string;
	readonly base: number;
	readonly perUser: number;
	/** Cap on the daily credits; null when the edition has none. */
	readonly max: number | null;
}

export interface BudgetTable {
	readonly id: 'seed';
	readonly title: string;
	readonly source: string;
	readonly editions: Readonly<Record<Edition, EditionLimits>>;
}

/** The table of the source document our users start from (Zoho CRM API limits page). */
export const SEED_TABLE: BudgetTable = {
	id: 'seed',
	title: 'Zoho CRM API limits (source document)',
	source: 'https://www.zoho.com/crm/developer/docs/api/v2/api-limits.html',
	editions: {
		free: { label: 'Free', base: 5000, perUser: 0, max: 5000 },
		standard: { label: 'Standard/Starter', base: 5000, perUser: 250, max: 100000 },
		professional: { label: 'Professional', base: 10000, perUser: 500, max: 500000 },
		enterprise: { label: 'Enterprise/Zoho One', base: 15000, perUser: 1000, max: 1000000 },
		ultimate: { label: 'Ultimate/CRM Plus', base: 15000, perUser: 2000, max: null },
	},
};

export interface BudgetInput {
	readonly edition: Edition;
	readonly users: number;
	readonly addOnCredits: number;
}

export interface Budget extends BudgetInput {
	readonly editionLabel: string;
	readonly table: BudgetTable['id'];
	/** Credits per 24-hour window. */
	readonly dailyCredits: number;
	/** True when the edition's cap lowered the allowance. */
	readonly capped: boolean;
}

export function isEdition(value: unknown): value is Edition {
	return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value);
}

export function resolveBudget(input: BudgetInput, table: BudgetTable = SEED_TABLE): Budget {
	const limits = table.editions[input.edition];
	const users = Math.max(0, Math.floor(input.users));
	const addOnCredits = Math.max(0, Math.floor(input.addOnCredits));
	const raw = limits.base + users * limits.perUser + addOnCredits;
	return {
		...input,
		users,
		addOnCredits,
		editionLabel: limits.label,
		table: table.id,
		dailyCredits: limits.max === null ? raw : Math.min(raw, limits.max),
		capped: limits.max !== null && raw > limits.max,
	};
}
