/**
 * The settings in force for an analysis, each with where it came from. Layers are given in precedence
 * order: in the editor the team's zoho-credits.json wins over editor settings; in the CLI options given
 * on the command line win over the file. Defaults come last.
 */
import { type BudgetTableId, DEFAULT_BUDGET_TABLE, type Edition, isBudgetTableId, isEdition } from '../../../../shared/editions';
import { type DelugeLimits, delugeLimitsOf, isDelugeProduct } from '../catalog/deluge-limits';
import type { OrgApis } from '../catalog/org-apis';
import type { ObservedUsage } from './observed-usage';
import { braceExpansions, MAX_GLOB_EXPANSIONS } from './globs';
import type { EntryPointConfig, TeamConfig } from './team-config';

export type Origin = 'zoho-credits.json' | 'settings' | 'command line' | 'default';

export interface Setting<T> {
	readonly value: T;
	readonly origin: Origin;
}

/** Values of one layer, as written (only what the user set explicitly); invalid values are passed over. */
export interface ExplicitSettings {
	readonly edition?: unknown;
	readonly users?: unknown;
	readonly addOnCredits?: unknown;
	readonly budgetTable?: unknown;
	readonly thresholds?: unknown;
	readonly defaultLoopIterations?: unknown;
	readonly assumedIterations?: unknown;
	readonly moduleSizes?: unknown;
	readonly entryPoints?: unknown;
	readonly ignore?: unknown;
	readonly deluge?: unknown;
	readonly delugeLimits?: unknown;
}

export interface EffectiveSettings {
	readonly edition: Setting<Edition>;
	readonly users: Setting<number>;
	readonly addOnCredits: Setting<number>;
	readonly budgetTable: Setting<BudgetTableId>;
	/** Shares of the daily allowance at which a path is a warning or an error. */
	readonly warningShare: Setting<number>;
	readonly errorShare: Setting<number>;
	readonly defaultLoopIterations: Setting<number>;
	/** The high end of a loop count the code does not bound (pagination loops without a module size). */
	readonly assumedIterationsHigh: Setting<number>;
	readonly moduleSizes: Setting<Readonly<Record<string, number>>>;
	readonly entryPoints: Setting<readonly EntryPointConfig[]>;
	readonly ignore: Setting<readonly string[]>;
	readonly deluge: Setting<readonly string[]>;
	/** The Deluge limits of the product the scripts run in (Zoho CRM unless the team names another or sets its own figures). */
	readonly delugeLimits: Setting<DelugeLimits>;
	/** The org's API list the team imported (`.zoho-credits/apis.json`): its credits override the catalog's. */
	readonly orgApis?: OrgApis;
	/** Observed credits a day the team imported (`.zoho-credits/usage.json`), shown beside the estimate. */
	readonly observed?: ObservedUsage;
}

export const DEFAULTS = {
	edition: 'professional' as Edition,
	users: 10,
	addOnCredits: 0,
	budgetTable: DEFAULT_BUDGET_TABLE,
	warningShare: 0.5,
	errorShare: 1.0,
	defaultLoopIterations: 10,
	assumedIterationsHigh: 100,
};

/**
 * The largest value of each number a user sets: far beyond any real org or job, short of figures that
 * overflow to Infinity in a product (`users: 1e308`). The schema, the editor settings and the CLI say the same.
 */
export const LIMITS = {
	users: 1_000_000,
	addOnCredits: 1_000_000_000,
	defaultLoopIterations: 1_000_000,
	moduleSize: 1_000_000_000,
	runsPerDay: 10_000_000,
	/** A threshold is a share of the daily allowance: 100 is a hundred days' credits. */
	threshold: 100,
	/** An `iterations=N` annotation. */
	iterations: 1_000_000_000,
	/** A Deluge limit the team sets (statements or function calls per run). */
	delugeLimit: 1_000_000_000,
} as const;

const wholeBetween =
	(min: number, max: number) =>
	(v: unknown): v is number =>
		typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= LIMITS.threshold;
const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
/** Globs, none expanding past the limit (a list with one is passed over whole, as any invalid value). */
const globList = (v: unknown): v is string[] => stringList(v) && v.every((g) => braceExpansions(g) <= MAX_GLOB_EXPANSIONS);
const sizes = (v: unknown): v is Record<string, number> =>
	typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(wholeBetween(0, LIMITS.moduleSize));
const entryPoints = (v: unknown): v is EntryPointConfig[] =>
	Array.isArray(v) &&
	v.every(
		(e) =>
			typeof e === 'object' &&
			e !== null &&
			(typeof e.function === 'string' || typeof e.file === 'string') &&
			typeof e.runsPerDay === 'number' &&
			e.runsPerDay >= 0 &&
			e.runsPerDay <= LIMITS.runsPerDay,
	);

/** One source of values and the origin it stands for. */
export interface SettingsLayer {
	readonly values: ExplicitSettings | TeamConfig | undefined;
	readonly origin: Exclude<Origin, 'default'>;
}

function thresholdsOf(v: unknown): { warning?: unknown; error?: unknown } {
	return typeof v === 'object' && v !== null ? (v as { warning?: unknown; error?: unknown }) : {};
}

/** The first valid value among the layers, else the default, with its origin. */
function pick<T>(layers: readonly SettingsLayer[], read: (values: ExplicitSettings) => unknown, fallback: T, valid: (v: unknown) => v is T): Setting<T> {
	for (const layer of layers) {
		const value = layer.values ? read(layer.values as ExplicitSettings) : undefined;
		if (value !== undefined && value !== null && valid(value)) return { value, origin: layer.origin };
	}
	return { value: fallback, origin: 'default' };
}

export function resolveSettings(layers: readonly SettingsLayer[] = []): EffectiveSettings {
	return {
		edition: pick(layers, (v) => v.edition, DEFAULTS.edition, isEdition),
		users: pick(layers, (v) => v.users, DEFAULTS.users, wholeBetween(0, LIMITS.users)),
		addOnCredits: pick(layers, (v) => v.addOnCredits, DEFAULTS.addOnCredits, wholeBetween(0, LIMITS.addOnCredits)),
		budgetTable: pick(layers, (v) => v.budgetTable, DEFAULTS.budgetTable, isBudgetTableId),
		warningShare: pick(layers, (v) => thresholdsOf(v.thresholds).warning, DEFAULTS.warningShare, positive),
		errorShare: pick(layers, (v) => thresholdsOf(v.thresholds).error, DEFAULTS.errorShare, positive),
		defaultLoopIterations: pick(layers, (v) => v.defaultLoopIterations, DEFAULTS.defaultLoopIterations, wholeBetween(1, LIMITS.defaultLoopIterations)),
		assumedIterationsHigh: pick(layers, (v) => highOf(v.assumedIterations), DEFAULTS.assumedIterationsHigh, wholeBetween(1, LIMITS.defaultLoopIterations)),
		moduleSizes: pick(layers, (v) => v.moduleSizes, {}, sizes),
		entryPoints: pick(layers, (v) => v.entryPoints, [], entryPoints),
		ignore: pick(layers, (v) => v.ignore, [], globList),
		deluge: pick(layers, (v) => v.deluge, [], globList),
		delugeLimits: pick(layers, (v) => limitsOf(v.delugeLimits), DEFAULT_DELUGE_LIMITS, isLimits),
	};
}

const DEFAULT_DELUGE_LIMITS = delugeLimitsOf('crm');

/** `delugeLimits: { product: "creator", statements: 4000 }` → the product's limits with the team's figures in place of Zoho's. */
function limitsOf(value: unknown): DelugeLimits | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { product = 'crm', statements, nestedCalls } = value as { product?: unknown; statements?: unknown; nestedCalls?: unknown };
	const figure = wholeBetween(1, LIMITS.delugeLimit);
	if (!isDelugeProduct(product) || (statements !== undefined && !figure(statements)) || (nestedCalls !== undefined && !figure(nestedCalls))) return undefined;
	return delugeLimitsOf(product, { ...(statements !== undefined ? { statements } : {}), ...(nestedCalls !== undefined ? { nestedCalls } : {}) });
}

const isLimits = (v: unknown): v is DelugeLimits => typeof v === 'object' && v !== null;

/** `assumedIterations: { high: 100 }` → 100. */
function highOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null ? (value as { high?: unknown }).high : undefined;
}

/** True when neither the edition nor the user count was configured anywhere: the budget is a guess. */
export function budgetAssumed(settings: EffectiveSettings): boolean {
	return settings.edition.origin === 'default' || settings.users.origin === 'default';
}

/** Where a value came from, in words: "from zoho-credits.json", "from settings", "assumed". */
export function describeOrigin(origin: Origin): string {
	return origin === 'default' ? 'assumed' : `from ${origin}`;
}
