/**
 * Tools of Zoho's MCP server for CRM, called by name: `callTool('ZohoCRM_getRecords', args)`,
 * `client.callTool({ name: 'ZohoCRM_searchRecords', arguments })`. Each tool runs one CRM API request,
 * charged like the request itself. The tool's name is the evidence; the transport (an MCP client, a
 * JSON-RPC `fetch`) says nothing of Zoho on its own.
 */
import { HOLE } from '../../zoho-url';
import { evaluate, propertyOf, type Scope, type Value } from '../values';
import type { Recognizer } from './types';
import { isIdentifier, isObjectLiteralExpression, isStringLiteralLike } from '../syntax';

const TOOL = /^ZohoCRM_(\w+)$/;

/** Tools by operation: the request each sends (`{module}` from the tool's `module` argument). */
const TOOLS: Readonly<Record<string, readonly [string, string]>> = {
	getRecords: ['GET', '/crm/v8/{module}'],
	getRecord: ['GET', '/crm/v8/{module}/{id}'],
	searchRecords: ['GET', '/crm/v8/{module}/search'],
	createRecords: ['POST', '/crm/v8/{module}'],
	updateRecords: ['PUT', '/crm/v8/{module}'],
	updateRecord: ['PUT', '/crm/v8/{module}/{id}'],
	upsertRecords: ['POST', '/crm/v8/{module}/upsert'],
	deleteRecords: ['DELETE', '/crm/v8/{module}'],
	deleteRecord: ['DELETE', '/crm/v8/{module}/{id}'],
	getRelatedRecords: ['GET', '/crm/v8/{module}/{id}/{x}'],
	getDeletedRecords: ['GET', '/crm/v8/{module}/deleted'],
	convertLead: ['POST', '/crm/v8/Leads/{id}/actions/convert'],
	executeCOQLQuery: ['POST', '/crm/v8/coql'],
	getNotes: ['GET', '/crm/v8/Notes'],
	createNotes: ['POST', '/crm/v8/Notes'],
	getVariables: ['GET', '/crm/v8/settings/variables'],
	getCurrencies: ['GET', '/crm/v8/org/currencies'],
	getOrganization: ['GET', '/crm/v8/org'],
	getUsers: ['GET', '/crm/v8/users'],
	getModules: ['GET', '/crm/v8/settings/modules'],
	getFields: ['GET', '/crm/v8/settings/fields'],
	getLayouts: ['GET', '/crm/v8/settings/layouts'],
};

export const zohoMcpRecognizer: Recognizer = {
	family: 'zoho-mcp',
	recognise({ args, label, scope, thisScope }) {
		const [first, second] = args;
		// Cheap first: most calls pass no tool name at all.
		if (!first || (isStringLiteralLike(first) ? !first.text.startsWith('ZohoCRM_') : !isIdentifier(first) && !isObjectLiteralExpression(first)))
			return undefined;
		const firstValue = evaluate(first, scope, thisScope);
		let name = firstValue?.kind === 'string' ? firstValue.text : undefined;
		let toolArgs: Value | undefined = evaluate(second, scope, thisScope);
		if (firstValue?.kind === 'object') {
			name = text(evaluate(propertyOf(firstValue.node, 'name'), scope, thisScope));
			toolArgs = evaluate(propertyOf(firstValue.node, 'arguments'), scope, thisScope);
		}
		const operation = name === undefined ? undefined : TOOL.exec(name)?.[1];
		if (!operation) return undefined;
		const known = TOOLS[operation];
		const method =
			known?.[0] ??
			(/^(?:create|add|insert|convert)/.test(operation) ? 'POST' : /^update/.test(operation) ? 'PUT' : /^(?:delete|remove)/.test(operation) ? 'DELETE' : 'GET');
		const module = moduleOf(toolArgs, scope, thisScope);
		const path = (known?.[1] ?? '/crm/v8/{x}').replace('{module}', module ?? '{module}');
		// The request's body rides in the tool's arguments: `{ body: { data: [record] } }`.
		const body = toolArgs?.kind === 'object' ? propertyOf(toolArgs.node, 'body') : undefined;
		return { via: 'sdk', callee: label, method, path, ...(body ? { body } : {}), sdk: { sdk: 'Zoho MCP server', class: 'ZohoCRM', method: operation } };
	},
};

function text(value: Value | undefined): string | undefined {
	return value?.kind === 'string' && !value.text.includes(HOLE) ? value.text : undefined;
}

/** The module a tool's arguments name (`{ module: 'Leads' }`, also under `path_variables`). */
function moduleOf(args: Value | undefined, scope: Scope, thisScope: Scope | undefined): string | undefined {
	if (args?.kind !== 'object') return undefined;
	const direct = text(evaluate(propertyOf(args.node, 'module'), scope, thisScope));
	if (direct && /^\w+$/.test(direct)) return direct;
	const nested = evaluate(propertyOf(args.node, 'path_variables'), scope, thisScope);
	const inner = nested?.kind === 'object' ? text(evaluate(propertyOf(nested.node, 'module'), scope, thisScope)) : undefined;
	return inner && /^\w+$/.test(inner) ? inner : undefined;
}
