/** What a request body shows that prices depend on: the records of a write, the LIMIT of a COQL query. */
import ts from 'typescript';
import { coqlLimitOf, queryMarker } from '../coql';
import { bodyMarker, followedText, HOLE, PARAMETER, parameterMarker } from '../zoho-url';
import { evaluate, fieldOf, type Scope, unwrap, type Value } from './values';
import { isCallExpression, isIdentifier, isPropertyAccessExpression } from './syntax';

/** The object a body expression stands for: itself, `JSON.stringify(it)`, or a constant holding it (with the fields set since). */
function bodyObject(expr: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): Extract<Value, { kind: 'object' }> | undefined {
	if (!expr) return undefined;
	let e = unwrap(expr);
	if (
		isCallExpression(e) &&
		isPropertyAccessExpression(e.expression) &&
		isIdentifier(e.expression.expression) &&
		e.expression.expression.text === 'JSON' &&
		e.expression.name.text === 'stringify' &&
		e.arguments[0]
	) {
		e = unwrap(e.arguments[0]);
	}
	const value = evaluate(e, scope, thisScope);
	return value?.kind === 'object' ? value : undefined;
}

/** The parameter marker a body stands for, when the body (or what `JSON.stringify` is given) is a parameter. */
export function bodyParameter(body: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): string | undefined {
	if (!body) return undefined;
	let e = unwrap(body);
	if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'stringify' && e.arguments[0]) e = unwrap(e.arguments[0]);
	const value = evaluate(e, scope, thisScope);
	return value?.kind === 'param' ? parameterMarker(value.fn, value.index, value.member) : undefined;
}

/** An argument as a body marker, when it is an object literal that shows records or a COQL LIMIT. */
export function bodyArgument(arg: ts.Expression, scope: Scope, thisScope: Scope | undefined): string | undefined {
	const facts = bodyObject(arg, scope, thisScope) ? bodyFacts(arg, scope, thisScope) : undefined;
	return facts && (facts.records !== undefined || facts.coqlLimit !== undefined) ? bodyMarker(facts.records, facts.coqlLimit) : undefined;
}

/** `{ data: [a, b] }` gives 2 records, `{ ids: [id] }` 1; `{ select_query: '… limit 500' }` gives LIMIT 500. */
export function bodyFacts(
	body: ts.Expression | undefined,
	scope: Scope,
	thisScope: Scope | undefined,
): { records?: number; coqlLimit?: number | null; followed?: string } {
	const object = bodyObject(body, scope, thisScope);
	if (!object) return {};
	const out: { records?: number; coqlLimit?: number | null; followed?: string } = {};
	// The records a write sends (`data`), or the ids an action on many records takes (`ids`: add or remove tags).
	const list = fieldOf(object, 'data', scope, thisScope) ?? fieldOf(object, 'ids', scope, thisScope);
	if (list?.kind === 'array' && list.length !== undefined) out.records = list.length;
	const query = fieldOf(object, 'select_query', scope, thisScope);
	let partial = false;
	if (query?.kind === 'string' || query?.kind === 'param') {
		// A query the caller passes holds no LIMIT of this function's own.
		const text = query.kind === 'string' ? query.text : parameterMarker(query.fn, query.index, query.member);
		if (text !== HOLE) {
			const limit = coqlLimitOf(text);
			if (limit !== undefined) out.coqlLimit = limit;
			partial = query.kind === 'string' && text.includes(HOLE) && limit !== undefined;
		}
	}
	const named = builtName(body);
	out.followed = followedText(named, out.records, out.coqlLimit, partial);
	if (out.followed === undefined) delete out.followed;
	return out;
}

/** The variable a body names (`body`, `JSON.stringify(rows)`), when it is not written at the call. */
function builtName(body: ts.Expression | undefined): string | undefined {
	let e = body && unwrap(body);
	if (e && isCallExpression(e) && e.arguments[0]) e = unwrap(e.arguments[0]);
	return e && isIdentifier(e) ? e.text : undefined;
}

/**
 * A query that holds a parameter (`{ select_query: query }` in a `coql(query)` helper): its text with the
 * parameter markers, for each call to fill with its own argument and read the LIMIT from.
 */
export function queryTemplate(body: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): string | undefined {
	const object = bodyObject(body, scope, thisScope);
	const query = object && fieldOf(object, 'select_query', scope, thisScope);
	const text = query?.kind === 'string' ? query.text : query?.kind === 'param' ? parameterMarker(query.fn, query.index, query.member) : undefined;
	PARAMETER.lastIndex = 0;
	return text !== undefined && PARAMETER.test(text) ? queryMarker(text) : undefined;
}
