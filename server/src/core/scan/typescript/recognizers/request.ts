/**
 * request and request-promise: `request(options, callback)`, `rp({ uri, method, json })`,
 * `request(url, options)`, `request.post(url | options)`, and a wrapper's `request(options)` where the
 * options are the caller's.
 */
import { evaluate, propertyOf, urlTemplate } from '../values';
import { parameterMarker } from '../../zoho-url';
import { callerBody, methodOption, optionNode, type Recognizer, restRequest } from './types';

export const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', delete: 'DELETE', head: 'HEAD' };

export const requestRecognizer: Recognizer = {
	family: 'request',
	recognise({ target, receiver, member, args, label, scope, thisScope }) {
		const [first, second] = args;
		const firstValue = () => evaluate(first, scope, thisScope);
		if (member === undefined && target?.kind === 'http' && target.client === 'request') {
			const value = firstValue();
			if (value?.kind === 'object') {
				const url = urlTemplate(propertyOf(value.node, 'uri') ?? propertyOf(value.node, 'url'), scope, thisScope);
				return restRequest(label, methodOption(value, 'GET', scope, thisScope), url, undefined, optionNode(value, 'json') ?? optionNode(value, 'body'));
			}
			if (value?.kind === 'param' && value.member === undefined) {
				const options = evaluate(second, scope, thisScope);
				// request(url, options) with the URL from the caller, or request(options, callback) with the caller's options.
				if (options?.kind === 'object')
					return restRequest(label, methodOption(options, 'GET', scope, thisScope), parameterMarker(value.fn, value.index), undefined);
				return callerBody(
					restRequest(label, methodOption(value, 'GET', scope, thisScope), parameterMarker(value.fn, value.index, 'url'), undefined),
					value,
					scope,
					thisScope,
				);
			}
			const options = evaluate(second, scope, thisScope);
			return restRequest(
				label,
				methodOption(options, 'GET', scope, thisScope),
				urlTemplate(first, scope, thisScope),
				undefined,
				optionNode(options, 'json') ?? optionNode(options, 'body'),
			);
		}
		if (member === undefined || receiver?.kind !== 'http' || receiver.client !== 'request' || !(member in VERBS)) return undefined;
		const value = firstValue();
		const options = value?.kind === 'object' ? value : evaluate(second, scope, thisScope);
		const url =
			value?.kind === 'object' ? urlTemplate(optionNode(value, 'uri') ?? optionNode(value, 'url'), scope, thisScope) : urlTemplate(first, scope, thisScope);
		return restRequest(label, VERBS[member], url, undefined, optionNode(options, 'json') ?? optionNode(options, 'body'));
	},
};
