/**
 * axios: called as a function (`axios(url, config)`, `axios(config)`), its verbs (`get`, `post`, …,
 * `request(config)`), on the default export or an instance made by `axios.create({ baseURL })`.
 */
import { evaluate, propertyOf, urlTemplate } from '../values';
import { importedMarker, parameterMarker } from '../../zoho-url';
import { callerBody, methodOption, optionNode, type Recognizer, restRequest, sendsZohoToken } from './types';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

export const axiosRecognizer: Recognizer = {
	family: 'axios',
	recognise({ target, receiver, member, args, label, scope, thisScope }) {
		const [first, second, third] = args;
		// The client called as a function: `axios(config)`, `this.http.axiosRef(config)`.
		if (target?.kind === 'http' && target.client === 'axios') {
			const firstValue = evaluate(first, scope, thisScope);
			// axios(config): the config is the call's own, or the caller's (`axios(options)` in a wrapper).
			if (firstValue?.kind === 'object') {
				const url = urlTemplate(propertyOf(firstValue.node, 'url'), scope, thisScope);
				const request = restRequest(
					label,
					methodOption(firstValue, 'GET', scope, thisScope),
					url,
					target.base,
					optionNode(firstValue, 'data'),
					sendsZohoToken(firstValue, scope, thisScope),
				);
				return callerBody(request, firstValue, scope, thisScope);
			}
			if (firstValue?.kind === 'param' && firstValue.member === undefined && args.length === 1) {
				return callerBody(
					restRequest(label, methodOption(firstValue, 'GET', scope, thisScope), parameterMarker(firstValue.fn, firstValue.index, 'url'), target.base),
					firstValue,
					scope,
					thisScope,
				);
			}
			const config = evaluate(second, scope, thisScope);
			return restRequest(label, methodOption(config, 'GET', scope, thisScope), urlTemplate(first, scope, thisScope), target.base, optionNode(config, 'data'));
		}
		if (member === undefined || !VERBS.has(member)) return undefined;
		// An instance another file exports (`module.exports = axios.create({ baseURL })`): decided once the files are linked.
		const imported = receiver?.kind === 'user' && receiver.ref.kind === 'import' && !receiver.ref.instance ? receiver.ref : undefined;
		if (!imported && (receiver?.kind !== 'http' || receiver.client !== 'axios')) return undefined;
		const base = imported
			? importedMarker(imported.member === undefined ? imported.local : `${imported.local}.${imported.member}`)
			: (receiver as { base?: string }).base;
		const request = (() => {
			if (member === 'request') {
				const config = evaluate(first, scope, thisScope);
				return restRequest(
					label,
					methodOption(config, 'GET', scope, thisScope),
					urlTemplate(optionNode(config, 'url'), scope, thisScope),
					base,
					optionNode(config, 'data'),
				);
			}
			const hasBody = member === 'post' || member === 'put' || member === 'patch';
			const config = evaluate(hasBody ? third : second, scope, thisScope);
			const body = hasBody ? second : optionNode(config, 'data');
			return restRequest(label, member.toUpperCase(), urlTemplate(first, scope, thisScope), base, body, sendsZohoToken(config, scope, thisScope));
		})();
		if (!imported) return request;
		return request?.deferred ? { ...request, deferred: { ...request.deferred, client: 'axios' } } : undefined;
	},
};
