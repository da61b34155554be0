/**
 * What every recognizer shares: the call it looks at, with the values around it, and the request it
 * reports. A recognizer knows one family of HTTP clients or SDKs and answers undefined for any other call.
 */
import ts from 'typescript';
import type { CallFact, DeferredCall } from '../../../facts';
import { baseEvidence, crmPathOf, hasParameter, HOLE, parameterMarker, withoutParameters, withTokenHost } from '../../zoho-url';
import { evaluate, propertyOf, type Scope, stringPart, type Value } from '../values';
import { isSpreadAssignment } from '../syntax';

/** A request the scanner recognised, before it is placed among the loops. */
export interface Request {
	readonly via: 'rest' | 'sdk';
	readonly callee: string;
	readonly method: string;
	readonly path: string;
	/** Set when the URL uses imported constants or parameters it cannot be classified without: classified after linking. */
	readonly deferred?: {
		readonly url: string;
		readonly base?: string;
		readonly methodParam?: string;
		readonly sdk?: DeferredCall['sdk'];
		readonly zohoToken?: boolean;
		readonly client?: DeferredCall['client'];
	};
	readonly template?: CallFact['template'];
	readonly body?: ts.Expression;
	/** The body when the caller passes it inside its options (`{ ...options }`, `axios(config)`): a parameter marker. */
	readonly bodyTemplate?: string;
	readonly sdk?: CallFact['sdk'];
	readonly evidence?: string;
}

/** A call as a recognizer sees it. */
export interface CallSite {
	readonly call: ts.CallExpression;
	/** The callee, unwrapped from parentheses, `await` and type assertions. */
	readonly callee: ts.Expression;
	readonly args: ts.NodeArray<ts.Expression>;
	/** What the callee itself stands for (`fetch`, an axios instance called as a function). */
	readonly target: Value | undefined;
	/** For `x.name(…)`: the member's name and what `x` stands for. */
	readonly member?: string;
	readonly receiver?: Value;
	/** How the callee reads in reports (`zoho.get`, `this.http.post`). */
	readonly label: string;
	readonly scope: Scope;
	readonly thisScope: Scope | undefined;
	/** True when the file names the legacy `zcrmsdk` package. */
	readonly usesLegacySdk: boolean;
}

/** One family of clients: the request a call makes, or undefined when the call is none of this family's. */
export interface Recognizer {
	readonly family: string;
	recognise(site: CallSite): Request | undefined;
}

/**
 * A REST request to `url` (on `base`, for an instance with a base URL): recognised when it is a Zoho
 * CRM URL, deferred when parameters or imported constants decide it.
 */
export function restRequest(
	label: string,
	method: string,
	url: string | undefined,
	base: string | undefined,
	body?: ts.Expression,
	zohoToken = false,
): Request | undefined {
	if (url === undefined) return undefined;
	// A host the code computes (`https://${APIS_HOST}/crm/v2/Leads`) is Zoho's when the request carries a Zoho OAuth token.
	if (zohoToken && withTokenHost(url) !== url) return restRequest(label, method, withTokenHost(url), base, body);
	// A method held in a parameter is known only at each call of the function.
	const methodParam = hasParameter(method) ? method : undefined;
	const knownMethod = methodParam === undefined ? method : '?';
	const parametric = hasParameter(url) || hasParameter(base) || methodParam !== undefined;
	const template = { url, ...(base !== undefined ? { base } : {}), ...(methodParam !== undefined ? { method: methodParam } : {}) };
	const deferredTemplate = {
		url,
		...(base !== undefined ? { base } : {}),
		...(methodParam !== undefined ? { methodParam } : {}),
		...(zohoToken ? { zohoToken } : {}),
	};
	if (url.includes('\u0002') || base?.includes('\u0002'))
		return { via: 'rest', callee: label, method: knownMethod, path: '', body, deferred: deferredTemplate };
	const bare = withoutParameters(url);
	const bareBase = base === undefined ? undefined : withoutParameters(base);
	// A path the caller gives, on a client whose base is Zoho CRM's: a request of some CRM operation, decided per call.
	const path = crmPathOf(bare, bareBase) ?? (bareBase !== undefined && bare.startsWith(HOLE) ? crmPathOf(`x${bare}`, bareBase) : undefined);
	const evidence = baseEvidence(url) ?? (base === undefined ? undefined : baseEvidence(base));
	if (path) return { via: 'rest', callee: label, method: knownMethod, path, body, ...(parametric ? { template } : {}), ...(evidence ? { evidence } : {}) };
	// Not a CRM URL on its own; the arguments of a call of the function may make it one.
	return parametric ? { via: 'rest', callee: label, method: knownMethod, path: '', body, deferred: deferredTemplate } : undefined;
}

export function optionNode(config: Value | undefined, name: string): ts.Expression | undefined {
	return config?.kind === 'object' ? propertyOf(config.node, name) : undefined;
}

/**
 * The `method` of an options object: a literal (upper-cased), a parameter marker, the caller's own
 * options when the object spreads a parameter (`{ ...options, headers }`), or the fallback.
 */
export function methodOption(options: Value | undefined, fallback: string, scope: Scope, thisScope: Scope | undefined): string {
	if (options?.kind === 'param') return parameterMarker(options.fn, options.index, 'method');
	if (options?.kind !== 'object') return fallback;
	const method = propertyOf(options.node, 'method');
	if (!method) {
		const spread = spreadParameter(options, scope, thisScope);
		return spread ? parameterMarker(spread.fn, spread.index, 'method') : fallback;
	}
	const value = evaluate(method, scope, thisScope);
	if (value?.kind === 'string' && /^[a-z]+$/i.test(value.text)) return value.text.toUpperCase();
	if (value?.kind === 'param') return parameterMarker(value.fn, value.index, value.member);
	return fallback;
}

/**
 * The body of an options object the caller passes, when the request's own options do not name one:
 * `fetch(url, { ...options, headers })`, `axios(config)`. A marker of the caller's `body` member.
 */
export function callerBody(request: Request | undefined, options: Value | undefined, scope: Scope, thisScope: Scope | undefined): Request | undefined {
	if (!request || request.body) return request;
	// `options.body = JSON.stringify(body)` set after the object was made, with `body` the function's parameter.
	const field = options?.kind === 'object' ? options.fields?.get('body') : undefined;
	if (field?.kind === 'param') return { ...request, bodyTemplate: parameterMarker(field.fn, field.index, field.member) };
	const param = options?.kind === 'param' && options.member === undefined ? options : spreadParameter(options, scope, thisScope);
	return param ? { ...request, bodyTemplate: parameterMarker(param.fn, param.index, 'body') } : request;
}

/** The caller's options an options object spreads (`{ ...options, headers }`): a whole parameter, else undefined. */
function spreadParameter(options: Value | undefined, scope: Scope, thisScope: Scope | undefined): Extract<Value, { kind: 'param' }> | undefined {
	if (options?.kind !== 'object') return undefined;
	const spread = options.node.properties.find(isSpreadAssignment);
	const value = spread ? evaluate(spread.expression, scope, thisScope) : undefined;
	return value?.kind === 'param' && value.member === undefined ? value : undefined;
}

/** True when an options object sends a Zoho OAuth token: `headers: { Authorization: \`Zoho-oauthtoken ${token}\` }`. */
export function sendsZohoToken(options: Value | undefined, scope: Scope, thisScope: Scope | undefined): boolean {
	const headers = evaluate(optionNode(options, 'headers'), scope, thisScope);
	const authorization = headers?.kind === 'object' ? (propertyOf(headers.node, 'Authorization') ?? propertyOf(headers.node, 'authorization')) : undefined;
	return authorization !== undefined && /zoho-oauthtoken/i.test(stringPart(authorization, scope, thisScope));
}
