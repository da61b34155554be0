/**
 * Deluge scanner: walks the syntax tree of parser/ for Zoho CRM calls (every `zoho.crm.*` and
 * `zoho.crm.v8.*` task, `invokeurl` to a CRM URL, `invokeapi` to the CRM service), the loops around
 * them, the script's functions and the calls of other Deluge functions.
 */
import { lookupDelugeTask } from '../../catalog';
import {
	type BranchFact,
	type CallFact,
	type FileFacts,
	type FunctionFact,
	type InvocationFact,
	type LoopFact,
	NESTING_LIMIT,
	type ScanError,
	type Span,
} from '../../facts';
import { namesZoho } from '../../zoho-markers';
import { parseAnnotation } from '../annotations';
import { coqlLimitOf } from '../coql';
import { crmPathOf, followedText, HOLE, MAX_TEXT_LENGTH } from '../zoho-url';
import { type Expr, parse, type Statement } from './parser';
import { LEX_ERROR_MESSAGES, type ScanErrorCode } from './scanner';

/** Built-in functions of Deluge: calls of these are never calls of the user's functions. */
const BUILT_INS = new Set([
	'ifnull',
	'leftpad',
	'rightpad',
	'info',
	'daysbetween',
	'encodeurl',
	'decodeurl',
	'tostring',
	'tolong',
	'todecimal',
	'todate',
	'totime',
	'tolist',
	'tomap',
	'if',
	'map',
	'list',
	'collection',
	'now',
	'today',
	'getjson',
	'replaceall',
	'openurl',
	'alert',
	'isnull',
	'isempty',
	'sendsms',
	'input',
]);
/** Namespaces under `zoho.` that are products or utilities other than Zoho CRM. */
const READ_TASKS = new Set(['getRecords', 'searchRecords', 'getRelatedRecords']);

type Value =
	| { readonly kind: 'string'; readonly text: string }
	| { readonly kind: 'list'; readonly length: number }
	/** A map as the script builds it: the entries under literal keys, and how many entries in all. */
	| { readonly kind: 'map'; readonly entries: ReadonlyMap<string, Value | undefined>; readonly size: number }
	| { readonly kind: 'page'; readonly module?: string; readonly perPage: number };

const EMPTY_MAP: Value = { kind: 'map', entries: new Map(), size: 0 };

/** Whether two values are alike: the same kind with the same text, length, page or entries. */
function sameValue(a: Value | undefined, b: Value | undefined): boolean {
	if (a === b) return true;
	if (!a || !b || a.kind !== b.kind) return false;
	switch (a.kind) {
		case 'string':
			return a.text === (b as typeof a).text;
		case 'list':
			return a.length === (b as typeof a).length;
		case 'page':
			return a.module === (b as typeof a).module && a.perPage === (b as typeof a).perPage;
		case 'map': {
			const m = b as typeof a;
			return a.size === m.size && a.entries.size === m.entries.size && [...a.entries].every(([k, v]) => m.entries.has(k) && sameValue(v, m.entries.get(k)));
		}
	}
}

/** Entries of a map built step by step kept by name (the rest are counted): far more than a request body has. */
const MAX_TRACKED_ENTRIES = 64;

/** Variables of one function body, by their latest assignment in source order. */
type Env = Map<string, Value>;

/** `zoho.crm.getRecords` / `zoho.crm.v8.convertLead` from a callee expression, or undefined. */
function taskName(callee: Expr): string | undefined {
	const parts: string[] = [];
	let e: Expr = callee;
	while (e.kind === 'member') {
		parts.unshift(e.name);
		e = e.object;
	}
	if (e.kind !== 'ident') return undefined;
	parts.unshift(e.name);
	return parts.join('.');
}

function stringOf(expr: Expr | undefined, env: Env): string {
	if (!expr) return HOLE;
	switch (expr.kind) {
		case 'string':
			return expr.value;
		case 'number':
			return String(expr.value);
		case 'ident': {
			const value = env.get(expr.name);
			return value?.kind === 'string' ? value.text : HOLE;
		}
		case 'binary': {
			if (expr.op !== '+') return HOLE;
			// `a + b + c …` leans left: its terms are read in a loop, and text past the limit is unknown.
			const rights: Expr[] = [];
			let left: Expr = expr;
			while (left.kind === 'binary' && left.op === '+') {
				rights.push(left.right);
				left = left.left;
			}
			let text = stringOf(left, env);
			for (let i = rights.length - 1; i >= 0; i--) {
				text += stringOf(rights[i], env);
				if (text.length > MAX_TEXT_LENGTH) return HOLE;
			}
			return text;
		}
		default:
			return HOLE;
	}
}

/** What an expression holds, as far as the script says: text, a list of known length, a map, a page of records. */
function valueOf(expr: Expr, env: Env): Value | undefined {
	switch (expr.kind) {
		case 'string':
			return { kind: 'string', text: expr.value };
		case 'list':
			return { kind: 'list', length: expr.items.length };
		case 'map': {
			const entries = new Map<string, Value | undefined>();
			for (const [k, v] of expr.entries) {
				if (entries.size >= MAX_TRACKED_ENTRIES) break;
				if (k.kind === 'string') entries.set(k.value, valueOf(v, env));
			}
			return { kind: 'map', entries, size: expr.entries.length };
		}
		case 'ident':
			return env.get(expr.name);
		case 'binary': {
			const text = stringOf(expr, env);
			return text.includes(HOLE) && text === HOLE ? undefined : { kind: 'string', text };
		}
		case 'call': {
			const name = taskName(expr.callee);
			if (name && /^zoho\.crm\.(v\d+\.)?/.test(name) && READ_TASKS.has(name.slice(name.lastIndexOf('.') + 1))) return pageOf(name, expr.args, env);
			// Map() and List() start empty; `m.toString()` is the map it writes out.
			if (expr.callee.kind === 'ident' && expr.args.length === 0) {
				const lower = expr.callee.name.toLowerCase();
				if (lower === 'map') return EMPTY_MAP;
				if (lower === 'list' || lower === 'collection') return { kind: 'list', length: 0 };
			}
			if (expr.callee.kind === 'member' && expr.callee.name.toLowerCase() === 'tostring' && expr.args.length === 0) {
				const inner = valueOf(expr.callee.object, env);
				if (inner?.kind === 'map') return inner;
			}
			// "1,2,3".toList(), leftpad(" ", 50).toList("")
			if (expr.callee.kind === 'member' && expr.callee.name.toLowerCase() === 'tolist') {
				const receiver = expr.callee.object;
				const separator = expr.args[0] ? stringOf(expr.args[0], env) : ',';
				if (
					receiver.kind === 'call' &&
					receiver.callee.kind === 'ident' &&
					receiver.callee.name.toLowerCase() === 'leftpad' &&
					separator === '' &&
					receiver.args[1]?.kind === 'number'
				) {
					return { kind: 'list', length: receiver.args[1].value };
				}
				const text = stringOf(receiver, env);
				if (text.includes(HOLE) || separator.includes(HOLE)) return undefined;
				if (separator === '') return { kind: 'list', length: text.length };
				return { kind: 'list', length: text === '' ? 0 : text.split(separator).length };
			}
			return undefined;
		}
		default:
			return undefined;
	}
}

/** The variable a request's parameters or body name (`m`, `m.toString()`), when they are not written at the request. */
function builtName(expr: Expr): string | undefined {
	let e = expr;
	if (e.kind === 'call' && e.callee.kind === 'member' && e.callee.name.toLowerCase() === 'tostring' && e.args.length === 0) e = e.callee.object;
	return e.kind === 'ident' ? e.name : undefined;
}

/** A read's page: its module, and its per_page argument (200, Zoho's default and largest, when absent). */
function pageOf(task: string, args: readonly Expr[], env: Env): Value {
	const entry = lookupDelugeTask(task);
	const names = entry?.params ?? [];
	const module = stringOf(args[names.indexOf('module_name') >= 0 ? names.indexOf('module_name') : 0], env);
	const perPageIndex = names.indexOf('per_page');
	const perPage = perPageIndex >= 0 && args[perPageIndex]?.kind === 'number' ? Math.min(200, (args[perPageIndex] as { value: number }).value) : 200;
	return { kind: 'page', ...(module.includes(HOLE) ? {} : { module }), perPage };
}

/** Syntax problems listed for one file; the rest are counted in one last problem. */
export const MAX_SYNTAX_ERRORS = 100;

export function scanDeluge(text: string): FileFacts {
	const script = parse(text);
	const calls: CallFact[] = [];
	const loops: LoopFact[] = [];
	const functions: FunctionFact[] = [];
	const invocations: InvocationFact[] = [];
	const loopStack: number[] = [];
	const branches: BranchFact[] = [];
	const statementRuns: { span: Span; loops: readonly number[]; count: number }[] = [];
	const errors: ScanError[] = script.errors.map((e) => ({
		code: e.code,
		message: e.code === 'lexical' ? (LEX_ERROR_MESSAGES[e.message as ScanErrorCode] ?? e.message) : e.message,
		span: { start: e.start, end: e.end },
		// Code past the nesting limit is not read: whether the file names Zoho CRM tells if calls may be missing.
		...(e.code === NESTING_LIMIT ? { namesZoho: namesZoho(text) } : {}),
	}));
	// Lexical errors keep their own codes, as the lexer names them.
	for (const [i, e] of script.errors.entries()) if (e.code === 'lexical') errors[i] = { ...errors[i], code: e.message };
	// A file of thousands of problems is not Deluge being typed: the first ones say so, a last one counts the rest.
	if (errors.length > MAX_SYNTAX_ERRORS) {
		const rest = errors.length - MAX_SYNTAX_ERRORS;
		const first = errors[MAX_SYNTAX_ERRORS];
		// The nesting limit is kept whatever its place: reports list the file by it.
		const nesting = errors.slice(MAX_SYNTAX_ERRORS).find((e) => e.code === NESTING_LIMIT);
		errors.length = MAX_SYNTAX_ERRORS;
		errors.push({ code: 'too-many-errors', message: `… and ${rest.toLocaleString('en-US')} more syntax problems from here on, not listed.`, span: first.span });
		if (nesting) errors.push(nesting);
	}
	const lineComments = script.comments.filter((c) => c.value.startsWith('//'));

	/** `iterations=N` from a comment right above a loop. */
	const annotated = (start: number): number | undefined => {
		// The last line comment ending before the loop (comments come in text order), found by bisection.
		let low = 0;
		let high = lineComments.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (lineComments[middle].end <= start) low = middle + 1;
			else high = middle;
		}
		const c = lineComments[low - 1];
		if (!c) return undefined;
		// Only white space between the comment and the loop; the first other character ends the look.
		for (let i = c.end; i < start; i++) if (!/\s/.test(text[i])) return undefined;
		return parseAnnotation(c.value)?.iterations;
	};

	const visitExpr = (root: Expr | undefined, env: Env): void => {
		// Chains lean left (`a + b + c …`, `x.get("a").get("b") …`): their spine is walked in a loop, and
		// what each link adds (a right operand, a call's arguments and the call) is visited on the way back.
		const links: Expr[] = [];
		let expr = root;
		while (expr) {
			if (expr.kind === 'binary') {
				links.push(expr);
				expr = expr.left;
			} else if (expr.kind === 'member') expr = expr.object;
			else if (expr.kind === 'call') {
				links.push(expr);
				expr = expr.callee.kind === 'member' ? expr.callee.object : undefined;
			} else {
				visitLeaf(expr, env);
				break;
			}
		}
		for (let i = links.length - 1; i >= 0; i--) {
			const link = links[i];
			if (link.kind === 'binary') visitExpr(link.right, env);
			else if (link.kind === 'call') {
				for (const arg of link.args) visitExpr(arg, env);
				recordCall(link, env);
			}
		}
	};

	/** An expression that is no link of a chain: what it holds is visited. */
	const visitLeaf = (expr: Expr, env: Env): void => {
		switch (expr.kind) {
			case 'unary':
				visitExpr(expr.operand, env);
				return;
			case 'list':
				for (const item of expr.items) visitExpr(item, env);
				return;
			case 'map':
				for (const [k, v] of expr.entries) {
					visitExpr(k, env);
					visitExpr(v, env);
				}
				return;
			case 'task':
				for (const value of expr.params.values()) visitExpr(value, env);
				recordTask(expr, env);
				return;
			default:
				return;
		}
	};

	const recordCall = (expr: Extract<Expr, { kind: 'call' }>, env: Env): void => {
		const name = taskName(expr.callee);
		if (!name) return;
		const span: Span = expr.span;
		const m = /^zoho\.crm\.(?:(v\d+)\.)?(\w+)$/.exec(name);
		if (m) {
			// invokeConnector reaches the connector it names: `crm.*` is the CRM's own, `zohosign.*` another service's.
			const connector = m[2] === 'invokeConnector' && expr.args[0] ? stringOf(expr.args[0], env) : undefined;
			if (connector !== undefined && !connector.includes(HOLE) && !/^crm\./i.test(connector)) return;
			const task = `zoho.crm.${m[1] ? m[1] + '.' : ''}${m[2]}`;
			const entry = lookupDelugeTask(task);
			const recordsIndex = entry?.params.indexOf('records_value') ?? -1;
			const list = recordsIndex >= 0 && expr.args[recordsIndex] ? valueOf(expr.args[recordsIndex], env) : undefined;
			calls.push({
				span,
				via: 'deluge-task',
				callee: task,
				task,
				method: entry?.method ?? '',
				path: entry?.path ?? '',
				loops: [...loopStack],
				...(list?.kind === 'list' ? { records: list.length } : {}),
			});
			return;
		}
		// The retired URL tasks: getUrl(url, headers) and postUrl(url, map, headers).
		if (expr.callee.kind === 'ident' && /^(?:getUrl|postUrl)$/i.test(name) && expr.args[0]) {
			const path = crmPathOf(stringOf(expr.args[0], env));
			if (path) calls.push({ span, via: 'invokeurl', callee: name, method: name.toLowerCase() === 'geturl' ? 'GET' : 'POST', path, loops: [...loopStack] });
			return;
		}
		if (name.toLowerCase().startsWith('zoho.')) return; // other products and utilities
		// A call of another Deluge function: `standalone.sync(…)`, `thisapp.x(…)`, a plain name.
		const lower = name.toLowerCase();
		if (
			expr.callee.kind === 'ident'
				? BUILT_INS.has(lower)
				: !/^(standalone|thisapp|automation|button|schedule|validation_rule|related_list|signal|crm|custom)\./i.test(name)
		)
			return;
		invocations.push({ span, loops: [...loopStack], target: { kind: 'global', name }, callee: name, args: expr.args.map((a) => stringOf(a, env)) });
	};

	const recordTask = (expr: Extract<Expr, { kind: 'task' }>, env: Env): void => {
		const type = expr.params.get('type');
		const method = type ? (type.kind === 'ident' ? type.name : stringOf(type, env)).toUpperCase() : 'GET';
		let path: string | undefined;
		if (expr.task === 'invokeurl') path = crmPathOf(stringOf(expr.params.get('url'), env));
		else if (expr.task === 'invokeapi') {
			const service = expr.params.get('service');
			const serviceName = service ? (service.kind === 'ident' ? service.name : stringOf(service, env)) : '';
			if (serviceName.toLowerCase() === 'crm') {
				const given = stringOf(expr.params.get('path'), env);
				path = crmPathOf(`https://www.zohoapis.com${given.startsWith('/') ? '' : '/'}${given}`);
			}
		}
		if (!path || !/^[A-Z]+$/.test(method)) return;
		// The parameters or body map, built literally or entry by entry: a COQL query's LIMIT, a write's records.
		let coqlLimit: number | null | undefined;
		let records: number | undefined;
		let named: { name: string; key: string } | undefined;
		let partial = false;
		for (const key of ['parameters', 'body']) {
			const param = expr.params.get(key);
			const value = param && valueOf(param, env);
			if (value?.kind !== 'map') continue;
			const query = value.entries.get('select_query');
			if (query?.kind === 'string') {
				const limit = coqlLimitOf(query.text);
				if (limit !== undefined) coqlLimit = limit;
				partial = query.text.includes(HOLE) && limit !== undefined;
			}
			const data = value.entries.get('data');
			if (data?.kind === 'list') records = data.length;
			const name = param && builtName(param);
			if (name) named = { name, key };
		}
		const followed = followedText(named?.name, records, coqlLimit, partial, named?.key);
		calls.push({
			span: expr.span,
			via: expr.task === 'invokeurl' ? 'invokeurl' : 'rest',
			callee: expr.task,
			method,
			path,
			loops: [...loopStack],
			...(coqlLimit !== undefined ? { coqlLimit } : {}),
			...(records !== undefined ? { records } : {}),
			...(followed ? { followed } : {}),
		});
	};

	const visitStatements = (statements: readonly Statement[], env: Env): void => {
		// The block's statements outside its loops run together; a loop counts its own statement inside it.
		let run: { span: Span; loops: readonly number[]; count: number } | undefined;
		for (const statement of statements) {
			if (statement.kind !== 'foreach' && statement.kind !== 'while') {
				if (!run) {
					run = { span: statement.span, loops: [...loopStack], count: 0 };
					statementRuns.push(run);
				}
				run.count++;
			}
			visitStatement(statement, env);
		}
	};

	const visitStatement = (statement: Statement, env: Env): void => {
		switch (statement.kind) {
			case 'assign': {
				visitExpr(statement.value, env);
				const value = statement.op === '=' ? valueOf(statement.value, env) : undefined;
				if (value) env.set(statement.target, value);
				else env.delete(statement.target);
				return;
			}
			case 'expr':
				visitExpr(statement.expr, env);
				build(statement.expr, env);
				return;
			case 'if': {
				// With an else, only one branch runs: a run pays for the dearest.
				const arms = statement.branches.filter((b) => b.body.length > 0).map((b) => ({ start: b.body[0].span.start, end: b.body[b.body.length - 1].span.end }));
				if (statement.branches.some((b) => b.condition === undefined) || statement.branches.length > 1) branches.push({ span: statement.span, arms });
				for (const branch of statement.branches) {
					visitExpr(branch.condition, env);
					visitStatements(branch.body, env);
				}
				return;
			}
			case 'foreach':
			case 'while': {
				if (statement.kind === 'foreach') visitExpr(statement.iterable, env);
				else visitExpr(statement.condition, env);
				loops.push(describeLoop(statement, env));
				loopStack.push(loops.length - 1);
				statementRuns.push({ span: statement.header, loops: [...loopStack], count: 1 });
				visitStatements(statement.body, env);
				loopStack.pop();
				return;
			}
			case 'try': {
				const beforeTry = new Map(env);
				visitStatements(statement.body, env);
				// The handler runs when the body failed: a name it sets to something else (the body's value, or one
				// the body made unknown) holds either value after. A name only the handler sets keeps its value.
				const afterBody = new Map(env);
				visitStatements(statement.handler, env);
				for (const [name, value] of [...env]) {
					if ((afterBody.has(name) || beforeTry.has(name)) && !sameValue(afterBody.get(name), value)) env.delete(name);
				}
				return;
			}
			case 'return':
			case 'info':
			case 'throw':
				visitExpr(statement.value, env);
				return;
			default:
				return;
		}
	};

	/**
	 * A map or list built step by step: `m.put("select_query", q)`, `m.putAll(other)`, `l.add(r)`, `l.addAll(rows)`.
	 * Inside loops an `add` adds once per iteration, when the loops' counts are known; else the list's length is unknown.
	 */
	const build = (expr: Expr, env: Env): void => {
		if (expr.kind !== 'call' || expr.callee.kind !== 'member' || expr.callee.object.kind !== 'ident') return;
		const name = expr.callee.object.name;
		const method = expr.callee.name.toLowerCase();
		const target = env.get(name);
		const times = loopStack.reduce<number | undefined>(
			(n, i) => (n === undefined || loops[i].iterations === undefined ? undefined : n * loops[i].iterations!),
			1,
		);
		if (target?.kind === 'map' && (method === 'put' || method === 'putall')) {
			const entries = new Map(target.entries);
			let size = target.size;
			const added = (key: string | undefined, value: Value | undefined) => {
				if (key === undefined || !entries.has(key)) size++;
				// A map of thousands of entries keeps the first ones by name: each put copies what is kept.
				if (key !== undefined && (entries.has(key) || entries.size < MAX_TRACKED_ENTRIES)) entries.set(key, value);
			};
			if (method === 'put' && expr.args[0]) {
				const key = stringOf(expr.args[0], env);
				added(key.includes(HOLE) ? undefined : key, expr.args[1] ? valueOf(expr.args[1], env) : undefined);
			} else if (method === 'putall' && expr.args[0]) {
				const other = valueOf(expr.args[0], env);
				if (other?.kind !== 'map') {
					env.delete(name);
					return;
				}
				for (const [k, v] of other.entries) added(k, v);
				size += other.size - other.entries.size;
			}
			env.set(name, { kind: 'map', entries, size });
			return;
		}
		if (target?.kind === 'list' && (method === 'add' || method === 'addall')) {
			const each = method === 'add' ? 1 : expr.args[0] ? valueOf(expr.args[0], env) : undefined;
			const count = typeof each === 'number' ? each : each?.kind === 'list' ? each.length : undefined;
			if (count === undefined || times === undefined) env.delete(name);
			else env.set(name, { kind: 'list', length: target.length + count * times });
		}
	};

	const describeLoop = (statement: Extract<Statement, { kind: 'foreach' | 'while' }>, env: Env): LoopFact => {
		const base: LoopFact = { kind: statement.kind === 'foreach' ? 'for-each' : 'while', span: statement.span, header: statement.header };
		const n = annotated(statement.span.start);
		if (n !== undefined) return { ...base, iterations: n, iterationSource: 'annotation', countReason: { kind: 'annotation', n } };
		if (statement.kind === 'while') return base;
		const value = valueOf(statement.iterable, env);
		// `for each x in {}`: an empty literal (read as an empty map) runs no iteration.
		if (value?.kind === 'map' && value.size === 0 && statement.iterable.kind === 'map')
			return { ...base, iterations: 0, iterationSource: 'literal', countReason: { kind: 'items', of: 'literal list', items: 0 } };
		if (value?.kind === 'list') {
			const literal = statement.iterable.kind === 'list';
			return {
				...base,
				iterations: value.length,
				iterationSource: 'literal',
				countReason: { kind: 'items', of: literal ? 'literal list' : 'list', items: value.length },
			};
		}
		if (value?.kind === 'page') return { ...base, page: { ...(value.module ? { module: value.module } : {}), perPage: value.perPage } };
		return base;
	};

	for (const fn of script.functions) {
		functions.push({ name: fn.name, span: fn.span, nameSpan: fn.nameSpan });
		visitStatements(fn.body, new Map());
	}
	visitStatements(script.statements, new Map());
	// Loops were pushed in visiting order; calls refer to them by index, so order is as found.
	return { language: 'deluge', calls, loops, errors, branches, functions, invocations, statements: statementRuns };
}
