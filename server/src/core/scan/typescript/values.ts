/**
 * What an expression stands for, as far as a syntax-only reading can tell: a string (a URL template),
 * a number, an HTTP client, an SDK namespace, class or instance. Scopes map names to such values.
 */
import ts from 'typescript';
import { sdkConstructorModuleIndex, sdkHasClass, sdkOfImport, sdkOfNamespacedClass } from '../../catalog';
import { bodyArgument } from './body';
import { HOLE, importedMarker, listMarker, MAX_TEXT_LENGTH, namedBase, optionsArgument, parameterMarker, sdkInstanceMarker } from '../zoho-url';
import {
	isArrayLiteralExpression,
	isBinaryExpression,
	isCallExpression,
	isConditionalExpression,
	isElementAccessExpression,
	isIdentifier,
	isNewExpression,
	isNoSubstitutionTemplateLiteral,
	isNumericLiteral,
	isObjectLiteralExpression,
	isPropertyAccessExpression,
	isPropertyAssignment,
	isShorthandPropertyAssignment,
	isSpreadElement,
	isStringLiteral,
	isStringLiteralLike,
	isTemplateExpression,
	SyntaxKind,
} from './syntax';

export { MAX_TEXT_LENGTH };

export type HttpClient = 'fetch' | 'axios' | 'got' | 'superagent' | 'request' | 'undici-request' | 'https-request' | 'https-get';

export type Value =
	| { readonly kind: 'string'; readonly text: string }
	| { readonly kind: 'number'; readonly value: number }
	| { readonly kind: 'array'; readonly length: number | undefined }
	/** An object literal, with the fields the code set on it since (`body.data = [lead]`). */
	| { readonly kind: 'object'; readonly node: ts.ObjectLiteralExpression; readonly fields?: ReadonlyMap<string, Value | undefined> }
	/** A module whose members we may know (`https`, `undici`, any other). */
	| { readonly kind: 'module'; readonly specifier: string }
	/** A callable HTTP client or an instance of one, with the base URL an instance adds. */
	| { readonly kind: 'http'; readonly client: HttpClient; readonly base?: string }
	| { readonly kind: 'sdk-namespace'; readonly sdk: string }
	| { readonly kind: 'sdk-class'; readonly sdk: string; readonly className: string }
	| { readonly kind: 'sdk-instance'; readonly sdk: string; readonly className: string; readonly ctorArgs: readonly ts.Expression[] }
	/** The legacy zcrmsdk object API: `ZCRMRestClient`, `.API`, `.API.MODULES`. */
	| { readonly kind: 'zcrm'; readonly path: string }
	/** A function, class or module of the user's own code: what a call of it may cost is known after linking. */
	| { readonly kind: 'user'; readonly ref: UserRef }
	/** An instance of a user class: its methods are user functions. */
	| { readonly kind: 'user-instance'; readonly ref: UserRef }
	/** A parameter of the function being read: its value comes from each call of the function. */
	/** `initial` is its default, when it has one the reading knows (`maxPages = MAX_PAGES`), or that default's length. */
	| { readonly kind: 'param'; readonly fn: number; readonly index: number; readonly member?: string; readonly initial?: Value };

/** A user function or class in this file (`ZohoClient.getRecords` for a method), or an imported binding and member. */
export type UserRef =
	| { readonly kind: 'local'; readonly name: string }
	| { readonly kind: 'import'; readonly local: string; readonly member?: string; readonly instance?: boolean };

/** True for a relative specifier: a file of the user's own. */
export function isRelative(specifier: string): boolean {
	return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..' || specifier.startsWith('/');
}

/**
 * True for a specifier that names a file of the workspace through a path alias rather than a package:
 * `@/lib/zoho`, `~/services/crm`, `#lib/zoho`, and paths under a `baseUrl` (`src/zoho-crm/zoho.service`).
 * Scoped and single-name specifiers are packages; so are the HTTP clients and SDKs this scanner knows.
 */
export function isAliasSpecifier(specifier: string): boolean {
	if (isRelative(specifier)) return false;
	if (/^[@~]\//.test(specifier) || /^[~#]\w/.test(specifier)) return true;
	if (specifier.startsWith('@') || !specifier.includes('/') || /^[a-z]+:/i.test(specifier)) return false;
	return moduleValue(specifier).kind === 'module';
}

/** True for a specifier of the user's own modules, relative or through a path alias. */
export function isUserModule(specifier: string): boolean {
	return isRelative(specifier) || isAliasSpecifier(specifier);
}

/** Evaluation steps one file may take: far beyond any real file, short of a hang on a hostile one. */
export const MAX_EVALUATION_STEPS = 1_000_000;

/**
 * Expressions inside each other one evaluation follows: a chain of thousands of calls (`a.b().b().b()…`)
 * would otherwise exhaust the stack; past it a value is unknown, as the scanners' nesting limit leaves code unread.
 */
export const MAX_EVALUATION_DEPTH = 400;

/** The evaluation work done for one file, shared by all its scopes. */
export interface EvaluationWork {
	steps: number;
	/** Evaluations under way, each inside the one before. */
	depth: number;
}

/** Names to values; a function or class body opens a child scope. */
export class Scope {
	private readonly values = new Map<string, Value>();
	/** Shared with the parent: the budget is per file. */
	readonly work: EvaluationWork;
	constructor(
		readonly parent?: Scope,
		work?: EvaluationWork,
	) {
		this.work = parent?.work ?? work ?? { steps: 0, depth: 0 };
	}

	/** True once the file's evaluation budget is spent: every later value is unknown. */
	get exhausted(): boolean {
		return this.work.steps > MAX_EVALUATION_STEPS;
	}

	/** Set on the module's scope while a top-level statement is walked: what it reads and writes here is noted. */
	journal: ScopeJournal | undefined;

	get(name: string): Value | undefined {
		this.journal?.read(name, this);
		return this.values.get(name) ?? this.parent?.get(name);
	}

	/** True when the name is declared here or above (even with an unknown value): it shadows globals such as `fetch`. */
	has(name: string): boolean {
		this.journal?.read(name, this);
		return this.values.has(name) || this.shadowed.has(name) || this.parent?.has(name) === true;
	}

	private readonly shadowed = new Set<string>();

	/** Gives a name declared here or above a new value where it is declared (`ids.push(id)` inside a callback). */
	assign(name: string, value: Value | undefined): void {
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts at this scope and climbs its parents
		let scope: Scope | undefined = this;
		while (scope) {
			scope.journal?.read(name, scope);
			if (scope.values.has(name) || scope.shadowed.has(name)) break;
			scope = scope.parent;
		}
		(scope ?? this).set(name, value);
	}

	set(name: string, value: Value | undefined): void {
		this.journal?.wrote(name);
		if (value) this.values.set(name, value);
		else {
			this.values.delete(name);
			this.shadowed.add(name);
		}
	}

	/** A name's binding here alone: its value and whether it is declared with an unknown one. */
	binding(name: string): Binding {
		return { value: this.values.get(name), shadowed: this.shadowed.has(name) };
	}

	/** Puts back a binding as `binding` read it. */
	restore(name: string, binding: Binding): void {
		if (binding.value) this.values.set(name, binding.value);
		else this.values.delete(name);
		if (binding.shadowed) this.shadowed.add(name);
		else this.shadowed.delete(name);
	}
}

/** A name's binding in one scope. */
export interface Binding {
	readonly value: Value | undefined;
	readonly shadowed: boolean;
}

/** What notes the reads and writes of one scope. */
export interface ScopeJournal {
	read(name: string, scope: Scope): void;
	wrote(name: string): void;
}

/** Names of the global object in browsers, workers and Node. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['window', 'globalThis', 'self']);

/** Clients a script can use without importing them: the global `fetch`, and `axios` loaded by a script tag. */
const GLOBALS: ReadonlyMap<string, Value> = new Map<string, Value>([
	['fetch', { kind: 'http', client: 'fetch' }],
	['axios', { kind: 'http', client: 'axios' }],
	// window.fetch, globalThis.fetch, self.fetch
	...[...GLOBAL_OBJECTS].map((name): [string, Value] => [name, { kind: 'module', specifier: 'global' }]),
]);

/** The value a module import stands for. */
export function moduleValue(specifier: string): Value {
	const bare = specifier.replace(/^node:/, '');
	switch (bare) {
		case 'axios':
			return { kind: 'http', client: 'axios' };
		case 'got':
			return { kind: 'http', client: 'got' };
		case 'node-fetch':
		case 'cross-fetch':
		case 'isomorphic-fetch':
			return { kind: 'http', client: 'fetch' };
		case 'superagent':
			return { kind: 'http', client: 'superagent' };
		case 'request':
		case 'request-promise':
		case 'request-promise-native':
		case 'postman-request':
			return { kind: 'http', client: 'request' };
	}
	if (specifier === 'zcrmsdk') return { kind: 'zcrm', path: 'ZCRMRestClient' };
	const sdk = sdkOfImport(specifier);
	if (sdk) return { kind: 'sdk-namespace', sdk };
	return { kind: 'module', specifier: bare };
}

/** A member of a value: `axios.create`, `https.request`, `ZOHOCRMSDK.Record.RecordOperations`, `ZCRMRestClient.API`. */
export function memberOf(value: Value | undefined, name: string): Value | undefined {
	if (!value) return undefined;
	switch (value.kind) {
		case 'module':
			if (value.specifier === 'https' || value.specifier === 'http') {
				if (name === 'request') return { kind: 'http', client: 'https-request' };
				if (name === 'get') return { kind: 'http', client: 'https-get' };
			}
			if (value.specifier === 'global' && name === 'fetch') return { kind: 'http', client: 'fetch' };
			if (value.specifier === 'undici') {
				if (name === 'fetch') return { kind: 'http', client: 'fetch' };
				if (name === 'request') return { kind: 'http', client: 'undici-request' };
			}
			if (name === 'default') return moduleValue(value.specifier);
			// NestJS's HttpService (injected into services) wraps axios: the same verbs, and the instance as `axiosRef`.
			if ((value.specifier === '@nestjs/axios' || value.specifier === '@nestjs/common') && name === 'HttpService') return { kind: 'http', client: 'axios' };
			return undefined;
		case 'http':
			// `require('axios').default`, `got.default`; the axios instance of NestJS's HttpService.
			return name === 'default' || (name === 'axiosRef' && value.client === 'axios') ? value : undefined;
		case 'sdk-namespace':
			return sdkHasClass(value.sdk, name) ? { kind: 'sdk-class', sdk: value.sdk, className: name } : { kind: 'sdk-namespace', sdk: value.sdk };
		case 'zcrm':
			return { kind: 'zcrm', path: `${value.path}.${name}` };
		case 'user':
			// A static method of a local class, or a member of an imported module or class.
			if (value.ref.kind === 'local') return { kind: 'user', ref: { kind: 'local', name: `${value.ref.name}.${name}` } };
			return { kind: 'user', ref: { ...value.ref, member: value.ref.member === undefined ? name : `${value.ref.member}.${name}` } };
		case 'param':
			// `options.url` of an options object the caller passes.
			if (value.member !== undefined) return undefined;
			// `modules.length` of a parameter whose default is a list: that list's length.
			return {
				kind: 'param',
				fn: value.fn,
				index: value.index,
				member: name,
				...(name === 'length' && value.initial?.kind === 'array' && value.initial.length !== undefined
					? { initial: { kind: 'number' as const, value: value.initial.length } }
					: {}),
			};
		case 'user-instance':
			if (value.ref.kind === 'local') return { kind: 'user', ref: { kind: 'local', name: `${value.ref.name}.${name}` } };
			return {
				kind: 'user',
				ref: { kind: 'import', local: value.ref.local, member: value.ref.member === undefined ? name : `${value.ref.member}.${name}`, instance: true },
			};
		default:
			return undefined;
	}
}

/** The value of a named import (`import { x } from 'm'`) or a destructured `require`. */
export function importedMember(specifier: string, name: string): Value | undefined {
	const module = moduleValue(specifier);
	if (name === 'default') return module;
	if (module.kind === 'sdk-namespace' && !sdkHasClass(module.sdk, name)) {
		// A deep import names its class: `…/record/record_operations` exports `RecordOperations`.
		return specifier.split('/').length > 2 ? undefined : { kind: 'sdk-namespace', sdk: module.sdk };
	}
	return memberOf(module, name);
}

/** The expression inside parentheses, type assertions, `!` and `await`. */
function unwrap(expr: ts.Expression): ts.Expression {
	let e = expr;
	for (;;) {
		switch (e.kind) {
			case SyntaxKind.ParenthesizedExpression:
			case SyntaxKind.AsExpression:
			case SyntaxKind.NonNullExpression:
			case SyntaxKind.TypeAssertionExpression:
			case SyntaxKind.SatisfiesExpression:
			case SyntaxKind.AwaitExpression:
				e = (e as ts.ParenthesizedExpression).expression;
				continue;
			default:
				return e;
		}
	}
}

export { unwrap };

function propertyName(name: ts.PropertyName): string | undefined {
	if (isIdentifier(name) || isStringLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
	return undefined;
}

/** The initializer of a property of an object literal. */
export function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
	for (const property of object.properties) {
		if (isPropertyAssignment(property) && propertyName(property.name) === name) return property.initializer;
		if (isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
	}
	return undefined;
}

/** Evaluates an expression as far as the file shows. */
export function evaluate(expr: ts.Expression | undefined, scope: Scope, thisScope?: Scope): Value | undefined {
	if (!expr) return undefined;
	const work = scope.work;
	// Each node is evaluated once per question; the budget bounds what a file can ask, the depth how far one question goes.
	if (++work.steps > MAX_EVALUATION_STEPS || work.depth >= MAX_EVALUATION_DEPTH) return undefined;
	work.depth++;
	const value = evaluateNode(expr, scope, thisScope);
	work.depth--;
	return value;
}

function evaluateNode(expr: ts.Expression, scope: Scope, thisScope?: Scope): Value | undefined {
	const e = unwrap(expr);
	if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', text: e.text };
	if (isNumericLiteral(e)) return { kind: 'number', value: Number(e.text) };
	if (isTemplateExpression(e)) {
		let text = e.head.text;
		for (const span of e.templateSpans) {
			text += stringPart(span.expression, scope, thisScope) + span.literal.text;
			if (text.length > MAX_TEXT_LENGTH) return undefined;
		}
		return { kind: 'string', text };
	}
	if (isBinaryExpression(e)) {
		const op = e.operatorToken.kind;
		if (op === SyntaxKind.PlusToken) return evaluateSum(e, scope, thisScope);
		if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) {
			// `process.env.ZOHO_DOMAIN ?? 'https://www.zohoapis.com'`: the side we can read.
			return evaluate(e.left, scope, thisScope) ?? evaluate(e.right, scope, thisScope);
		}
		if (op === SyntaxKind.AsteriskToken || op === SyntaxKind.MinusToken || op === SyntaxKind.SlashToken) {
			const left = evaluate(e.left, scope, thisScope);
			const right = evaluate(e.right, scope, thisScope);
			if (left?.kind !== 'number' || right?.kind !== 'number') return undefined;
			const value =
				op === SyntaxKind.AsteriskToken ? left.value * right.value : op === SyntaxKind.MinusToken ? left.value - right.value : left.value / right.value;
			return { kind: 'number', value };
		}
		return undefined;
	}
	if (isConditionalExpression(e)) {
		const whenTrue = evaluate(e.whenTrue, scope, thisScope);
		if (!whenTrue) return evaluate(e.whenFalse, scope, thisScope);
		// `path.startsWith('http') ? path : \`\${base}\${path}\``: the arm that puts something before the other says where a request goes.
		const shorter =
			whenTrue.kind === 'string' ? whenTrue.text : whenTrue.kind === 'param' ? parameterMarker(whenTrue.fn, whenTrue.index, whenTrue.member) : undefined;
		if (shorter === undefined) return whenTrue;
		const whenFalse = evaluate(e.whenFalse, scope, thisScope);
		if (whenFalse?.kind !== 'string' || !whenFalse.text.endsWith(shorter)) return whenTrue;
		// More than punctuation before it (`/${path}` only adds a slash): a base, known or not.
		return /[^/\s.?#&]/.test(whenFalse.text.slice(0, whenFalse.text.length - shorter.length)) ? whenFalse : whenTrue;
	}
	if (isIdentifier(e)) return scope.get(e.text) ?? (scope.has(e.text) ? undefined : GLOBALS.get(e.text)) ?? namedBaseValue(e.text);
	if (isArrayLiteralExpression(e)) {
		// `[...leads, extra]`: the spread arrays' lengths when known.
		let length: number | undefined = 0;
		for (const element of e.elements) {
			if (!isSpreadElement(element)) length += 1;
			else {
				const spread = evaluate(element.expression, scope, thisScope);
				if (spread?.kind !== 'array' || spread.length === undefined) return { kind: 'array', length: undefined };
				length += spread.length;
			}
		}
		return { kind: 'array', length };
	}
	if (isObjectLiteralExpression(e)) return { kind: 'object', node: e };
	if (isPropertyAccessExpression(e)) {
		if (e.expression.kind === SyntaxKind.ThisKeyword)
			return thisScope?.get(`this.${e.name.text}`) ?? memberOf(thisScope?.get('this'), e.name.text) ?? namedBaseValue(e.name.text);
		const target = evaluate(e.expression, scope, thisScope);
		if (target?.kind === 'object') return fieldOf(target, e.name.text, scope, thisScope);
		// A static field of a class of this file: `Zoho.http`.
		if (target?.kind === 'user' && target.ref.kind === 'local') {
			const field = scope.get(`${target.ref.name}.${e.name.text}`);
			if (field) return field;
		}
		if (target?.kind === 'array' && e.name.text === 'length') return target.length === undefined ? undefined : { kind: 'number', value: target.length };
		return memberOf(target, e.name.text) ?? (target === undefined || target.kind === 'module' ? namedBaseValue(chainName(e)) : undefined);
	}
	if (isElementAccessExpression(e) && isStringLiteral(e.argumentExpression)) {
		const target = evaluate(e.expression, scope, thisScope);
		return memberOf(target, e.argumentExpression.text) ?? (target === undefined ? namedBaseValue(e.argumentExpression.text) : undefined);
	}
	if (isNewExpression(e)) {
		if (isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length) {
			const path = urlTemplate(e.arguments[0], scope, thisScope);
			const base = e.arguments[1] ? urlTemplate(e.arguments[1], scope, thisScope) : undefined;
			if (path === undefined) return undefined;
			return { kind: 'string', text: base === undefined || /^https?:\/\//i.test(path) ? path : `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}` };
		}
		const cls = evaluate(e.expression, scope, thisScope);
		if (cls?.kind === 'sdk-class') return { kind: 'sdk-instance', sdk: cls.sdk, className: cls.className, ctorArgs: e.arguments ?? [] };
		// `new this.sdk.Record.RecordOperations()`: the SDK's own namespace and class names are the evidence.
		if ((!cls || cls.kind === 'user') && isPropertyAccessExpression(e.expression) && isPropertyAccessExpression(e.expression.expression)) {
			const sdk = sdkOfNamespacedClass(e.expression.expression.name.text, e.expression.name.text);
			if (sdk) return { kind: 'sdk-instance', sdk, className: e.expression.name.text, ctorArgs: e.arguments ?? [] };
		}
		if (cls?.kind === 'user') return { kind: 'user-instance', ref: cls.ref };
		return undefined;
	}
	if (isCallExpression(e)) return evaluateCall(e, scope, thisScope);
	return undefined;
}

/**
 * `a + b + c …`: the operands of the left-leaning chain are evaluated once each, left to right, in a
 * loop (a chain of thousands of terms neither recurses that deep nor evaluates a term twice).
 */
function evaluateSum(sum: ts.BinaryExpression, scope: Scope, thisScope?: Scope): Value | undefined {
	const rights: ts.Expression[] = [];
	let first: ts.Expression = sum;
	for (;;) {
		const e = unwrap(first);
		if (!isBinaryExpression(e) || e.operatorToken.kind !== SyntaxKind.PlusToken) break;
		rights.push(e.right);
		first = e.left;
	}
	let total = evaluate(first, scope, thisScope);
	for (let i = rights.length - 1; i >= 0; i--) {
		const right = evaluate(rights[i], scope, thisScope);
		if (total?.kind === 'number' && right?.kind === 'number') total = { kind: 'number', value: total.value + right.value };
		// Text, or a parameter that will hold text at each call (`base + path`).
		else if (total?.kind === 'string' || right?.kind === 'string' || total?.kind === 'param' || right?.kind === 'param') {
			const text = textOf(total, scope, thisScope) + textOf(right, scope, thisScope);
			total = text.length > MAX_TEXT_LENGTH ? undefined : { kind: 'string', text };
		} else total = undefined;
	}
	return total;
}

/**
 * A base URL the code reads at run time under a name that says Zoho's API (`ZOHO_BASE_URL`,
 * `URL_ZOHO_API_V2`, `zohoApiDomain`): text holding the name, so the request is recognised with the name
 * as its evidence.
 */
function namedBaseValue(name: string): Value | undefined {
	const marker = namedBase(name);
	return marker === undefined ? undefined : { kind: 'string', text: marker };
}

/** `process.env.ZOHO_BASE_URL`, `config.zoho.apiUrl`: the names of a property chain, joined by dots. */
function chainName(e: ts.PropertyAccessExpression): string {
	const names: string[] = [e.name.text];
	let x: ts.Expression = e.expression;
	while (isPropertyAccessExpression(x)) {
		// A setting's name has a few parts; a chain of thousands (`a?.b?.b?.b…`) names none, and is not walked again at every link.
		if (names.length >= MAX_CHAIN_NAMES) return '';
		names.push(x.name.text);
		x = x.expression;
	}
	if (isIdentifier(x)) names.push(x.text);
	return names.reverse().join('.');
}

/** Parts of a property chain read as a setting's name. */
const MAX_CHAIN_NAMES = 16;

function evaluateCall(e: ts.CallExpression, scope: Scope, thisScope?: Scope): Value | undefined {
	const callee = unwrap(e.expression);
	const [first] = e.arguments;
	// A client a function of this file hands out: `this.getAxiosInstance(token)`, `zohoClient()`.
	if (isPropertyAccessExpression(callee) && callee.expression.kind === SyntaxKind.ThisKeyword) {
		const returned = thisScope?.get(`this.${callee.name.text}()`);
		if (returned) return returned;
	}
	if (isIdentifier(callee) && scope.get(callee.text)?.kind === 'user') {
		const returned = scope.get(`${callee.text}()`);
		if (returned) return returned;
	}
	// configService.get('URL_ZOHO_API_V2'), config.getOrThrow<string>('ZOHO_API_DOMAIN'): a setting read by its name.
	if (
		isPropertyAccessExpression(callee) &&
		(callee.name.text === 'get' || callee.name.text === 'getOrThrow') &&
		first &&
		isStringLiteralLike(first) &&
		e.arguments.length <= 2
	) {
		const named = namedBaseValue(first.text);
		if (named) return named;
	}
	// JSON.stringify(body): the body it writes, for what a request shows of it.
	if (isPropertyAccessExpression(callee) && callee.name.text === 'stringify' && isIdentifier(callee.expression) && callee.expression.text === 'JSON' && first) {
		const value = evaluate(first, scope, thisScope);
		// A parameter stays one: the body each call of the function passes.
		return value?.kind === 'object' || value?.kind === 'param' ? value : undefined;
	}
	// require('x') where `require` is the CommonJS one.
	if (isIdentifier(callee) && callee.text === 'require' && !scope.has('require') && first && isStringLiteral(first)) return moduleValue(first.text);
	// await import('x')
	if (callee.kind === SyntaxKind.ImportKeyword && first && isStringLiteral(first)) return moduleValue(first.text);
	if (isPropertyAccessExpression(callee)) {
		const target = evaluate(callee.expression, scope, thisScope);
		const name = callee.name.text;
		// axios.create({ baseURL }), got.extend({ prefixUrl }): instances with a base URL.
		if (target?.kind === 'http' && ((target.client === 'axios' && name === 'create') || (target.client === 'got' && name === 'extend'))) {
			const options = first && evaluate(first, scope, thisScope);
			const baseNode = options?.kind === 'object' ? propertyOf(options.node, target.client === 'axios' ? 'baseURL' : 'prefixUrl') : undefined;
			// A base from a constant of another file is kept as a marker and filled in when files are linked.
			const base = baseNode ? stringPart(baseNode, scope, thisScope) : HOLE;
			return { kind: 'http', client: target.client, base: base !== HOLE ? base : target.base };
		}
		// Array.from({ length: N }), Array(N), items.slice(a, b)
		if (isIdentifier(callee.expression) && callee.expression.text === 'Array' && name === 'from' && first && isObjectLiteralExpression(first)) {
			const length = evaluate(propertyOf(first, 'length'), scope, thisScope);
			return { kind: 'array', length: length?.kind === 'number' ? length.value : undefined };
		}
		// items.slice(a, b): as many as the literal bounds say, or the array has.
		if (name === 'slice' && (target === undefined || target.kind === 'array' || target.kind === 'param')) {
			return sliced(target?.kind === 'array' ? target.length : undefined, e.arguments, scope, thisScope);
		}
		// items.splice(start, count): the items it takes out, at most `count`.
		if (name === 'splice' && e.arguments.length >= 2 && (target === undefined || target.kind === 'array' || target.kind === 'param')) {
			const from = evaluate(e.arguments[0], scope, thisScope);
			const count = evaluate(e.arguments[1], scope, thisScope);
			if (from?.kind === 'number' && count?.kind === 'number')
				return { kind: 'array', length: taken(target?.kind === 'array' ? target.length : undefined, from.value, count.value) };
		}
		// A database read that states how many rows it returns at most: `findMany({ take: 50 })`, `.limit(100)`.
		const rows =
			target === undefined || target.kind === 'user' || target.kind === 'user-instance' || target.kind === 'module'
				? boundedRows(name, e.arguments, (x) => evaluate(x, scope, thisScope))
				: undefined;
		if (rows !== undefined) return { kind: 'array', length: rows };
		// Same length: `leads.map(toRecord)`, `a.concat()` of one, `fill`, `keys`, `reverse`, `sort`.
		if ((name === 'fill' || name === 'keys' || name === 'map' || name === 'reverse' || name === 'sort' || name === 'toSorted') && target?.kind === 'array')
			return { kind: 'array', length: target.length };
	}
	if (isIdentifier(callee) && callee.text === 'Array' && first) {
		const length = evaluate(first, scope, thisScope);
		return { kind: 'array', length: length?.kind === 'number' ? length.value : undefined };
	}
	return undefined;
}

/** Methods of database clients and query builders that read rows with options (Prisma, Sequelize, TypeORM, Mongoose). */
const ROW_READS = new Set(['findMany', 'findAll', 'find', 'findAndCountAll', 'select', 'query']);
/** Options that cap the rows such a read returns. */
const ROW_CAPS = ['take', 'limit', 'first'];

/**
 * The most rows a read of a database or query builder returns, when the code states it: an options
 * object with `take`, `limit` or `first` (`db.lead.findMany({ take: 50 })`, `Lead.findAll({ limit: 100 })`),
 * or a chained `.limit(100)` / `.take(100)` (knex, Mongoose, Drizzle, TypeORM).
 */
function boundedRows(method: string, args: readonly ts.Expression[], number: (e: ts.Expression) => Value | undefined): number | undefined {
	/** A whole count of rows, when the expression is one. */
	const rowCount = (e: ts.Expression | undefined): number | undefined => {
		const n = e && number(e);
		return n?.kind === 'number' && Number.isInteger(n.value) && n.value >= 0 ? n.value : undefined;
	};
	const [first] = args;
	if ((method === 'limit' || method === 'take') && args.length === 1) return rowCount(first);
	if (!ROW_READS.has(method) || !first) return undefined;
	const options = unwrap(first);
	if (!isObjectLiteralExpression(options)) return undefined;
	for (const cap of ROW_CAPS) {
		const n = rowCount(propertyOf(options, cap));
		if (n !== undefined) return n;
	}
	return undefined;
}

function sliced(length: number | undefined, args: readonly ts.Expression[], scope: Scope, thisScope?: Scope): Value {
	const from = args[0] ? evaluate(args[0], scope, thisScope) : { kind: 'number' as const, value: 0 };
	const to = args[1] ? evaluate(args[1], scope, thisScope) : undefined;
	// `rows.slice(i, i + 100)`: a batch of 100 at most, wherever it starts.
	if (from?.kind !== 'number') {
		const start = args[0] && unwrap(args[0]);
		const e = args[1] && unwrap(args[1]);
		if (
			start &&
			e &&
			isIdentifier(start) &&
			isBinaryExpression(e) &&
			e.operatorToken.kind === SyntaxKind.PlusToken &&
			isIdentifier(e.left) &&
			e.left.text === start.text
		) {
			const size = evaluate(e.right, scope, thisScope);
			if (size?.kind === 'number' && size.value >= 0) return { kind: 'array', length: taken(length, 0, size.value) };
		}
		return { kind: 'array', length: undefined };
	}
	if (to?.kind === 'number') return { kind: 'array', length: taken(length, from.value, to.value - from.value) };
	return { kind: 'array', length: length === undefined ? undefined : Math.max(0, length - from.value) };
}

/** How many items `count` items from `from` take out of a list of `length` (of unknown length: all `count`). */
function taken(length: number | undefined, from: number, count: number): number {
	return Math.max(0, length === undefined ? count : Math.min(count, length - from));
}

/** The text an expression contributes to a string: its value when known, else a hole. */
export function stringPart(expr: ts.Expression, scope: Scope, thisScope?: Scope): string {
	return textOf(evaluate(expr, scope, thisScope), scope, thisScope);
}

/** The text a value contributes to a string, else a hole. */
function textOf(value: Value | undefined, scope: Scope, thisScope?: Scope): string {
	if (value?.kind === 'string') return value.text;
	if (value?.kind === 'number') return String(value.value);
	if (value?.kind === 'param') return parameterMarker(value.fn, value.index, value.member);
	if (value?.kind === 'sdk-instance') {
		const index = sdkConstructorModuleIndex(value.sdk, value.className);
		const arg = index === undefined ? undefined : value.ctorArgs[index];
		const module = arg ? evaluate(arg, scope, thisScope) : undefined;
		return sdkInstanceMarker(value.sdk, value.className, module?.kind === 'string' ? module.text : undefined);
	}
	// A constant imported from the user's own modules: known once the files are linked.
	if (value?.kind === 'user' && value.ref.kind === 'import' && !value.ref.instance) {
		return importedMarker(value.ref.member === undefined ? value.ref.local : `${value.ref.local}.${value.ref.member}`);
	}
	return HOLE;
}

/** An expression as a URL template; undefined when it is not a string at all. */
export function urlTemplate(expr: ts.Expression | undefined, scope: Scope, thisScope?: Scope): string | undefined {
	if (!expr) return undefined;
	const e = unwrap(expr);
	// url.href, url.toString()
	if (isPropertyAccessExpression(e) && e.name.text === 'href') return urlTemplate(e.expression, scope, thisScope);
	if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString' && e.arguments.length === 0) {
		return urlTemplate(e.expression.expression, scope, thisScope);
	}
	const value = evaluate(e, scope, thisScope);
	if (value?.kind === 'param') return parameterMarker(value.fn, value.index, value.member);
	return value?.kind === 'string' ? value.text : undefined;
}

/**
 * An options object passed to a function (`zohoRequest({ method: 'POST', url })`), as the members a
 * request inside it may read: its URL (`url`, `uri`, or `hostname` and `path`) and its method.
 * Undefined for any other argument.
 */
/** Members of an options object a request reads: they are never lists a loop counts. */
const REQUEST_MEMBERS = new Set(['url', 'uri', 'hostname', 'host', 'path', 'method', 'body', 'data', 'json']);

export function optionsText(expr: ts.Expression, scope: Scope, thisScope?: Scope): string | undefined {
	const value = evaluate(expr, scope, thisScope);
	if (value?.kind !== 'object') return undefined;
	const node = value.node;
	const members: Record<string, string> = {};
	const host = propertyOf(node, 'hostname') ?? propertyOf(node, 'host');
	const url =
		urlTemplate(propertyOf(node, 'url') ?? propertyOf(node, 'uri'), scope, thisScope) ??
		(host ? `https://${stringPart(host, scope, thisScope)}${urlTemplate(propertyOf(node, 'path'), scope, thisScope) ?? ''}` : undefined);
	if (url !== undefined) members.url = url;
	const method = urlTemplate(propertyOf(node, 'method'), scope, thisScope);
	if (method !== undefined) members.method = method;
	const body = propertyOf(node, 'body') ?? propertyOf(node, 'data') ?? propertyOf(node, 'json');
	const shown = body && bodyArgument(body, scope, thisScope);
	if (shown !== undefined) members.body = shown;
	// Lists of known length, for a loop over the member the function reads (`for (const m of modules)` of `{ modules }`).
	for (const property of node.properties) {
		const key = isShorthandPropertyAssignment(property) || isPropertyAssignment(property) ? propertyName(property.name) : undefined;
		if (key === undefined || key in members || REQUEST_MEMBERS.has(key)) continue;
		const item = evaluate(isShorthandPropertyAssignment(property) ? property.name : (property as ts.PropertyAssignment).initializer, scope, thisScope);
		if (item?.kind === 'array' && item.length !== undefined) members[key] = listMarker(item.length);
	}
	return Object.keys(members).length > 0 ? optionsArgument(members) : undefined;
}

/** A field of an object: set since it was written (`body.data = …`), else its property in the literal. */
export function fieldOf(object: Extract<Value, { kind: 'object' }>, name: string, scope: Scope, thisScope?: Scope): Value | undefined {
	if (object.fields?.has(name)) return object.fields.get(name);
	return evaluate(propertyOf(object.node, name), scope, thisScope);
}
