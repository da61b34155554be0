// Finding: write-in-loop
//
// A single-record create, update or upsert inside a loop: one call, and at least one credit, per record.
// Zoho's insert, update and upsert APIs take up to 100 records a call at 1 credit per 10, so the same
// records collected into bulk calls cost a tenth. Reported at the call, with the loops as related information.
import { formatCredits, formatNumber } from '../../../../shared/format';
import { isSingleRecordWrite } from './kinds';
import { defineFinding, loopDescription, loopsRelated } from './types';

export type MessageId = 'writeInLoop';

const BULK_DOCS = 'https://www.zoho.com/crm/developer/docs/api/v8/insert-records.html';

export const writeInLoop = defineFinding<MessageId>({
	id: 'write-in-loop',
	meta: {
		severity: 'warning',
		description: 'A single-record create, update or upsert inside a loop, where bulk calls cost a tenth.',
		messages: {
			writeInLoop:
				'{api} writes one record a call inside a loop: {credits} {loops} = {perRun} per run. Collected into bulk calls of up to 100 records (1 credit per 10 records), the same {records} records cost {bulk}, saving {saved}.',
		},
	},
	*check({ estimate }) {
		for (const call of estimate.calls) {
			if (call.loops.length === 0 || !isSingleRecordWrite(call)) continue;
			const records = call.multiplier;
			const bulk = Math.ceil(records / 10);
			yield {
				messageId: 'writeInLoop',
				data: {
					api: call.operation.api,
					credits: formatCredits(call.credits),
					loops: loopDescription(call),
					perRun: formatCredits(call.perRun),
					records: formatNumber(records),
					bulk: formatCredits(bulk),
					saved: formatCredits(call.perRun - bulk),
				},
				span: call.call.span,
				related: loopsRelated(call),
				docs: call.operation.docs || BULK_DOCS,
			};
		}
	},
});
