// Finding: call-in-loop
//
// A Zoho CRM call inside a loop runs once per iteration, so its credits multiply.
// Reported at the call, with each surrounding loop as related information. Single-record writes and
// heavy calls have findings of their own (write-in-loop, heavy-call-in-loop) and are left to them; a
// write sending 10 records or more a call is already batched and is not reported.
import { formatCredits } from '../../../../shared/format';
import { isBatchedWrite, isHeavy, isSingleRecordWrite } from './kinds';
import { defineFinding, loopDescription, loopsRelated } from './types';

export type MessageId = 'callInLoop';

export const callInLoop = defineFinding<MessageId>({
	id: 'call-in-loop',
	meta: {
		severity: 'warning',
		description: 'A Zoho CRM call inside a loop: its credits are paid once per iteration.',
		messages: {
			callInLoop: '{api} runs inside a loop: {credits} {loops} = {perRun} per run.',
		},
	},
	*check({ estimate }) {
		for (const call of estimate.calls) {
			// A write that sends full batches is the pattern Zoho asks for: its loop is the batching, not a waste.
			if (call.loops.length === 0 || isSingleRecordWrite(call) || isHeavy(call) || isBatchedWrite(call)) continue;
			yield {
				messageId: 'callInLoop',
				data: {
					api: call.operation.api,
					credits: `${formatCredits(call.credits)}${call.price.assumption ? ' (assumed)' : ''}`,
					loops: loopDescription(call),
					perRun: formatCredits(call.perRun),
				},
				span: call.call.span,
				related: loopsRelated(call),
				docs: call.operation.docs,
			};
		}
	},
});
