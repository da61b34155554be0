/** got: `got(url, options)`, its verbs, and instances made by `got.extend({ prefixUrl })`. */
import { evaluate, urlTemplate } from '../values';
import { methodOption, optionNode, type Recognizer, restRequest } from './types';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

export const gotRecognizer: Recognizer = {
	family: 'got',
	recognise({ target, receiver, member, args, label, scope, thisScope }) {
		const [url, second] = args;
		const options = () => evaluate(second, scope, thisScope);
		if (member === undefined && target?.kind === 'http' && target.client === 'got') {
			const o = options();
			return restRequest(
				label,
				methodOption(o, 'GET', scope, thisScope),
				urlTemplate(url, scope, thisScope),
				target.base,
				optionNode(o, 'json') ?? optionNode(o, 'body'),
			);
		}
		if (member === undefined || receiver?.kind !== 'http' || receiver.client !== 'got' || !VERBS.has(member)) return undefined;
		const o = options();
		return restRequest(label, member.toUpperCase(), urlTemplate(url, scope, thisScope), receiver.base, optionNode(o, 'json') ?? optionNode(o, 'body'));
	},
};
