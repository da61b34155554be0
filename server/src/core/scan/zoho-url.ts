/**
 * Recognises Zoho CRM API URLs, also when parts of them are only known at run time.
 * A URL is held as a template in which `HOLE` stands for each part the code computes.
 * Only the API hosts of Zoho's data centres (and their sandbox, developer and upload variants) serve
 * CRM credits; `accounts.zoho.*` token requests and other products do not.
 */

/** Text longer than this is no URL: a concatenation past it is read as unknown (text that doubles at each step stops here). */
export const MAX_TEXT_LENGTH = 64 * 1024;

/** Marks a part of a string that is computed at run time. */
export const HOLE = '\u0001';

/** Stands for a constant imported from another file: `\u0002name\u0003`, replaced when files are linked. */
export const IMPORTED = /\u0002([^\u0003]*)\u0003/g;

export function importedMarker(name: string): string {
	return `\u0002${name}\u0003`;
}

/**
 * Stands for a parameter: `\u0004start:index\u0005`, where `start` is the offset of the function that
 * declares it, so a closure's or a field's use of another function's parameter is never filled in by mistake.
 * `\u0004start:index.url\u0005` stands for a member of an options object the caller passes (`options.url`).
 */
export const PARAMETER = /\u0004(\d+):(\d+)(?:\.(\w+))?\u0005/g;

export function parameterMarker(fn: number, index: number, member?: string): string {
	return member === undefined ? `\u0004${fn}:${index}\u0005` : `\u0004${fn}:${index}.${member}\u0005`;
}

/** True when a template still holds a parameter marker. */
export function hasParameter(template: string | undefined): boolean {
	return template !== undefined && /\u0004\d+:\d+(?:\.\w+)?\u0005/.test(template);
}

/**
 * Stands for an options object a call passes (`{ method: 'POST', url }`): the members a request reads of
 * it, as `\u000ekey\u000fvalue\u0010key\u000fvalue\u000e` (values keep their own markers, so linking fills them).
 */
export function optionsArgument(members: Readonly<Record<string, string>>): string {
	return `\u000e${Object.entries(members)
		.map(([k, v]) => `${k}\u000f${v}`)
		.join('\u0010')}\u000e`;
}

/**
 * A member of an argument passed as an options object: its text, '' when the object has no such member
 * or the call passes no such argument, a hole for any other argument. An object the marker keeps only
 * lists of (no URL, method or body) may hold any other member: a hole for those.
 */
export function argumentMember(argument: string | undefined, member: string): string {
	if (argument === undefined) return '';
	const m = /^\u000e([^\u000e]*)\u000e$/.exec(argument);
	if (!m) return HOLE;
	// The options hold one body and one URL, whichever name the request reads them by.
	const key = member === 'data' || member === 'json' ? 'body' : member === 'uri' ? 'url' : member;
	let requestOptions = false;
	for (const entry of m[1].split('\u0010')) {
		const i = entry.indexOf('\u000f');
		const name = entry.slice(0, i);
		if (i > 0 && name === key) return entry.slice(i + 1);
		if (name === 'url' || name === 'method' || name === 'body') requestOptions = true;
	}
	return requestOptions ? '' : HOLE;
}

/** A template with every parameter marker (and any list a call passed for one) taken as unknown. */
export function withoutParameters(template: string): string {
	return listsAsHoles(template.replace(PARAMETER, HOLE));
}

/**
 * Stands for a list of known length a call passes (`search(input, ['Contacts', 'Leads'])`): a loop over
 * the parameter runs that many times. As text (a URL, a module name) it is unknown.
 */
export function listMarker(length: number): string {
	return `\u0011${length}\u0011`;
}

const LIST = /\u0011(\d+)\u0011/g;

export function parseListMarker(text: string): number | undefined {
	const m = /^\u0011(\d+)\u0011$/.exec(text);
	return m ? Number(m[1]) : undefined;
}

export function listsAsHoles(text: string): string {
	return text.includes('\u0011') ? text.replace(LIST, HOLE) : text;
}

/**
 * Stands for a base URL the code reads at run time under a name that says Zoho's API:
 * `\u0008name\u0008` (`process.env.ZOHO_BASE_URL`, `this.URL_ZOHO_API_V2`, `config.get('ZOHO_API_DOMAIN')`).
 * The name is the evidence: the request goes to Zoho CRM's API, with the version it names (v2 unless it
 * names one) when the path does not give its own `/crm/vN`.
 */
export const NAMED_BASE = /\u0008([^\u0008]*)\u0008/;

/** A name that says "Zoho's API base" and no other Zoho service (accounts, Books, Desk, …). */
const ZOHO_BASE_NAME = /zoho/i;
const BASE_WORD = /api|url|base|domain|host|endpoint|crm|uri/i;
const OTHER_SERVICE =
	/account|auth|token|oauth|client_?id|secret|books|desk|people|invoice|inventory|projects|sign|campaign|recruit|bigin|creator|workdrive|analytics|mail|cliq|sheet|redirect|callback|webhook|hook|flow/i;

/** The marker of a base URL read at run time under `name`, or undefined when the name says no Zoho API base. */
export function namedBase(name: string): string | undefined {
	return ZOHO_BASE_NAME.test(name) && BASE_WORD.test(name.replace(/zoho/gi, '')) && !OTHER_SERVICE.test(name) ? `\u0008${name}\u0008` : undefined;
}

/** The name a URL template's base was read under, when its host is known only by that name. */
export function baseEvidence(url: string): string | undefined {
	return NAMED_BASE.exec(url)?.[1];
}

/** The API hosts, and the CRM's own hosts (`crm.zoho.eu`, `crmplus.zoho.sa`), which serve the same API paths. */
const ZOHO_API_HOST =
	/^https?:\/\/(?:(?:www\.|sandbox\.|developer\.|content\.)?zohoapis|crm\.zoho|crmplus\.zoho)\.(?:com|eu|in|com\.au|jp|com\.cn|ca|sa)(?::\d+)?$/i;
/** A versioned API path of a service other than the CRM: `/books/v3`, `/inventory/v1`, `/recruit/v2`. */
const OTHER_API_PATH = /^\/?(?!crm\/)[a-z][\w-]*\/v\d+(?:\.\d+)?(?=[/?#]|$|\u0001)/i;
/** `/crm/v8`, `/crm/v2.1`, `/crm/bulk/v8`, `/crm/email/v8`, and the retired API 1.0 (`/crm/private/json`). */
const CRM_PREFIX = /\/crm\/(?:(?:bulk\/|email\/)?v\d+(?:\.\d+)?|private\/(?:json|xml))(?=[/?#]|$|\u0001)/i;

function classifyPrefix(prefix: string): 'zoho' | 'unknown' | 'other' {
	if (ZOHO_API_HOST.test(prefix)) return 'zoho';
	// A computed host: `${apiDomain}` (Zoho hands it out with the token), or a Zoho host with a computed data centre.
	if (
		prefix === HOLE ||
		/^https?:\/\/[^/]*(?:zohoapis|crm\.zoho|crmplus\.zoho)\.[^/]*\u0001/i.test(prefix) ||
		/^https?:\/\/[^/]*\u0001[^/]*zohoapis/i.test(prefix)
	)
		return 'unknown';
	if (/^\u0001+$/.test(prefix)) return 'unknown';
	// A host read under a Zoho name (`${process.env.ZOHO_API_DOMAIN}/crm/v8/…`, `https://www.${ZOHO_BASE_DOMAIN}/crm/v2/…`).
	if (/^\u0008[^\u0008]*\u0008$/.test(prefix) || /^https?:\/\/[^/\u0008]*\u0008[^\u0008/]*\u0008[^/]*$/i.test(prefix)) return 'unknown';
	return 'other';
}

/** Joins a base URL and a path the way HTTP clients do for a relative path. */
export function joinUrl(base: string, path: string): string {
	if (/^https?:\/\//i.test(path) || path.startsWith(HOLE) || path.startsWith('\u0008')) return path;
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The request path (`/crm/v8/Leads/{id}`) of a URL template, or undefined when it is not a Zoho CRM
 * API URL. A path without a host counts only when `base` makes it one (an axios instance's baseURL).
 */
export function crmPathOf(url: string, base?: string): string | undefined {
	let full = base !== undefined ? joinUrl(base, url) : url.trim();
	// A base read under a Zoho name with no `/crm/vN` after it holds the version itself: the one it names, else v2.
	const named = /^\u0008([^\u0008]*)\u0008/.exec(full);
	// A bare base with nothing after it is no request of an API operation.
	if (named && full.length === named[0].length) return undefined;
	// Another service's versioned API after the base (`${ZOHO_API_DOMAIN}/books/v3/…`): Zoho hosts more than the CRM.
	if (named && !CRM_PREFIX.test(full) && OTHER_API_PATH.test(full.slice(named[0].length))) return undefined;
	if (named && !CRM_PREFIX.test(full))
		full = `https://www.zohoapis.com/crm/v${/v(\d+)(?!\d)/i.exec(named[1])?.[1] ?? '2'}${full.slice(named[0].length).replace(/^(?=[^/])/, '/')}`;
	const m = CRM_PREFIX.exec(full);
	if (!m) return undefined;
	if (classifyPrefix(full.slice(0, m.index)) === 'other') return undefined;
	// `${BASE}${path}` with BASE ending in the version: the computed part is the next segment.
	const tail = full.slice(m.index + m[0].length).split(/[?#]/)[0];
	const rest = m[0] + (tail.startsWith(HOLE) ? `/${tail}` : tail);
	const path = rest
		.split('/')
		.map((segment) => (segment.includes(HOLE) ? '{x}' : segment))
		.join('/')
		.replace(/\/+$/, '');
	return path.length > 0 ? path : undefined;
}

/**
 * A URL whose host the code computes (`https://${APIS_HOST}/crm/v2/Leads`), read as Zoho's when the request
 * carries a Zoho OAuth token: the host becomes a hole, so the CRM path decides. Other URLs are kept.
 */
export function withTokenHost(url: string): string {
	return /^https?:\/\/[^/]*[\u0001\u0008][^/]*\/crm\//i.test(url) ? HOLE + url.slice(url.indexOf('/crm/')) : url;
}

/** Stands for an instance of an official SDK class, passed to a parameter or exported for other files. */
export function sdkInstanceMarker(sdk: string, className: string, module: string | undefined): string {
	return `\u0006${sdk}\u0007${className}\u0007${module ?? ''}\u0006`;
}

export function parseSdkInstance(text: string): { sdk: string; className: string; module?: string } | undefined {
	const m = /^\u0006([^\u0007]+)\u0007([^\u0007]+)\u0007([^\u0006]*)\u0006$/.exec(text);
	return m ? { sdk: m[1], className: m[2], ...(m[3] ? { module: m[3] } : {}) } : undefined;
}

/**
 * Stands for an HTTP client instance a file holds at its top level for other files to import
 * (`export const zoho = axios.create({ baseURL })`): `\u0012client\u0013base\u0012`, the base empty when it has none.
 */
export function httpClientMarker(client: string, base: string | undefined): string {
	return `\u0012${client}\u0013${base ?? ''}\u0012`;
}

export function parseHttpClient(text: string): { client: string; base?: string } | undefined {
	const m = /^\u0012([^\u0013]+)\u0013([^\u0012]*)\u0012$/.exec(text);
	return m ? { client: m[1], ...(m[2] ? { base: m[2] } : {}) } : undefined;
}

/** Stands for a request body an argument carries: what pricing needs of it (records of a write, a COQL LIMIT). */
export function bodyMarker(records: number | undefined, coqlLimit: number | null | undefined): string {
	return `\u0008${records ?? ''}|${coqlLimit === null ? 'none' : (coqlLimit ?? '')}\u0008`;
}

export function parseBodyMarker(text: string): { records?: number; coqlLimit?: number | null } | undefined {
	const m = /^\u0008(\d*)\|(none|\d*)\u0008$/.exec(text);
	if (!m) return undefined;
	return {
		...(m[1] ? { records: Number(m[1]) } : {}),
		...(m[2] === 'none' ? { coqlLimit: null } : m[2] ? { coqlLimit: Number(m[2]) } : {}),
	};
}

/**
 * What was followed to price a request, in words, where the body is built apart from the call or its query
 * is only partly visible: "the body `rows` as built before the call: 12 records".
 */
export function followedText(
	named: string | undefined,
	records: number | undefined,
	coqlLimit: number | null | undefined,
	partial: boolean,
	what = 'body',
): string | undefined {
	const parts: string[] = [];
	const seen = [
		...(records !== undefined ? [`${records} record${records === 1 ? '' : 's'}`] : []),
		...(typeof coqlLimit === 'number' && !partial ? [`LIMIT ${coqlLimit}`] : []),
	];
	if (named !== undefined && (seen.length > 0 || partial))
		parts.push(`the ${what} \`${named}\` as built before the call${seen.length > 0 ? `: ${seen.join(', ')}` : ''}`);
	if (partial) {
		parts.push(
			coqlLimit === null
				? 'the query is partly computed and none of its visible parts holds a LIMIT: Zoho reads 200 rows'
				: `the query is partly computed; its visible parts hold LIMIT ${coqlLimit}`,
		);
	}
	return parts.length > 0 ? parts.join('; ') : undefined;
}
