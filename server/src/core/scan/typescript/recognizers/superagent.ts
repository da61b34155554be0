/** superagent: `superagent.post(url).set(…).send(body)`. */
import ts from 'typescript';
import { urlTemplate } from '../values';
import { VERBS } from './request';
import { type Recognizer, restRequest } from './types';
import { isCallExpression, isPropertyAccessExpression } from '../syntax';

export const superagentRecognizer: Recognizer = {
	family: 'superagent',
	recognise({ call, receiver, member, args, label, scope, thisScope }) {
		if (member === undefined || receiver?.kind !== 'http' || receiver.client !== 'superagent' || !(member in VERBS)) return undefined;
		return restRequest(label, VERBS[member], urlTemplate(args[0], scope, thisScope), undefined, sentBody(call));
	},
};

/** The body of a superagent chain: the argument of its `.send(…)`. */
function sentBody(call: ts.CallExpression): ts.Expression | undefined {
	let node: ts.Node = call;
	while (isPropertyAccessExpression(node.parent) && isCallExpression(node.parent.parent)) {
		const outer = node.parent.parent;
		if (node.parent.name.text === 'send') return outer.arguments[0];
		node = outer;
	}
	return undefined;
}
