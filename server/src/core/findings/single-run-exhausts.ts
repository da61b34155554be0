// Finding: single-run-exhausts
//
// One run of an entry point alone costs more credits than the organisation has in a day: the first
// run stops every integration until the window rolls on.
import { formatCredits, formatNumber } from '../explain';
import { TOP_LEVEL } from '../estimate/entries';
import { chainRelated, defineFinding } from './types';

export type MessageId = 'exhausts';

export const singleRunExhausts = defineFinding<MessageId>({
	id: 'single-run-exhausts',
	meta: {
		severity: 'error',
		description: 'One run of an entry point costs more than the whole daily allowance.',
		messages: {
			exhausts: 'One run of {name} costs {perRun}, more than the {daily} credits the organisation has in a day ({edition}, {users}).',
		},
	},
	*check({ entryPoints = [], budget }) {
		for (const entry of entryPoints) {
			if (entry.perRun <= budget.dailyCredits) continue;
			yield {
				messageId: 'exhausts',
				data: { name: entry.name === TOP_LEVEL ? 'this file' : entry.name, perRun: formatCredits(entry.perRun), daily: formatNumber(budget.dailyCredits), edition: budget.editionLabel, users: `${formatNumber(budget.users)} user${budget.users === 1 ? '' : 's'}` },
				span: entry.span,
				related: chainRelated(entry),
			};
		}
	},
});
