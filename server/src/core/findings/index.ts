import { callInLoop } from './call-in-loop';
import type { CheckContext, Finding, FindingRule } from './types';

export type { Finding, RelatedLocation, Severity } from './types';

/** Every check, alphabetically by id. */
export const FINDING_RULES: readonly FindingRule[] = [callInLoop];

export function runFindings(context: CheckContext): Finding[] {
	return FINDING_RULES.flatMap((rule) => rule.run(context));
}
