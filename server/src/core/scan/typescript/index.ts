import * as ts from 'typescript';
import type { CallFact, FileFacts, Language, LoopFact, LoopKind } from '../../facts';
import { parseAnnotation } from '../annotations';
import { crmPathOf } from '../zoho-url';

/** The HTTP clients whose calls are requests: `fetch(url, init)` and `axios` in its call forms. */
const AXIOS_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'request']);

export function scriptKindOf(path: string): ts.ScriptKind {
	const lower = path.toLowerCase();
	if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
	if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
	if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
	return ts.ScriptKind.TS;
}

/**
 * Scans TypeScript or JavaScript source for Zoho CRM requests, syntax only, in one pass.
 * Never throws: the TypeScript parser recovers from any input.
 */
export function scanTypeScript(text: string, path: string, language: Language): FileFacts {
	const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
	const calls: CallFact[] = [];
	const loops: LoopFact[] = [];
	const loopStack: number[] = [];

	const visit = (node: ts.Node): void => {
		const kind = loopKindOf(node);
		if (kind) {
			loops.push(describeLoop(node as ts.IterationStatement, kind, source, text));
			loopStack.push(loops.length - 1);
			ts.forEachChild(node, visit);
			loopStack.pop();
			return;
		}
		if (ts.isCallExpression(node)) {
			const request = requestOf(node);
			if (request) {
				calls.push({
					span: { start: node.getStart(source), end: node.getEnd() },
					via: 'rest',
					callee: request.callee,
					method: request.method,
					path: request.path,
					loops: [...loopStack],
					...bodyFacts(request.body),
				});
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);

	const errors = ((source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []).map((d) => ({
		code: `TS${d.code}`,
		message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
		span: { start: d.start, end: d.start + d.length },
	}));
	return { language, calls, loops, errors };
}

function loopKindOf(node: ts.Node): LoopKind | undefined {
	switch (node.kind) {
		case ts.SyntaxKind.ForStatement:
			return 'for';
		case ts.SyntaxKind.ForOfStatement:
			return 'for-of';
		case ts.SyntaxKind.ForInStatement:
			return 'for-in';
		case ts.SyntaxKind.WhileStatement:
			return 'while';
		case ts.SyntaxKind.DoStatement:
			return 'do-while';
		default:
			return undefined;
	}
}

function describeLoop(node: ts.IterationStatement, kind: LoopKind, source: ts.SourceFile, text: string): LoopFact {
	const start = node.getStart(source);
	const headerEnd = node.statement.getStart(source);
	const base = { kind, span: { start, end: node.getEnd() }, header: { start, end: trimEnd(text, headerEnd) } };
	for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
		const iterations = parseAnnotation(text.slice(range.pos, range.end))?.iterations;
		if (iterations !== undefined) {
			return { ...base, iterations, iterationSource: 'annotation', iterationReason: `annotation iterations=${iterations}` };
		}
	}
	const literal = literalIterations(node);
	return literal ? { ...base, iterations: literal.count, iterationSource: 'literal', iterationReason: literal.reason } : base;
}

function trimEnd(text: string, end: number): number {
	while (end > 0 && /\s/.test(text[end - 1])) end--;
	return end;
}

/** Iteration counts the code states outright: `for (let i = 0; i < 5; i++)` and `for (const x of [a, b])`. */
function literalIterations(node: ts.IterationStatement): { count: number; reason: string } | undefined {
	if (ts.isForOfStatement(node) && ts.isArrayLiteralExpression(node.expression)) {
		const count = node.expression.elements.length;
		if (node.expression.elements.some(ts.isSpreadElement)) return undefined;
		return { count, reason: `literal array of ${count} item${count === 1 ? '' : 's'}` };
	}
	if (!ts.isForStatement(node) || !node.initializer || !node.condition) return undefined;
	const init = node.initializer;
	if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
	const decl = init.declarations[0];
	if (!ts.isIdentifier(decl.name) || !decl.initializer || !ts.isNumericLiteral(decl.initializer)) return undefined;
	const cond = node.condition;
	if (!ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== decl.name.text) return undefined;
	if (!ts.isNumericLiteral(cond.right)) return undefined;
	const incrementsByOne =
		node.incrementor !== undefined &&
		((ts.isPostfixUnaryExpression(node.incrementor) || ts.isPrefixUnaryExpression(node.incrementor)) &&
			node.incrementor.operator === ts.SyntaxKind.PlusPlusToken);
	if (!incrementsByOne) return undefined;
	const from = Number(decl.initializer.text);
	const to = Number(cond.right.text);
	let count: number;
	if (cond.operatorToken.kind === ts.SyntaxKind.LessThanToken) count = to - from;
	else if (cond.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken) count = to - from + 1;
	else return undefined;
	count = Math.max(0, count);
	return { count, reason: `literal bound ${decl.name.text} from ${from} to ${to}` };
}

interface Request {
	callee: string;
	method: string;
	path: string;
	/** The request body as written, when the call shows one. */
	body?: ts.Expression;
}

/** What the body shows that prices depend on: the records of a write, the LIMIT of a COQL query. */
function bodyFacts(body: ts.Expression | undefined): { records?: number; coqlLimit?: number | null } {
	let object = body;
	// fetch bodies are usually JSON.stringify({ ... }).
	if (
		object &&
		ts.isCallExpression(object) &&
		ts.isPropertyAccessExpression(object.expression) &&
		ts.isIdentifier(object.expression.expression) &&
		object.expression.expression.text === 'JSON' &&
		object.expression.name.text === 'stringify'
	) {
		object = object.arguments[0];
	}
	if (!object || !ts.isObjectLiteralExpression(object)) return {};
	const out: { records?: number; coqlLimit?: number | null } = {};
	const data = propertyOf(object, 'data');
	if (data && ts.isArrayLiteralExpression(data) && !data.elements.some(ts.isSpreadElement)) out.records = data.elements.length;
	const query = propertyOf(object, 'select_query');
	const text = query && literalText(query);
	if (text !== undefined) out.coqlLimit = coqlLimitOf(text);
	return out;
}

/** The text of a string or template literal, with each substitution as `\${}`. */
function literalText(node: ts.Expression): string | undefined {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
	if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => '${}' + span.literal.text).join('');
	return undefined;
}

/** LIMIT of a COQL query: `limit 500`, `limit 100, 500` (offset, count), `limit 500 offset 100`; null without one. */
export function coqlLimitOf(query: string): number | null | undefined {
	const m = /\blimit\s+(\S+?)(?:\s*,\s*(\S+?))?(?:\s+offset\b.*)?\s*$/i.exec(query.trim());
	if (!m) return /\blimit\b/i.test(query) ? undefined : null;
	const count = m[2] ?? m[1];
	return /^\d+$/.test(count) ? Number(count) : undefined;
}

/** A `fetch`/`axios` call to a literal Zoho CRM URL, with its HTTP method. */
function requestOf(call: ts.CallExpression): Request | undefined {
	const callee = call.expression;
	const [first, second] = call.arguments;
	if (ts.isIdentifier(callee) && callee.text === 'fetch') {
		const path = first && literalCrmPath(first);
		return path ? { callee: 'fetch', method: optionMethod(second) ?? 'GET', path, body: optionsProperty(second, 'body') } : undefined;
	}
	if (ts.isIdentifier(callee) && callee.text === 'axios') {
		if (first && ts.isObjectLiteralExpression(first)) {
			const url = propertyOf(first, 'url');
			const path = url && literalCrmPath(url);
			return path ? { callee: 'axios', method: optionMethod(first) ?? 'GET', path, body: propertyOf(first, 'data') } : undefined;
		}
		const path = first && literalCrmPath(first);
		return path ? { callee: 'axios', method: optionMethod(second) ?? 'GET', path, body: optionsProperty(second, 'data') } : undefined;
	}
	if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'axios') {
		const name = callee.name.text;
		if (!AXIOS_METHODS.has(name)) return undefined;
		if (name === 'request') {
			const url = first && ts.isObjectLiteralExpression(first) ? propertyOf(first, 'url') : undefined;
			const path = url && literalCrmPath(url);
			return path ? { callee: 'axios.request', method: optionMethod(first) ?? 'GET', path, body: optionsProperty(first, 'data') } : undefined;
		}
		const path = first && literalCrmPath(first);
		// axios.post/put/patch(url, data, config); get/delete take (url, config).
		const body = name === 'post' || name === 'put' || name === 'patch' ? second : optionsProperty(second, 'data');
		return path ? { callee: `axios.${name}`, method: name.toUpperCase(), path, body } : undefined;
	}
	return undefined;
}

function literalCrmPath(node: ts.Expression): string | undefined {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return crmPathOf(node.text);
	return undefined;
}

function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
	for (const property of object.properties) {
		if (ts.isPropertyAssignment(property) && propertyName(property.name) === name) return property.initializer;
	}
	return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
	if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
	return undefined;
}

function optionsProperty(options: ts.Expression | undefined, name: string): ts.Expression | undefined {
	return options && ts.isObjectLiteralExpression(options) ? propertyOf(options, name) : undefined;
}

/** `method` of an options object, when it is a string literal. */
function optionMethod(options: ts.Expression | undefined): string | undefined {
	if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
	const method = propertyOf(options, 'method');
	if (method && (ts.isStringLiteral(method) || ts.isNoSubstitutionTemplateLiteral(method))) return method.text.toUpperCase();
	return undefined;
}
