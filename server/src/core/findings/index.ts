import { callInLoop } from './call-in-loop';
import { concurrencyFanOut } from './concurrency-fan-out';
import { dailyBudgetRisk } from './daily-budget-risk';
import { delugeExecutionLimit } from './deluge-execution-limit';
import { heavyCallInLoop } from './heavy-call-in-loop';
import { singleRunExhausts } from './single-run-exhausts';
import type { CheckContext, Finding, FindingRule } from './types';
import { unboundedLoop } from './unbounded-loop';
import { writeInLoop } from './write-in-loop';

export type { Finding, RelatedLocation, Severity } from './types';

/** Every check, alphabetically by id. */
export const FINDING_RULES: readonly FindingRule[] = [
	callInLoop,
	concurrencyFanOut,
	dailyBudgetRisk,
	delugeExecutionLimit,
	heavyCallInLoop,
	singleRunExhausts,
	unboundedLoop,
	writeInLoop,
];

export function runFindings(context: CheckContext): Finding[] {
	return FINDING_RULES.flatMap((rule) => rule.run(context));
}
