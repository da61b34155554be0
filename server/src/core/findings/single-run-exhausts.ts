// Finding: single-run-exhausts
//
// One run of an entry point alone costs more credits than the organisation has in a day: the first
// run stops every integration until the window rolls on. Judged at the high end of the run's range:
// a run that can exhaust the day is the risk, even when the point estimate stays below it.
import { formatCredits, formatCreditsRange, formatNumber } from '../../../../shared/format';
import { TOP_LEVEL } from '../estimate/entries';
import { chainRelated, defineFinding } from './types';

export type MessageId = 'exhausts' | 'exhaustsAtHighEnd';

export const singleRunExhausts = defineFinding<MessageId>({
	id: 'single-run-exhausts',
	meta: {
		severity: 'error',
		description: 'One run of an entry point costs more than the whole daily allowance.',
		messages: {
			exhausts: 'One run of {name} costs {perRun}, more than the {daily} credits the organisation has in a day ({edition}, {users}).',
			exhaustsAtHighEnd:
				'One run of {name} can cost up to {high} (the high end of {perRun}), more than the {daily} credits the organisation has in a day ({edition}, {users}).',
		},
	},
	*check({ entryPoints = [], budget }) {
		for (const entry of entryPoints) {
			if (entry.high <= budget.dailyCredits) continue;
			const ranged = entry.low !== entry.high;
			yield {
				messageId: ranged ? 'exhaustsAtHighEnd' : 'exhausts',
				data: {
					name: entry.name === TOP_LEVEL ? 'this file' : entry.name,
					perRun: formatCreditsRange(entry.perRun, entry.low, entry.high),
					high: formatCredits(entry.high),
					daily: formatNumber(budget.dailyCredits),
					edition: budget.editionLabel,
					users: `${formatNumber(budget.users)} user${budget.users === 1 ? '' : 's'}`,
				},
				span: entry.span,
				related: chainRelated(entry),
			};
		}
	},
});
