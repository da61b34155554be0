// Finding: heavy-call-in-loop
//
// A request that costs 5 credits or more a call (Convert Lead, Send Mail, merge, bulk jobs, custom
// modules) or a COQL query reading past 200 rows, inside a loop: the loop multiplies the heavy price.
// A call of a function that makes such a request counts as well, however many functions lie between.
import { formatCredits } from '../../../../shared/format';
import { heavyReached } from './kinds';
import { defineFinding, loopDescription, loopsRelated } from './types';

export type MessageId = 'heavyInLoop';

export const heavyCallInLoop = defineFinding<MessageId>({
	id: 'heavy-call-in-loop',
	meta: {
		severity: 'warning',
		description: 'A call costing 5 credits or more (or a COQL query past 200 rows) inside a loop.',
		messages: {
			heavyInLoop:
				'{api} costs {credits} a call and runs inside a loop: {loops} = {perRun} per run. Move it out of the loop where the work allows, or check that every iteration needs it.',
		},
	},
	*check({ estimate }) {
		for (const call of estimate.calls) {
			const heavy = call.loops.length === 0 ? undefined : heavyReached(call);
			if (!heavy) continue;
			// Through a function: named with the operation it reaches (`convertAll() (Convert Lead)`).
			const api = call.call.via === 'wrapper' ? `${call.operation.api} (${heavy.operation.api})` : call.operation.api;
			yield {
				messageId: 'heavyInLoop',
				data: { api, credits: formatCredits(call.credits), loops: loopDescription(call), perRun: formatCredits(call.perRun) },
				span: call.call.span,
				related: loopsRelated(call),
				docs: call.operation.docs,
			};
		}
	},
});
