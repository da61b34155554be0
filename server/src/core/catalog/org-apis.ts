/**
 * The organisation's own API list: what `GET /crm/v8/__apis` answered, per path and method, with the
 * fewest and most credits one call costs. Saved by a team as `.zoho-credits/apis.json`, it overrides
 * the built-in catalog for the operations it lists and adds the ones the catalog lacks.
 */
import { type ImportedFile, parseJson, type Parsed, Problems } from '../imported-file';
import { match, split } from './index';
import type { Operation } from './types';
import type { Price } from './rules';

/** One operation of the org's list. */
export interface OrgApi {
	readonly method: string;
	/** As Zoho lists it, e.g. `/crm/v8/Leads/{record_id}/actions/convert`. */
	readonly path: string;
	readonly min: number;
	readonly max: number;
}

/** The calibration file of the org's API list. */
export interface OrgApiList extends ImportedFile {
	readonly apis: readonly OrgApi[];
}

/** Where the calibration file lives, relative to the folder of `zoho-credits.json`. */
export const ORG_APIS_FILE = '.zoho-credits/apis.json';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	return typeof value === 'object' ? 'an object' : String(value);
}

const credits = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks one operation; its problems are named by where they are (`__apis[3].operation_types[0].max_credits`). */
function readOperation(where: string, path: unknown, method: unknown, min: unknown, max: unknown, errors: Problems): OrgApi | undefined {
	const before = errors.count;
	if (typeof path !== 'string' || !path.startsWith('/')) errors.push(`${where}: the path must be text starting with "/", not ${describe(path)}.`);
	const upper = typeof method === 'string' ? method.toUpperCase() : undefined;
	if (!upper || !METHODS.has(upper)) errors.push(`${where}: the method must be one of GET, POST, PUT, PATCH, DELETE, not ${describe(method)}.`);
	if (!credits(min)) errors.push(`${where}: the minimum credits must be a whole number ≥ 0, not ${describe(min)}.`);
	if (!credits(max)) errors.push(`${where}: the maximum credits must be a whole number ≥ 0, not ${describe(max)}.`);
	if (credits(min) && credits(max) && min > max) errors.push(`${where}: the minimum credits (${min}) are more than the maximum (${max}).`);
	if (errors.count > before) return undefined;
	return { method: upper!, path: (path as string).replace(/[?#].*$/, ''), min: min as number, max: max as number };
}

/** Zoho's answer to `GET /crm/v8/__apis`: `{ "__apis": [ { path, operation_types: [ { method, min_credits, max_credits } ] } ] }`. */
function fromResponse(list: unknown[], errors: Problems): OrgApi[] {
	const out: OrgApi[] = [];
	list.forEach((entry, i) => {
		const where = `__apis[${i}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			errors.push(`${where}: expected an object with "path" and "operation_types", not ${describe(entry)}.`);
			return;
		}
		const { path, operation_types: types } = entry as { path?: unknown; operation_types?: unknown };
		if (!Array.isArray(types)) {
			errors.push(`${where}.operation_types: expected a list, not ${describe(types)}.`);
			return;
		}
		types.forEach((type, j) => {
			const at = `${where}.operation_types[${j}]`;
			if (typeof type !== 'object' || type === null) {
				errors.push(`${at}: expected an object with "method", "min_credits" and "max_credits", not ${describe(type)}.`);
				return;
			}
			const t = type as { method?: unknown; min_credits?: unknown; max_credits?: unknown };
			const api = readOperation(at, path, t.method, t.min_credits, t.max_credits, errors);
			if (api) out.push(api);
		});
	});
	return out;
}

/**
 * Reads a saved `__apis` response, or a calibration file written by an earlier import. A response
 * carries no date: `importedAt` (today, from the caller) stands for it. Any problem rejects the whole
 * list, so a half-read file never calibrates anything; the first problems are named and the rest counted.
 */
export function parseOrgApiList(text: string, options: { importedAt: string; source?: string }): Parsed<OrgApiList> {
	const json = parseJson(text, 'The API list');
	if (json.error) return { value: undefined, errors: [json.error] };
	const data = json.value;
	const errors = new Problems();
	let apis: OrgApi[] = [];
	let importedAt = options.importedAt;
	let source = options.source;
	if (typeof data === 'object' && data !== null && Array.isArray((data as { __apis?: unknown }).__apis)) {
		apis = fromResponse((data as { __apis: unknown[] }).__apis, errors);
	} else if (typeof data === 'object' && data !== null && Array.isArray((data as { apis?: unknown }).apis)) {
		const file = data as { version?: unknown; importedAt?: unknown; source?: unknown; apis: unknown[] };
		if (file.version !== 1) errors.push(`version: expected 1, not ${describe(file.version)}.`);
		if (typeof file.importedAt !== 'string' || !DATE.test(file.importedAt))
			errors.push(`importedAt: expected a date such as "2026-11-25", not ${describe(file.importedAt)}.`);
		else importedAt = file.importedAt;
		if (typeof file.source === 'string') source = file.source;
		file.apis.forEach((entry, i) => {
			const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { path?: unknown; method?: unknown; min?: unknown; max?: unknown };
			const api = readOperation(`apis[${i}]`, e.path, e.method, e.min, e.max, errors);
			if (api) apis.push(api);
		});
	} else {
		return {
			value: undefined,
			errors: ['Expected the saved answer of GET /crm/v8/__apis (an object with an "__apis" list) or a calibration file (an object with an "apis" list).'],
		};
	}
	if (errors.count > 0) return { value: undefined, errors: errors.list() };
	if (apis.length === 0) return { value: undefined, errors: ['The API list names no operations.'] };
	// One entry per method and path; sorted, so the committed file diffs well.
	const unique = new Map(apis.map((a) => [`${a.method} ${a.path}`, a] as const));
	const sorted = [...unique.values()].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
	return { value: { version: 1, importedAt, ...(source ? { source } : {}), apis: sorted }, errors: [] };
}

/** The calibration file's text for a list. */
export function formatOrgApiList(list: OrgApiList): string {
	return `${JSON.stringify(list, null, '\t')}\n`;
}

interface Indexed {
	readonly api: OrgApi;
	readonly segments: readonly string[];
}

/** The org's list, indexed for lookups by request. API versions do not matter: credits are the same from v2 to v8. */
export class OrgApis {
	private readonly byShape = new Map<string, Indexed[]>();
	/** Identifies the list's content, for caches keyed by assumptions. */
	readonly key: string;

	constructor(readonly list: OrgApiList) {
		for (const api of list.apis) {
			const { family, segments } = split(api.path);
			const shape = `${api.method} ${family} ${segments.length}`;
			const entries = this.byShape.get(shape) ?? [];
			entries.push({ api, segments });
			this.byShape.set(shape, entries);
		}
		this.key = `${list.importedAt} ${list.apis.length} ${list.apis.map((a) => `${a.method}${a.path}${a.min}-${a.max}`).join('|')}`;
	}

	/**
	 * The listed operation a request matches: literal segments must agree (a module placeholder never
	 * takes `settings` and the like); among several, the one with most literal segments, then fewest
	 * literal segments only a computed one stood for.
	 */
	find(method: string, path: string): OrgApi | undefined {
		const { family, segments } = split(path);
		const actual = segments.map((s) => (s.startsWith('{') ? '{x}' : s));
		let best: { api: OrgApi; score: number; guessed: number } | undefined;
		for (const candidate of this.byShape.get(`${method.toUpperCase()} ${family} ${actual.length}`) ?? []) {
			const m = match(candidate.segments, actual);
			if (!m) continue;
			if (!best || m.score > best.score || (m.score === best.score && m.guessed < best.guessed))
				best = { api: candidate.api, score: m.score, guessed: m.guessed };
		}
		return best?.api;
	}
}

/** `/crm/v8/settings/pipeline/{id}` → `settings pipeline`: a name for an operation only the org's list knows. */
function nameOf(api: OrgApi): string {
	const words = split(api.path).segments.filter((s) => !s.startsWith('{'));
	return `${api.method} ${words.join(' ') || api.path} (your org's API list)`;
}

/**
 * An operation and its price with the org's figures in force. Equal minimum and maximum fix the price;
 * otherwise the catalog's rule prices what the code shows, held inside the org's range, and the
 * range is the org's.
 */
export function calibrate(operation: Operation, basis: Price, api: OrgApi, importedAt: string): { operation: Operation; price: Price } {
	const orgList = { min: api.min, max: api.max, importedAt, path: api.path };
	const calibrated: Operation = {
		...operation,
		api: operation.inCatalog ? operation.api : nameOf(api),
		rule: api.min === api.max ? { kind: 'fixed', credits: api.min } : operation.rule,
		verification: 'org-api-list',
		inCatalog: true,
		orgList,
	};
	if (api.min === api.max) {
		return { operation: calibrated, price: { credits: api.min, min: api.min, max: api.max, orgList: { min: api.min, max: api.max } } };
	}
	const clamp = (n: number) => Math.min(api.max, Math.max(api.min, n));
	const credits = clamp(basis.credits);
	// What the code shows pins the figure (a visible record count, a visible LIMIT); else the org's whole range stays open.
	const dependsOnData = operation.rule.kind === 'per-records' || operation.rule.kind === 'coql-limit';
	const pinned = dependsOnData && basis.min === basis.max && basis.assumption === undefined;
	return {
		operation: calibrated,
		price: {
			credits,
			min: pinned ? credits : api.min,
			max: pinned ? credits : api.max,
			...(basis.detail ? { detail: basis.detail } : {}),
			...(pinned ? {} : { assumption: basis.assumption ?? { kind: 'data-unseen' } }),
			orgList: { min: api.min, max: api.max },
		},
	};
}
