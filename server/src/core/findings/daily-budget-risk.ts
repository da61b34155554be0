// Finding: daily-budget-risk
//
// An entry point whose credits per day reach the warning share (a warning) or the error share (an
// error) of the daily allowance. Reported at the entry point; related information walks the path from
// it to its first costly request. Judged on the point estimate; an open range is named beside it.
import { formatCredits, formatNumber } from '../explain';
import { TOP_LEVEL } from '../estimate/entries';
import { chainRelated, defineFinding } from './types';

export type MessageId = 'risk';

export const dailyBudgetRisk = defineFinding<MessageId>({
	id: 'daily-budget-risk',
	meta: {
		severity: 'warning',
		description: 'An entry point whose credits a day reach the warning or error share of the daily allowance.',
		messages: {
			risk: '{name} spends {perDay} a day ({perRun} a run × {runs}){range}, {share} of the daily {daily} ({edition}, {users}); {level} at {threshold}.',
		},
	},
	*check({ entryPoints = [], budget, thresholds }) {
		if (!thresholds) return;
		for (const entry of entryPoints) {
			const reachesError = entry.shareOfDaily >= thresholds.error;
			if (!reachesError && entry.shareOfDaily < thresholds.warning) continue;
			const runs = `${formatNumber(entry.runsPerDay)} run${entry.runsPerDay === 1 ? '' : 's'} a day${entry.runsSource === 'default' ? ', assumed' : ` from ${entry.runsSource === 'annotation' ? 'the annotation' : entry.runsSource}`}`;
			yield {
				messageId: 'risk',
				severity: reachesError ? 'error' : 'warning',
				data: {
					name: entry.name === TOP_LEVEL ? 'This file' : entry.name,
					perDay: formatCredits(entry.perDay),
					perRun: formatCredits(entry.perRun),
					runs,
					range: entry.perDayLow === entry.perDayHigh ? '' : ` (the point estimate; ${formatNumber(entry.perDayLow)}–${formatNumber(entry.perDayHigh)} a day where prices depend on data the code does not show)`,
					share: `${formatNumber(Math.round(entry.shareOfDaily * 1000) / 10)}%`,
					daily: formatNumber(budget.dailyCredits),
					edition: budget.editionLabel,
					users: `${formatNumber(budget.users)} user${budget.users === 1 ? '' : 's'}`,
					level: reachesError ? 'the error share is' : 'the warning share is',
					threshold: `${formatNumber((reachesError ? thresholds.error : thresholds.warning) * 100)}%`,
				},
				span: entry.span,
				related: chainRelated(entry),
			};
		}
	},
});
