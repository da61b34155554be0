/** Node's `https.request` / `https.get` (URL or `{ hostname, path, method }`) and `undici.request(url, options)`. */
import { evaluate, propertyOf, urlTemplate } from '../values';
import { methodOption, optionNode, type Recognizer, restRequest } from './types';

export const nodeHttpsRecognizer: Recognizer = {
	family: 'node-https',
	recognise({ target, args, label, scope, thisScope }) {
		if (target?.kind !== 'http') return undefined;
		const [first, second] = args;
		if (target.client === 'undici-request') {
			const options = evaluate(second, scope, thisScope);
			return restRequest(label, methodOption(options, 'GET', scope, thisScope), urlTemplate(first, scope, thisScope), undefined, optionNode(options, 'body'));
		}
		if (target.client !== 'https-request' && target.client !== 'https-get') return undefined;
		const firstValue = evaluate(first, scope, thisScope);
		if (firstValue?.kind === 'object') {
			const host = urlTemplate(propertyOf(firstValue.node, 'hostname') ?? propertyOf(firstValue.node, 'host'), scope, thisScope);
			const path = urlTemplate(propertyOf(firstValue.node, 'path'), scope, thisScope);
			if (host === undefined || path === undefined) return undefined;
			return restRequest(label, methodOption(firstValue, 'GET', scope, thisScope), `https://${host}${path}`, undefined);
		}
		const options = evaluate(second, scope, thisScope);
		return restRequest(label, methodOption(options, 'GET', scope, thisScope), urlTemplate(first, scope, thisScope), undefined);
	},
};
