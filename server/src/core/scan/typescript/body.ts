/** What a request body shows that prices depend on: the records of a write, the LIMIT of a COQL query. */
import ts from 'typescript';
import { bodyMarker, HOLE, parameterMarker } from '../zoho-url';
import { evaluate, propertyOf, type Scope, stringPart, unwrap } from './values';

/** The object literal a body expression stands for: itself, `JSON.stringify(it)`, or a constant holding it. */
function bodyObject(expr: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): ts.ObjectLiteralExpression | undefined {
	if (!expr) return undefined;
	let e = unwrap(expr);
	if (
		ts.isCallExpression(e) &&
		ts.isPropertyAccessExpression(e.expression) &&
		ts.isIdentifier(e.expression.expression) &&
		e.expression.expression.text === 'JSON' &&
		e.expression.name.text === 'stringify' &&
		e.arguments[0]
	) {
		e = unwrap(e.arguments[0]);
	}
	const value = evaluate(e, scope, thisScope);
	return value?.kind === 'object' ? value.node : undefined;
}

/** The parameter marker a body stands for, when the body (or what `JSON.stringify` is given) is a parameter. */
export function bodyParameter(body: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): string | undefined {
	if (!body) return undefined;
	let e = unwrap(body);
	if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'stringify' && e.arguments[0]) e = unwrap(e.arguments[0]);
	const value = evaluate(e, scope, thisScope);
	return value?.kind === 'param' ? parameterMarker(value.fn, value.index, value.member) : undefined;
}

/** An argument as a body marker, when it is an object literal that shows records or a COQL LIMIT. */
export function bodyArgument(arg: ts.Expression, scope: Scope, thisScope: Scope | undefined): string | undefined {
	const facts = bodyObject(arg, scope, thisScope) ? bodyFacts(arg, scope, thisScope) : undefined;
	return facts && (facts.records !== undefined || facts.coqlLimit !== undefined) ? bodyMarker(facts.records, facts.coqlLimit) : undefined;
}

/** `{ data: [a, b] }` gives 2 records, `{ ids: [id] }` 1; `{ select_query: '… limit 500' }` gives LIMIT 500. */
export function bodyFacts(body: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): { records?: number; coqlLimit?: number | null } {
	const object = bodyObject(body, scope, thisScope);
	if (!object) return {};
	const out: { records?: number; coqlLimit?: number | null } = {};
	// The records a write sends (`data`), or the ids an action on many records takes (`ids`: add or remove tags).
	const data = propertyOf(object, 'data') ?? propertyOf(object, 'ids');
	const list = data && evaluate(data, scope, thisScope);
	if (list?.kind === 'array' && list.length !== undefined) out.records = list.length;
	const query = propertyOf(object, 'select_query');
	if (query) {
		const text = stringPart(query, scope, thisScope);
		if (text !== HOLE) {
			const limit = coqlLimitOf(text);
			if (limit !== undefined) out.coqlLimit = limit;
		}
	}
	return out;
}

/** LIMIT of a COQL query: `limit 500`, `limit 100, 500` (offset, count), `limit 500 offset 100`; null without one. */
export function coqlLimitOf(query: string): number | null | undefined {
	const m = /\blimit\s+(\S+?)(?:\s*,\s*(\S+?))?(?:\s+offset\b.*)?\s*$/i.exec(query.trim());
	if (!m) return /\blimit\b/i.test(query) ? undefined : null;
	const count = m[2] ?? m[1];
	return /^\d+$/.test(count) ? Number(count) : undefined;
}
