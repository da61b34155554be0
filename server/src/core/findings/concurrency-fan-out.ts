// Finding: concurrency-fan-out
//
// `Promise.all` over more Zoho CRM calls than the edition lets one user run at once. Zoho answers the
// extra ones with 429 TOO_MANY_REQUESTS. Complex APIs (Convert Lead, search, COQL, big writes, send
// mail, composite) share a lower sub-concurrency limit. Reported at the loop that fans out, judged at
// the high end of its count.
import { CONCURRENCY_SOURCES } from '../budget';
import { formatNumber } from '../../../../shared/format';
import { callsInLoop } from '../estimate';
import { defineFinding } from './types';

export type MessageId = 'fanOut' | 'fanOutComplex' | 'fanOutAtHighEnd';

export const concurrencyFanOut = defineFinding<MessageId>({
	id: 'concurrency-fan-out',
	meta: {
		severity: 'warning',
		description: "More Zoho CRM calls started at once than the edition's concurrency limit allows.",
		messages: {
			fanOut:
				'This starts {count} Zoho CRM calls at once; {edition} allows {limit} in flight per user, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most {limit}.',
			fanOutComplex:
				'This starts {count} {api} calls at once; complex APIs allow {limit} in flight per user in every edition, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most {limit}.',
			fanOutAtHighEnd:
				'This can start up to {count} {api} calls at once ({counted} at the assumed count; the code does not bound the list); {limitText}, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most {limit}.',
		},
	},
	*check({ facts, estimate, budget }) {
		for (let index = 0; index < facts.loops.length; index++) {
			const loop = facts.loops[index];
			if (!loop.parallel) continue;
			const { inside, use } = callsInLoop(estimate, index);
			if (!use) continue;
			const complex = inside.find((c) => c.operation.subConcurrency !== undefined);
			const limit = complex ? budget.subConcurrency : budget.concurrency;
			// Each iteration starts the calls inside it: more than the limit at once fail. Judged at the high
			// end of the loop's count: a fan-out that can exceed the limit is the risk.
			const count = use.high * inside.length;
			if (count <= limit) continue;
			const atHighEnd = use.high > use.iterations;
			const limitText = complex
				? `complex APIs allow ${formatNumber(limit)} in flight per user in every edition`
				: `${budget.editionLabel} allows ${formatNumber(limit)} in flight per user`;
			yield {
				messageId: atHighEnd ? 'fanOutAtHighEnd' : complex ? 'fanOutComplex' : 'fanOut',
				data: {
					count: formatNumber(count),
					counted: formatNumber(use.iterations * inside.length),
					limit: formatNumber(limit),
					limitText,
					edition: budget.editionLabel,
					api: complex?.operation.api ?? 'Zoho CRM',
				},
				span: loop.header,
				related: inside.map((c) => ({ span: c.call.span, message: `${c.operation.api} runs once per element.` })),
				docs: CONCURRENCY_SOURCES[CONCURRENCY_SOURCES.length - 1],
			};
		}
	},
});
