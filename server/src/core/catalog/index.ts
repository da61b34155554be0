/**
 * The credit catalog: Zoho CRM REST operations, official SDK methods and Deluge tasks as data
 * (generated into data/ by scripts/gen-catalog.mjs), and lookups from a request to its operation.
 */
import delugeData from './data/deluge-tasks.json';
import restData from './data/rest-operations.json';
import sdkData from './data/sdk-methods.json';
import { type CreditRule, DEFAULT_CREDITS, price } from './rules';
import type { DelugeTaskEntry, Operation, RestOperationEntry, SdkMethodEntry } from './types';

export { type CallInputs, type CreditRule, type Price, type PriceAssumption, type PriceDetail, price } from './rules';
export type { DelugeTaskEntry, Operation, RestOperationEntry, SdkMethodEntry, Verification } from './types';

export const REST_OPERATIONS = restData as readonly RestOperationEntry[];
export const SDK_METHODS = sdkData as readonly SdkMethodEntry[];
export const DELUGE_TASKS = delugeData as readonly DelugeTaskEntry[];

export const DEFAULT_SOURCE = 'https://www.zoho.com/crm/developer/docs/api/v4/api-limits.html';

/** `/crm/v8/…`, `/crm/bulk/v8/…`, `/crm/email/v8/…`: the family, the version and the rest of the path. */
const PREFIX = /^\/crm\/(?:(bulk|email)\/)?(v\d+(?:\.\d+)?)(?=\/|$)/;

export interface SplitPath {
	readonly family: string;
	readonly version: string | undefined;
	readonly segments: readonly string[];
}

export function split(path: string): SplitPath {
	const m = PREFIX.exec(path);
	const rest = m ? path.slice(m[0].length) : path;
	return { family: m ? (m[1] ?? 'crm') : 'other', version: m?.[2], segments: rest.split('/').filter((s) => s.length > 0) };
}

/** First segments that name an API family, never a module, so a module placeholder cannot take them. */
const NOT_MODULES = new Set([
	'settings',
	'org',
	'users',
	'coql',
	'composite',
	'__composite_requests',
	'files',
	'functions',
	'__apis',
	'__notification',
	'actions',
	'features',
	'upload',
	'read',
	'write',
	'backup',
]);

function isModulePlaceholder(segment: string): boolean {
	return segment.startsWith('{') && /module/i.test(segment);
}

interface IndexedOperation {
	readonly entry: RestOperationEntry;
	readonly segments: readonly string[];
}

/** Operations by `METHOD family segment-count`, so a lookup scans a handful of templates. */
const INDEX = new Map<string, IndexedOperation[]>();
for (const entry of REST_OPERATIONS) {
	const { family, segments } = split(entry.path);
	const key = `${entry.method} ${family} ${segments.length}`;
	const list = INDEX.get(key) ?? [];
	list.push({ entry, segments });
	INDEX.set(key, list);
}

/** A segment the code computes (`{x}` in a scanned path): it may stand for any literal segment. */
function isComputed(segment: string): boolean {
	return segment === '{x}';
}

export interface Match {
	/** Literal segments matched exactly. */
	readonly score: number;
	/** Literal template segments that only a computed segment stood for. */
	readonly guessed: number;
}

/** How well a template matches a path, or undefined when it does not. */
export function match(template: readonly string[], actual: readonly string[]): Match | undefined {
	let score = 0;
	let guessed = 0;
	for (let i = 0; i < template.length; i++) {
		const t = template[i];
		if (t.startsWith('{')) {
			if (i === 0 && isModulePlaceholder(t) && NOT_MODULES.has(actual[i].toLowerCase())) return undefined;
			continue;
		}
		if (isComputed(actual[i])) {
			guessed++;
			continue;
		}
		if (t.toLowerCase() !== actual[i].toLowerCase()) return undefined;
		score++;
	}
	return { score, guessed };
}

/** The most one call of an operation can cost: what a tie between computed paths is decided by. */
function ceiling(rule: CreditRule): number {
	return price(rule).max;
}

/** The template with the request's API version: `/crm/v8/Leads` asked as v2 reads `/crm/v2/Leads`. */
function withVersion(template: string, version: string | undefined): string {
	return version ? template.replace(/^(\/crm\/(?:bulk\/|email\/)?)v\d+(?:\.\d+)?/, `$1${version}`) : template;
}

function fromEntry(entry: RestOperationEntry, method: string, version: string | undefined): Operation {
	return {
		api: entry.api,
		operation: `${method} ${withVersion(entry.path, version)}`,
		rule: entry.rule,
		verification: entry.verification,
		sources: entry.sources,
		docs: entry.docs,
		inCatalog: true,
		subConcurrency: entry.subConcurrency,
	};
}

/**
 * The catalog entry a request matches: the most specific template first. When computed segments leave
 * operations of different prices possible, the dearest is taken, and `alternatives` names the others.
 */
export function findRestOperation(method: string, path: string): { entry: RestOperationEntry; alternatives: string[] } | undefined {
	const upper = method.toUpperCase();
	const { family, segments } = split(path);
	const exact: { candidate: IndexedOperation; score: number }[] = [];
	const guesses: { candidate: IndexedOperation; score: number }[] = [];
	for (const candidate of INDEX.get(`${upper} ${family} ${segments.length}`) ?? []) {
		const m = match(candidate.segments, segments);
		if (m) (m.guessed === 0 ? exact : guesses).push({ candidate, score: m.score });
	}
	const best = (list: { candidate: IndexedOperation; score: number }[]) =>
		list.reduce<(typeof list)[number] | undefined>((a, b) => (!a || b.score > a.score ? b : a), undefined);
	const base = best(exact) ?? best(guesses);
	if (!base) return undefined;
	// Templates that differ from the best one only where the path is computed: the code may mean any of them.
	const same = (a: string, b: string) => (a.startsWith('{') && b.startsWith('{')) || a.toLowerCase() === b.toLowerCase();
	const rivals = guesses.filter(
		({ candidate }) => candidate !== base.candidate && candidate.segments.every((t, i) => isComputed(segments[i]) || same(t, base.candidate.segments[i])),
	);
	const pool = [base, ...rivals].sort((a, b) => ceiling(b.candidate.entry.rule) - ceiling(a.candidate.entry.rule));
	const chosen = pool[0].candidate.entry;
	const alternatives = [
		...new Set(
			pool
				.slice(1)
				.filter((x) => ceiling(x.candidate.entry.rule) !== ceiling(chosen.rule))
				.map((x) => x.candidate.entry.api),
		),
	];
	return { entry: chosen, alternatives };
}

/**
 * The operation of a REST request to Zoho CRM, by method and path (`/crm/v8/Leads/123/actions/convert`).
 * A CRM path the catalog does not list costs the default 1 credit and says so.
 */
export function lookupRest(method: string, path: string): Operation {
	// A workspace asks for the same few requests thousands of times: each is matched against the catalog once.
	const key = `${method} ${path}`;
	const known = LOOKED_UP.get(key);
	if (known) return known;
	if (LOOKED_UP.size >= MAX_LOOKED_UP) LOOKED_UP.clear();
	const operation = matchRest(method, path);
	LOOKED_UP.set(key, operation);
	return operation;
}

const LOOKED_UP = new Map<string, Operation>();
const MAX_LOOKED_UP = 10_000;

function matchRest(method: string, path: string): Operation {
	const upper = method.toUpperCase();
	const found = findRestOperation(upper, path);
	if (found) {
		const operation = fromEntry(found.entry, upper, split(path).version);
		return found.alternatives.length > 0 ? { ...operation, alternatives: found.alternatives } : operation;
	}
	return {
		// `?`: the method is a parameter of a wrapper that no call fills in. API 1.0 (`/crm/private/json/…`) reached its end of life on 31 Dec 2018.
		api: upper === '?' ? 'Zoho CRM call (operation unknown)' : path.startsWith('/crm/private/') ? 'Zoho CRM API 1.0 (retired since 2018)' : 'Zoho CRM API',
		operation: `${upper} ${path}`,
		rule: { kind: 'fixed', credits: DEFAULT_CREDITS },
		verification: 'default-rule',
		sources: [DEFAULT_SOURCE],
		docs: DEFAULT_SOURCE,
		inCatalog: false,
	};
}

const TASKS_BY_NAME = new Map<string, DelugeTaskEntry>(DELUGE_TASKS.map((t) => [t.task, t]));

/** The catalog entry of a Deluge task such as `zoho.crm.v8.convertLead`, if known. */
export function lookupDelugeTask(task: string): DelugeTaskEntry | undefined {
	return TASKS_BY_NAME.get(task);
}

/** The operation a Deluge task performs; `zoho.crm.*` tasks the catalog lacks cost the default. */
export function delugeTaskOperation(task: string): Operation {
	const entry = lookupDelugeTask(task);
	if (entry?.method && entry.path) {
		const operation = lookupRest(entry.method, entry.path);
		return entry.records === undefined ? operation : { ...operation, records: entry.records };
	}
	if (entry?.rule) {
		return {
			api: task,
			operation: task,
			rule: entry.rule,
			verification: entry.verification ?? 'unverified',
			sources: [entry.source],
			docs: entry.source,
			inCatalog: true,
		};
	}
	return {
		api: task,
		operation: task,
		rule: { kind: 'fixed', credits: DEFAULT_CREDITS },
		verification: 'default-rule',
		sources: [DEFAULT_SOURCE],
		docs: 'https://www.zoho.com/crm/developer/docs/functions/integration-tasks.html',
		inCatalog: false,
	};
}

/** The SDK packages of the catalog, from an import specifier (a deep import resolves to its package). */
const SDK_PACKAGES = [...new Set(SDK_METHODS.map((m) => m.sdk))];

/**
 * The catalog SDK an import specifier belongs to. Releases the catalog does not hold resolve to the
 * generation with the same call shapes: 2.x to the 2.0/2.1 packages, 3.x and later to 8.0.
 */
export function sdkOfImport(specifier: string): string | undefined {
	const exact = SDK_PACKAGES.find((sdk) => specifier === sdk || specifier.startsWith(sdk + '/'));
	if (exact) return exact;
	// Also forks republished under another scope: `@someone/zohocrm-nodejs-sdk-5.0`.
	const m = /^@(?:zohocrm\/|[\w.-]+\/zohocrm-)(nodejs|typescript)-sdk-(\d+)(?:\.(\d+))?(?:\/|$)/.exec(specifier);
	if (!m) return undefined;
	const [, flavour, major, minor] = m;
	if (major === '2') return minor === '1' ? '@zohocrm/typescript-sdk-2.1' : `@zohocrm/${flavour}-sdk-2.0`;
	if (Number(major) >= 3) return `@zohocrm/${flavour}-sdk-8.0`;
	return undefined;
}

/**
 * The SDK whose namespace holds a class under this name (`Record.RecordOperations` in 8.0,
 * `Records.RecordOperations` in 2.1), for an SDK reached through a value the scanner cannot follow
 * (`new this.sdk.Record.RecordOperations()`). The Node.js release first.
 */
export function sdkOfNamespacedClass(namespace: string, className: string): string | undefined {
	return SDK_BY_ACCESS.get(`${namespace}.${className}`);
}

const SDK_BY_ACCESS = new Map<string, string>();
for (const m of [...SDK_METHODS].sort((a, b) => Number(b.sdk.includes('nodejs')) - Number(a.sdk.includes('nodejs')))) {
	const parts = m.accessExpr.split('.');
	if (parts.length >= 3 && !SDK_BY_ACCESS.has(parts.slice(-2).join('.'))) SDK_BY_ACCESS.set(parts.slice(-2).join('.'), m.sdk);
}

/** SDK methods by `sdk class method`. */
const SDK_INDEX = new Map<string, SdkMethodEntry>();
const SDK_CLASSES = new Map<string, Set<string>>();
for (const m of SDK_METHODS) {
	const key = `${m.sdk} ${m.class} ${m.method}`;
	if (!SDK_INDEX.has(key)) SDK_INDEX.set(key, m);
	const classes = SDK_CLASSES.get(m.sdk) ?? new Set<string>();
	classes.add(m.class);
	SDK_CLASSES.set(m.sdk, classes);
}

/** True when the SDK has an operations class of this name (`RecordOperations`, `ZCRMRestClient.API.MODULES`). */
export function sdkHasClass(sdk: string, className: string): boolean {
	return SDK_CLASSES.get(sdk)?.has(className) === true;
}

export function sdkMethod(sdk: string, className: string, method: string): SdkMethodEntry | undefined {
	return SDK_INDEX.get(`${sdk} ${className} ${method}`);
}

/** Every SDK method name: a call of one on a value known only later may be an SDK call. */
export const SDK_METHOD_NAMES: ReadonlySet<string> = new Set(SDK_METHODS.map((m) => m.method));

const MODULE_PARAMETER = /^module(APIName|Name|_api_name)?$/i;

/** Which constructor argument of an SDK class names the module (8.x `new RecordOperations('Leads')`), if any. */
export function sdkConstructorModuleIndex(sdk: string, className: string): number | undefined {
	const entry = SDK_METHODS.find((m) => m.sdk === sdk && m.class === className);
	const index = entry?.constructorArgs.findIndex((n) => MODULE_PARAMETER.test(n)) ?? -1;
	return index >= 0 ? index : undefined;
}

/** The request path of an SDK method with its module filled in, from the constructor's or the method's arguments. */
export function sdkCallPath(entry: SdkMethodEntry, ctorModule: string | undefined, methodArgs: readonly (string | undefined)[]): string {
	const index = entry.methodArgs.findIndex((n) => MODULE_PARAMETER.test(n));
	const fromMethod = index >= 0 ? methodArgs[index] : undefined;
	const module = entry.constructorArgs.some((n) => MODULE_PARAMETER.test(n)) ? ctorModule : fromMethod;
	return module && /^\w+$/.test(module) ? entry.path.replace(/\{(?:moduleAPIName|module|moduleName|module_api_name)\}/i, module) : entry.path;
}
