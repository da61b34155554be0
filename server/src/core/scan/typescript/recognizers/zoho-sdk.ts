/**
 * The official Zoho CRM SDKs' operations classes (`new RecordOperations(…).getRecords(…)`), on an
 * instance the file makes, and on a parameter or an imported instance (decided when files are linked).
 */
import { SDK_METHOD_NAMES, sdkMethod } from '../../../catalog';
import { HOLE } from '../../zoho-url';
import { evaluate, type Scope, stringPart } from '../values';
import type { Recognizer } from './types';
import type ts from 'typescript';

export const zohoSdkRecognizer: Recognizer = {
	family: 'zoho-sdk',
	recognise({ callee, receiver, member, args, label, scope, thisScope }) {
		if (member === undefined || !receiver) return undefined;
		// An SDK method called on a parameter or on an instance another file exports: decided when linked.
		const later =
			receiver.kind === 'param' || (receiver.kind === 'user' && receiver.ref.kind === 'import' && receiver.ref.member === undefined && !receiver.ref.instance);
		if (later && SDK_METHOD_NAMES.has(member)) {
			const target = (callee as ts.PropertyAccessExpression).expression;
			const sdk = { receiver: stringPart(target, scope, thisScope), method: member, args: args.map((a) => stringPart(a, scope, thisScope)) };
			return { via: 'sdk', callee: label, method: '', path: '', deferred: { url: '', sdk } };
		}
		if (receiver.kind !== 'sdk-instance') return undefined;
		const entry = sdkMethod(receiver.sdk, receiver.className, member);
		if (!entry) return undefined;
		const module = moduleArgument(entry.constructorArgs, receiver.ctorArgs, scope) ?? moduleArgument(entry.methodArgs, args, scope);
		return {
			via: 'sdk',
			callee: label,
			method: entry.httpMethod,
			path: module ? entry.path.replace(/\{(?:moduleAPIName|module|moduleName|module_api_name)\}/i, module) : entry.path,
			sdk: { sdk: entry.sdk, class: entry.class, method: entry.method },
		};
	},
};

/** The module name an SDK call passes, when it is a literal (for pagination and the operation's path). */
function moduleArgument(names: readonly string[], args: readonly ts.Expression[], scope: Scope): string | undefined {
	const index = names.findIndex((n) => /^module(APIName|Name|_api_name)?$/i.test(n));
	if (index < 0 || !args[index]) return undefined;
	const value = evaluate(args[index], scope);
	return value?.kind === 'string' && !value.text.includes(HOLE) && /^\w+$/.test(value.text) ? value.text : undefined;
}
