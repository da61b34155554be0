/**
 * Zoho CRM client scripts (run in the browser by the CRM, written in JavaScript against `ZDK`):
 * `ZDK.HTTP.request({ url, method, headers })` sends the request the script writes.
 */
import { evaluate, propertyOf, urlTemplate } from '../values';
import { methodOption, type Recognizer, restRequest } from './types';
import { isIdentifier, isPropertyAccessExpression } from '../syntax';

export const zdkClientRecognizer: Recognizer = {
	family: 'zdk-client-script',
	recognise({ callee, args, label, scope, thisScope }) {
		if (!isPropertyAccessExpression(callee) || callee.name.text !== 'request') return undefined;
		const group = callee.expression;
		if (
			!isPropertyAccessExpression(group) ||
			group.name.text !== 'HTTP' ||
			!isIdentifier(group.expression) ||
			group.expression.text !== 'ZDK' ||
			scope.has('ZDK')
		)
			return undefined;
		const options = evaluate(args[0], scope, thisScope);
		if (options?.kind !== 'object') return undefined;
		return restRequest(
			label,
			methodOption(options, 'GET', scope, thisScope),
			urlTemplate(propertyOf(options.node, 'url'), scope, thisScope),
			undefined,
			propertyOf(options.node, 'body'),
		);
	},
};
