// Finding: daily-budget-risk
//
// An entry point whose credits per day reach the warning share (a warning) or the error share (an
// error) of the daily allowance. Reported at the entry point; related information walks the path from
// it to its first costly request. Judged on the point estimate; an open range is named beside it, and
// a point below the warning share whose high end crosses the error share is a warning of its own,
// pointing at the loop that can run furthest past its assumed count.
import { formatCredits, formatNumber } from '../../../../shared/format';
import { TOP_LEVEL } from '../estimate/entries';
import { drivingLoop } from '../estimate/driving-loop';
import { chainRelated, defineFinding, drivingLoopText, type Report } from './types';

export type MessageId = 'risk' | 'highEnd';

export const dailyBudgetRisk = defineFinding<MessageId>({
	id: 'daily-budget-risk',
	meta: {
		severity: 'warning',
		description: 'An entry point whose credits a day reach the warning or error share of the daily allowance.',
		messages: {
			risk: '{name} spends {perDay} a day ({perRun} a run × {runs}){range}, {share} of the daily {daily} ({edition}, {users}); {level} at {threshold}.',
			highEnd:
				'{name} spends {perDay} a day at the point estimate ({perRun} a run × {runs}), but can reach {high} a day, {highShare} of the daily {daily} ({edition}, {users}){driver}; the error share is {threshold}.',
		},
	},
	*check({ entryPoints = [], budget, thresholds }) {
		if (!thresholds) return;
		for (const entry of entryPoints) {
			const reachesError = entry.shareOfDaily >= thresholds.error;
			const highShare = budget.dailyCredits > 0 ? entry.perDayHigh / budget.dailyCredits : 0;
			// What both messages say of the entry point and the budget.
			const common = {
				name: entry.name === TOP_LEVEL ? 'This file' : entry.name,
				perDay: formatCredits(entry.perDay),
				perRun: formatCredits(entry.perRun),
				runs: `${formatNumber(entry.runsPerDay)} run${entry.runsPerDay === 1 ? '' : 's'} a day${entry.runsSource === 'default' ? ', assumed' : ` from ${entry.runsSource === 'annotation' ? 'the annotation' : entry.runsSource}`}`,
				daily: formatNumber(budget.dailyCredits),
				edition: budget.editionLabel,
				users: `${formatNumber(budget.users)} user${budget.users === 1 ? '' : 's'}`,
			};
			if (!reachesError && highShare >= thresholds.error) {
				const driver = drivingLoopText(drivingLoop(entry.parts.flatMap((part) => part.call.loops)));
				const report: Report<MessageId> = {
					messageId: 'highEnd',
					severity: 'warning',
					data: {
						...common,
						high: formatCredits(entry.perDayHigh),
						highShare: `${formatNumber(Math.round(highShare * 1000) / 10)}%`,
						driver: driver.phrase,
						threshold: `${formatNumber(thresholds.error * 100)}%`,
					},
					span: entry.span,
					related: [...driver.related, ...chainRelated(entry)],
				};
				yield report;
				continue;
			}
			if (!reachesError && entry.shareOfDaily < thresholds.warning) continue;
			yield {
				messageId: 'risk',
				severity: reachesError ? 'error' : 'warning',
				data: {
					...common,
					range:
						entry.perDayLow === entry.perDayHigh
							? ''
							: ` (the point estimate; ${formatNumber(entry.perDayLow)}–${formatNumber(entry.perDayHigh)} a day where prices or loop counts depend on data the code does not show)`,
					share: `${formatNumber(Math.round(entry.shareOfDaily * 1000) / 10)}%`,
					level: reachesError ? 'the error share is' : 'the warning share is',
					threshold: `${formatNumber((reachesError ? thresholds.error : thresholds.warning) * 100)}%`,
				},
				span: entry.span,
				related: chainRelated(entry),
			};
		}
	},
});
