/**
 * The legacy `zcrmsdk` object API: `ZCRMRestClient.API.MODULES.get({ module, id, body })`, also on a
 * client the file keeps in a field or passes around (`client.API.MODULES.get(input)` in a file that
 * requires `zcrmsdk`).
 */
import ts from 'typescript';
import { sdkMethod } from '../../../catalog';
import { HOLE } from '../../zoho-url';
import { evaluate, propertyOf } from '../values';
import { optionNode, type Recognizer } from './types';
import { isIdentifier, isPropertyAccessExpression } from '../syntax';

/** The API groups of the legacy client: `API.MODULES`, `API.SETTINGS`, … */
const API_GROUP = /^(?:MODULES|ACTIONS|SETTINGS|ORG|USERS|ATTACHMENTS|FUNCTIONS)$/;

export const zcrmsdkRecognizer: Recognizer = {
	family: 'zcrmsdk',
	recognise({ callee, receiver, member, args, label, scope, thisScope, usesLegacySdk }) {
		if (member === undefined) return undefined;
		let path = receiver?.kind === 'zcrm' ? receiver.path : undefined;
		if (path === undefined) {
			// `<client>.API.MODULES`: the client is the SDK, whatever holds it, in a file that names the SDK or where
			// the client goes by the SDK's own name (`ZCRMRestClient` handed over by a helper, or from a fork of the package).
			const group = (callee as ts.PropertyAccessExpression).expression;
			if (
				isPropertyAccessExpression(group) &&
				API_GROUP.test(group.name.text) &&
				isPropertyAccessExpression(group.expression) &&
				group.expression.name.text === 'API' &&
				(usesLegacySdk || nameOf(group.expression.expression) === 'ZCRMRestClient')
			) {
				path = `ZCRMRestClient.API.${group.name.text}`;
			}
		}
		if (path === undefined) return undefined;
		const entry = sdkMethod('zcrmsdk', path, member);
		if (!entry) return undefined;
		// One input object: { module, id, body: { data: [...] } }.
		const input = evaluate(args[0], scope, thisScope);
		const moduleNode = input?.kind === 'object' ? propertyOf(input.node, 'module') : undefined;
		const module = moduleNode ? evaluate(moduleNode, scope, thisScope) : undefined;
		const moduleName = module?.kind === 'string' && !module.text.includes(HOLE) ? module.text : undefined;
		return {
			via: 'sdk',
			callee: label,
			method: entry.httpMethod,
			path: moduleName ? entry.path.replace('{module}', moduleName) : entry.path,
			body: optionNode(input, 'body'),
			sdk: { sdk: entry.sdk, class: entry.class, method: entry.method },
		};
	},
};

/** The name an expression goes by: an identifier, or the last member of a property access. */
function nameOf(e: ts.Expression): string | undefined {
	return isIdentifier(e) ? e.text : isPropertyAccessExpression(e) ? e.name.text : undefined;
}
