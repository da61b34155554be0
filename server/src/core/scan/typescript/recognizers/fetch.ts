/** `fetch(url, init)`: the global, `node-fetch` and its kin, `undici.fetch`, `window.fetch`. */
import { evaluate, urlTemplate } from '../values';
import { callerBody, methodOption, optionNode, type Recognizer, restRequest, sendsZohoToken } from './types';

export const fetchRecognizer: Recognizer = {
	family: 'fetch',
	recognise({ target, args, label, scope, thisScope }) {
		if (target?.kind !== 'http' || target.client !== 'fetch') return undefined;
		const [url, second] = args;
		const init = evaluate(second, scope, thisScope);
		return callerBody(
			restRequest(
				label,
				methodOption(init, 'GET', scope, thisScope),
				urlTemplate(url, scope, thisScope),
				target.base,
				optionNode(init, 'body'),
				sendsZohoToken(init, scope, thisScope),
			),
			init,
			scope,
			thisScope,
		);
	},
};
