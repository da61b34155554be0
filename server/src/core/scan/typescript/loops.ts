/**
 * Loops of TypeScript/JavaScript and how many times each runs, when the code says:
 * literal bounds and arrays (also `.slice(0, N)`), chunked counters (`i += 100`), pagination loops
 * (counted later from the module size), array callbacks and `Promise.all` over mapped arrays.
 * An `// zoho-credits: iterations=N` comment on or above a loop overrides everything.
 */
import ts from 'typescript';
import type { PageResponses } from './pages';
import type { CountReason, LoopBound, LoopFact, LoopKind } from '../../facts';
import { parseAnnotation } from '../annotations';
import { parameterMarker } from '../zoho-url';
import { evaluate, type Scope, unwrap } from './values';
import {
	forEachChild,
	isArrayLiteralExpression,
	isAsExpression,
	isAwaitExpression,
	isBinaryExpression,
	isBlock,
	isCallExpression,
	isCaseClause,
	isDoStatement,
	isExpressionStatement,
	isForInStatement,
	isForOfStatement,
	isForStatement,
	isIdentifier,
	isParenthesizedExpression,
	isPostfixUnaryExpression,
	isPrefixUnaryExpression,
	isPropertyAccessExpression,
	isSourceFile,
	isVariableDeclarationList,
	isWhileStatement,
	SyntaxKind,
} from './syntax';

/** Names in a loop condition that say it pages through results. */
const PAGINATION = /more_records|moreRecords|hasMore|has_more|next_?page_?token|nextPageToken|page_?token|pageToken|nextPage/i;
/** Zoho's default and largest page: 200 records. */
const DEFAULT_PER_PAGE = 200;

type Counted = { count: number; reason: CountReason } | undefined;

/**
 * A loop bound by a parameter of its function: `expr` is the parameter (`for (const m of modules)`) or
 * its length or number (`i < modules.length`, `page <= maxPages`), `offset` and `step` turn it into a count.
 */
function parameterBound(
	expr: ts.Expression,
	offset: number,
	step: number,
	scope: Scope,
	thisScope: Scope | undefined,
	iterable: boolean,
): LoopBound | undefined {
	const value = evaluate(expr, scope, thisScope);
	if (value?.kind !== 'param') return undefined;
	// An iterable parameter counts by its length; a bound by its number, or its length when it reads `.length`.
	// A member of an options object the caller passes (`{ modules }`, `options.items`) counts as an iterable too.
	const ofMember = iterable && value.member !== undefined && value.member !== 'length';
	const measure = value.member === undefined || ofMember ? (iterable ? 'length' : 'number') : !iterable && value.member === 'length' ? 'length' : undefined;
	if (!measure) return undefined;
	const e = unwrap(expr);
	const named = isIdentifier(e) ? e : isPropertyAccessExpression(e) && isIdentifier(e.expression) ? e.expression : undefined;
	if (!named) return undefined;
	// The parameter's default (`maxPages = MAX_PAGES`, `modules = ['Leads']`), counted the same way.
	const initial = value.initial;
	const fallback = initial?.kind === 'number' ? initial.value : initial?.kind === 'array' ? initial.length : undefined;
	return {
		param: parameterMarker(value.fn, value.index, ofMember ? value.member : undefined),
		name: ofMember && isPropertyAccessExpression(e) ? e.name.text : named.text,
		measure,
		offset,
		step,
		...(fallback !== undefined ? { fallback } : {}),
	};
}

function kindOf(node: ts.Node): LoopKind {
	switch (node.kind) {
		case SyntaxKind.ForStatement:
			return 'for';
		case SyntaxKind.ForOfStatement:
			return 'for-of';
		case SyntaxKind.ForInStatement:
			return 'for-in';
		case SyntaxKind.WhileStatement:
			return 'while';
		case SyntaxKind.DoStatement:
			return 'do-while';
		default:
			return 'callback';
	}
}

function trimEnd(text: string, end: number): number {
	while (end > 0 && /\s/.test(text[end - 1])) end--;
	return end;
}

/** The statement a node belongs to, whose leading comments speak for it. */
function enclosingStatement(node: ts.Node): ts.Node {
	let n: ts.Node = node;
	while (n.parent && !isBlock(n.parent) && !isSourceFile(n.parent) && !isCaseClause(n.parent)) n = n.parent;
	return n;
}

/** `iterations=N` from a comment above the loop's statement or on its header line. */
/** How far after a loop's header its annotation may stand on the same line. */
const ANNOTATION_REACH = 400;

function annotatedIterations(node: ts.Node, headerEnd: number, text: string): number | undefined {
	const statement = enclosingStatement(node);
	for (const range of ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []) {
		const n = parseAnnotation(text.slice(range.pos, range.end))?.iterations;
		if (n !== undefined) return n;
	}
	// A comment on the header's line, within a short reach: a file of one long line must not be read again for every loop.
	const reach = text.slice(headerEnd, headerEnd + ANNOTATION_REACH);
	const lineEnd = reach.indexOf('\n');
	const rest = lineEnd < 0 ? reach : reach.slice(0, lineEnd);
	const comment = rest.indexOf('//');
	return comment >= 0 ? parseAnnotation(rest.slice(comment))?.iterations : undefined;
}

/** The elements an iterable has: a literal array, `.slice(a, b)`, `Array.from({ length })`, a constant holding one. */
function iterableCount(expr: ts.Expression, scope: Scope, thisScope: Scope | undefined): Counted {
	const value = evaluate(expr, scope, thisScope);
	if (value?.kind !== 'array' || value.length === undefined) return undefined;
	const e = unwrap(expr);
	const what = isArrayLiteralExpression(e)
		? 'literal array'
		: isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'slice'
			? 'slice'
			: 'array';
	return { count: value.length, reason: { kind: 'items', of: what, items: value.length } };
}

function numberOf(expr: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): number | undefined {
	const value = expr && evaluate(expr, scope, thisScope);
	return value?.kind === 'number' ? value.value : undefined;
}

/** `for (let i = a; i < b; i++)`, `i <= b`, `i += step`: (b - a) / step iterations, rounded up; `b` may be a parameter. */
function counterLoop(node: ts.ForStatement, scope: Scope, thisScope: Scope | undefined): Counted | { bound: LoopBound } {
	const init = node.initializer;
	if (!init || !isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
	const decl = init.declarations[0];
	if (!isIdentifier(decl.name)) return undefined;
	const name = decl.name.text;
	const from = numberOf(decl.initializer, scope, thisScope);
	const cond = node.condition && unwrap(node.condition);
	if (from === undefined || !cond || !isBinaryExpression(cond) || !isIdentifier(cond.left) || cond.left.text !== name) return undefined;
	let step: number | undefined;
	const inc = node.incrementor && unwrap(node.incrementor);
	if (inc && (isPostfixUnaryExpression(inc) || isPrefixUnaryExpression(inc)) && inc.operator === SyntaxKind.PlusPlusToken) step = 1;
	else if (inc && isBinaryExpression(inc) && inc.operatorToken.kind === SyntaxKind.PlusEqualsToken && isIdentifier(inc.left) && inc.left.text === name)
		step = numberOf(inc.right, scope, thisScope);
	if (!step || step <= 0) return undefined;
	const inclusive = cond.operatorToken.kind === SyntaxKind.LessThanEqualsToken;
	if (!inclusive && cond.operatorToken.kind !== SyntaxKind.LessThanToken) return undefined;
	const to = numberOf(cond.right, scope, thisScope);
	if (to === undefined) {
		const bound = parameterBound(cond.right, (inclusive ? 1 : 0) - from, step, scope, thisScope, false);
		return bound ? { bound } : undefined;
	}
	return counterCount(name, from, inclusive, to, step);
}

/** How many times a counter runs from `from` up to `to` (`<=` when `inclusive`, else `<`) in steps of `step`. */
function counterCount(name: string, from: number, inclusive: boolean, to: number, step: number): Counted {
	const count = Math.max(0, Math.ceil((inclusive ? to - from + 1 : to - from) / step));
	return { count, reason: { kind: 'counter', name, from, op: inclusive ? '<=' : '<', to, step } };
}

/**
 * `let page = 1; while (page <= 10) { …; page++; }`: a while loop whose condition is a counter against a
 * known limit, the counter stepped up by a constant once at the top level of its body and set nowhere
 * else in it. A condition with more to it (`more && page <= 50`) may end sooner: not counted here.
 */
function whileCounter(node: ts.WhileStatement, scope: Scope, thisScope: Scope | undefined): Counted {
	const cond = unwrap(node.expression);
	if (!isBinaryExpression(cond) || !isIdentifier(cond.left) || !isBlock(node.statement)) return undefined;
	const inclusive = cond.operatorToken.kind === SyntaxKind.LessThanEqualsToken;
	if (!inclusive && cond.operatorToken.kind !== SyntaxKind.LessThanToken) return undefined;
	const name = cond.left.text;
	const from = numberOf(cond.left, scope, thisScope);
	const to = numberOf(cond.right, scope, thisScope);
	if (from === undefined || to === undefined) return undefined;
	const steps = node.statement.statements.flatMap((statement) => {
		if (!isExpressionStatement(statement)) return [];
		const step = stepOf(unwrap(statement.expression), name, scope, thisScope);
		return step === undefined ? [] : [step];
	});
	if (steps.length !== 1 || steps[0] <= 0 || assignments(node.statement, name) !== 1) return undefined;
	return counterCount(name, from, inclusive, to, steps[0]);
}

/** How much `name++`, `++name`, `name += k` or `name = name + k` adds to `name`; undefined for any other expression. */
function stepOf(e: ts.Expression, name: string, scope: Scope, thisScope: Scope | undefined): number | undefined {
	if ((isPostfixUnaryExpression(e) || isPrefixUnaryExpression(e)) && e.operator === SyntaxKind.PlusPlusToken)
		return isIdentifier(e.operand) && e.operand.text === name ? 1 : undefined;
	if (!isBinaryExpression(e) || !isIdentifier(e.left) || e.left.text !== name) return undefined;
	if (e.operatorToken.kind === SyntaxKind.PlusEqualsToken) return numberOf(e.right, scope, thisScope);
	const right = unwrap(e.right);
	if (e.operatorToken.kind === SyntaxKind.EqualsToken && isBinaryExpression(right) && right.operatorToken.kind === SyntaxKind.PlusToken) {
		if (isIdentifier(right.left) && right.left.text === name) return numberOf(right.right, scope, thisScope);
	}
	return undefined;
}

/** How many times `name` is assigned or stepped anywhere under `node` (functions inside included: they may run in it). */
function assignments(node: ts.Node, name: string): number {
	let count = 0;
	const visit = (n: ts.Node): void => {
		if ((isPostfixUnaryExpression(n) || isPrefixUnaryExpression(n)) && isIdentifier(n.operand) && n.operand.text === name) {
			if (n.operator === SyntaxKind.PlusPlusToken || n.operator === SyntaxKind.MinusMinusToken) count++;
		} else if (
			isBinaryExpression(n) &&
			isIdentifier(n.left) &&
			n.left.text === name &&
			n.operatorToken.kind >= SyntaxKind.FirstAssignment &&
			n.operatorToken.kind <= SyntaxKind.LastAssignment
		)
			count++;
		forEachChild(n, visit);
	};
	visit(node);
	return count;
}

/** A per_page the loop's requests ask for (`per_page=100` in a URL or `per_page: 100` in params). */
function perPageIn(node: ts.Node, text: string, source: ts.SourceFile): number {
	const m = /per_page\s*[=:]\s*(\d+)/.exec(text.slice(node.getStart(source), node.getEnd()));
	return m ? Math.min(Number(m[1]), DEFAULT_PER_PAGE) : DEFAULT_PER_PAGE;
}

/** True for a while/do/for(;;) loop that pages: its condition names more_records, a page token, … or it counts pages. */
function isPagination(node: ts.IterationStatement, text: string, source: ts.SourceFile): boolean {
	const condition = isWhileStatement(node) || isDoStatement(node) ? node.expression : isForStatement(node) ? node.condition : undefined;
	if (isForOfStatement(node) || isForInStatement(node)) return false;
	if (condition && PAGINATION.test(text.slice(condition.getStart(source), condition.getEnd()))) return true;
	// A body that turns pages: page++, page += 1, page = page + 1, params.page++.
	const body = text.slice(node.statement.getStart(source), node.statement.getEnd());
	return /\bpage\w*\s*(\+\+|\+=\s*1\b|=\s*\w*page\w*\s*\+\s*1\b)/i.test(body) || /\+\+\s*\w*page\b/i.test(body);
}

/** Describes the loop a statement or an array callback forms. */
export function describeLoop(
	node: ts.IterationStatement | ts.CallExpression,
	source: ts.SourceFile,
	text: string,
	scope: Scope,
	thisScope: Scope | undefined,
	pages?: PageResponses,
): LoopFact {
	const start = node.getStart(source);
	const kind = kindOf(node);
	let headerEnd: number;
	let counted: Counted;
	let pagination: LoopFact['pagination'];
	let parallel: boolean | undefined;
	let page: LoopFact['page'];
	let bound: LoopBound | undefined;
	if (isCallExpression(node)) {
		// items.map(cb): the header is `items.map(`, the receiver gives the count.
		const callee = node.expression as ts.PropertyAccessExpression;
		headerEnd = callee.getEnd();
		counted = iterableCount(callee.expression, scope, thisScope);
		if (!counted) bound = parameterBound(callee.expression, 0, 1, scope, thisScope, true);
		if (!counted && !bound) page = pages?.pageOf(callee.expression, node, source);
		parallel = isParallelCall(node) || undefined;
	} else {
		headerEnd = trimEnd(text, node.statement.getStart(source));
		if (isForOfStatement(node)) {
			counted = iterableCount(node.expression, scope, thisScope);
			if (!counted) bound = parameterBound(node.expression, 0, 1, scope, thisScope, true);
			if (!counted && !bound) page = pages?.pageOf(node.expression, node, source);
		} else if (isForStatement(node)) {
			const counter = counterLoop(node, scope, thisScope);
			if (counter && 'bound' in counter) bound = counter.bound;
			else counted = counter;
		} else if (isWhileStatement(node)) counted = whileCounter(node, scope, thisScope);
		if (!counted && isPagination(node, text, source)) pagination = { perPage: perPageIn(node, text, source) };
	}
	const base: LoopFact = {
		kind,
		span: { start, end: node.getEnd() },
		header: { start, end: headerEnd },
		...(bound ? { bound } : {}),
		...(pagination ? { pagination } : {}),
		...(page ? { page } : {}),
		...(parallel ? { parallel } : {}),
	};
	const annotated = annotatedIterations(node, headerEnd, text);
	if (annotated !== undefined) return { ...base, iterations: annotated, iterationSource: 'annotation', countReason: { kind: 'annotation', n: annotated } };
	return counted ? { ...base, iterations: counted.count, iterationSource: 'literal', countReason: counted.reason } : base;
}

function isParallelCall(node: ts.CallExpression): boolean {
	let parent: ts.Node = node.parent;
	while (isParenthesizedExpression(parent) || isAsExpression(parent) || isAwaitExpression(parent)) parent = parent.parent;
	if (!isCallExpression(parent)) return false;
	const callee = parent.expression;
	return (
		isPropertyAccessExpression(callee) &&
		isIdentifier(callee.expression) &&
		callee.expression.text === 'Promise' &&
		['all', 'allSettled', 'any', 'race'].includes(callee.name.text)
	);
}
