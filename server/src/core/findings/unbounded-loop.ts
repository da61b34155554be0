// Finding: unbounded-loop
//
// A loop around Zoho CRM calls whose iteration count is only the assumed default: a pagination loop
// with no module size configured, a while loop, or a loop over a list the code does not bound.
// Reported at the loop header, with the calls it multiplies as related information.
import { formatCredits, formatNumber } from '../../../../shared/format';
import { callsInLoop } from '../estimate';
import { defineFinding } from './types';

export type MessageId = 'pagination' | 'loop';

export const unboundedLoop = defineFinding<MessageId>({
	id: 'unbounded-loop',
	meta: {
		severity: 'warning',
		description: 'A loop around Zoho CRM calls whose number of iterations is only assumed.',
		messages: {
			pagination:
				'This loop pages through {module} with no bound the code states: {iterations} iterations are assumed. Set moduleSizes.{module} in zoho-credits.json, or write "// zoho-credits: iterations=N" above the loop.',
			loop: 'This {kind} loop around Zoho CRM calls has no bound the code states: {iterations} iterations are assumed. Write "// zoho-credits: iterations=N" above it.',
		},
	},
	*check({ facts, estimate }) {
		for (let index = 0; index < facts.loops.length; index++) {
			const loop = facts.loops[index];
			// Only loops whose length nothing states, and only the kinds that are unbounded by nature.
			const unbounded = loop.pagination !== undefined || loop.kind === 'while' || loop.kind === 'do-while';
			if (!unbounded || loop.iterations !== undefined) continue;
			const { inside, use } = callsInLoop(estimate, index);
			if (!use || use.source !== 'default') continue;
			const perRun = inside.reduce((sum, c) => sum + c.perRun, 0);
			yield {
				messageId: loop.pagination?.module ? 'pagination' : 'loop',
				data: {
					module: loop.pagination?.module ?? '',
					iterations: formatNumber(use.iterations),
					kind: loop.kind === 'do-while' ? 'do…while' : loop.kind === 'while' ? 'while' : 'pagination',
				},
				span: loop.header,
				related: inside.map((c) => ({
					span: c.call.span,
					message: `${c.operation.api}: ${formatCredits(c.perRun)} per run at the assumed count (of ${formatCredits(perRun)} in this loop).`,
				})),
			};
		}
	},
});
