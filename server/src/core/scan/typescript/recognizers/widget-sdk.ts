/**
 * The JavaScript SDK of Zoho CRM widgets and embedded apps (the global `ZOHO`, loaded by a script tag):
 * `ZOHO.CRM.API.getRecord({ Entity, RecordID })`, `ZOHO.CRM.META.getFields(…)`, `ZOHO.CRM.CONFIG.getCurrentUser()`,
 * and `ZOHO.CRM.CONNECTION.invoke(name, { url, method })`, which sends a request of the code's own.
 * Each wrapper calls the CRM REST API (v2) with the signed-in user's session. `ZOHO.CRM.HTTP` reaches
 * other services and `ZOHO.CRM.FUNCTIONS.execute` runs a function (the Functions pool): neither is a CRM API call.
 */
import ts from 'typescript';
import { HOLE } from '../../zoho-url';
import { evaluate, GLOBAL_OBJECTS, propertyOf, type Scope, urlTemplate } from '../values';
import { methodOption, optionNode, type Recognizer, restRequest } from './types';
import { isIdentifier, isPropertyAccessExpression } from '../syntax';

/** `group.method` → the REST request it sends; `{module}` is the options' `Entity`, `{rel}` its `RelatedList`. */
const OPERATIONS: Readonly<Record<string, readonly [string, string]>> = {
	'API.getRecord': ['GET', '/crm/v2/{module}/{id}'],
	'API.getAllRecords': ['GET', '/crm/v2/{module}'],
	'API.getRelatedRecords': ['GET', '/crm/v2/{module}/{id}/{rel}'],
	'API.insertRecord': ['POST', '/crm/v2/{module}'],
	'API.updateRecord': ['PUT', '/crm/v2/{module}'],
	'API.upsertRecord': ['POST', '/crm/v2/{module}/upsert'],
	'API.deleteRecord': ['DELETE', '/crm/v2/{module}/{id}'],
	'API.searchRecord': ['GET', '/crm/v2/{module}/search'],
	'API.coql': ['POST', '/crm/v2/coql'],
	'API.addNotes': ['POST', '/crm/v2/{module}/{id}/Notes'],
	'API.attachFile': ['POST', '/crm/v2/{module}/{id}/Attachments'],
	'API.updateRelatedRecords': ['PUT', '/crm/v2/{module}/{id}/{rel}/{x}'],
	'API.delinkRelatedRecord': ['DELETE', '/crm/v2/{module}/{id}/{rel}/{x}'],
	'API.getBluePrint': ['GET', '/crm/v2/{module}/{id}/actions/blueprint'],
	'API.updateBluePrint': ['PUT', '/crm/v2/{module}/{id}/actions/blueprint'],
	'API.getAllUsers': ['GET', '/crm/v2/users'],
	'API.getUser': ['GET', '/crm/v2/users/{id}'],
	'API.getOrgVariable': ['GET', '/crm/v2/settings/variables'],
	'API.getAllProfiles': ['GET', '/crm/v2/settings/profiles'],
	'API.sendMail': ['POST', '/crm/v2/{module}/{id}/actions/send_mail'],
	'CONFIG.getCurrentUser': ['GET', '/crm/v2/users'],
	'CONFIG.getOrgInfo': ['GET', '/crm/v2/org'],
	'META.getFields': ['GET', '/crm/v2/settings/fields'],
	'META.getModules': ['GET', '/crm/v2/settings/modules'],
	'META.getLayouts': ['GET', '/crm/v2/settings/layouts'],
	'META.getRelatedList': ['GET', '/crm/v2/settings/related_lists'],
	'META.getCustomViews': ['GET', '/crm/v2/settings/custom_views'],
};

const SDK = 'Zoho CRM widget JS SDK';

export const widgetSdkRecognizer: Recognizer = {
	family: 'widget-sdk',
	recognise({ callee, args, label, scope, thisScope }) {
		const names = chain(callee);
		if (!names || scope.has('ZOHO')) return undefined;
		const [group, method] = names;
		if (group === 'CONNECTION' && method === 'invoke') {
			// invoke(connection, { url, method, parameters }): the request the code writes, through a connection; `parameters` is its body.
			const options = evaluate(args[1], scope, thisScope);
			const url = options?.kind === 'object' ? urlTemplate(propertyOf(options.node, 'url'), scope, thisScope) : undefined;
			return restRequest(label, methodOption(options, 'GET', scope, thisScope), url, undefined, optionNode(options, 'parameters'));
		}
		const operation = OPERATIONS[`${group}.${method}`];
		if (!operation) return undefined;
		const options = evaluate(args[0], scope, thisScope);
		const path = operation[1]
			.replace('{module}', literal(options, 'Entity', scope, thisScope) ?? '{module}')
			.replace('{rel}', literal(options, 'RelatedList', scope, thisScope) ?? '{x}');
		return {
			via: 'sdk',
			callee: label,
			method: operation[0],
			path,
			...(method === 'coql' && args[0] ? { body: args[0] } : {}),
			sdk: { sdk: SDK, class: `ZOHO.CRM.${group}`, method },
		};
	},
};

/** `ZOHO.CRM.<group>.<method>` (also under `window.`): the group and the method; undefined for any other callee. */
function chain(callee: ts.Expression): [string, string] | undefined {
	const names: string[] = [];
	let e: ts.Expression = callee;
	while (isPropertyAccessExpression(e)) {
		names.unshift(e.name.text);
		e = e.expression;
	}
	if (!isIdentifier(e)) return undefined;
	names.unshift(e.text);
	if (GLOBAL_OBJECTS.has(names[0])) names.shift();
	return names.length === 4 && names[0] === 'ZOHO' && names[1] === 'CRM' ? [names[2], names[3]] : undefined;
}

/** A literal module or related-list name in the options object. */
function literal(options: ReturnType<typeof evaluate>, name: string, scope: Scope, thisScope: Scope | undefined): string | undefined {
	if (options?.kind !== 'object') return undefined;
	const value = evaluate(propertyOf(options.node, name), scope, thisScope);
	return value?.kind === 'string' && !value.text.includes(HOLE) && /^\w+$/.test(value.text) ? value.text : undefined;
}
