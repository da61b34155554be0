import type { Budget } from '../budget';
import type { DelugeLimits } from '../catalog/deluge-limits';
import type { FunctionExecution } from '../estimate/statements';
import type { CallEstimate, FileEstimate, LoopUse } from '../estimate';
import { formatNumber } from '../../../../shared/format';
import type { EntryPoint } from '../estimate/entries';
import type { FileFacts, Span } from '../facts';
import { loopReasonText } from '../explain';
import type { Severity } from '../../../../shared/report';

export type { Severity } from '../../../../shared/report';

export interface RelatedLocation {
	readonly span: Span;
	readonly message: string;
	/** The file the location is in, when it is another one (a graph path). */
	readonly path?: string;
}

export interface Finding {
	readonly id: string;
	readonly severity: Severity;
	readonly span: Span;
	readonly message: string;
	readonly related: readonly RelatedLocation[];
	/** Where the user reads about the problem and its fix. */
	readonly docs?: string;
}

/** Everything a check may look at for one file. */
export interface CheckContext {
	readonly facts: FileFacts;
	readonly estimate: FileEstimate;
	readonly budget: Budget;
	/** The file's entry points (empty without a workspace). */
	readonly entryPoints?: readonly EntryPoint[];
	/** Shares of the daily allowance at which a path is a warning or an error. */
	readonly thresholds?: { readonly warning: number; readonly error: number };
	/** Deluge only: what each function executes in one run, and the limits of the product it runs in. */
	readonly executions?: readonly FunctionExecution[];
	readonly delugeLimits?: DelugeLimits;
}

export interface Report<MessageId extends string> {
	readonly messageId: MessageId;
	/** A severity other than the check's own, for checks with levels. */
	readonly severity?: Severity;
	readonly data: Record<string, string | number>;
	readonly span: Span;
	readonly related?: readonly RelatedLocation[];
	readonly docs?: string;
}

export interface FindingDefinition<MessageId extends string> {
	readonly id: string;
	readonly meta: {
		readonly severity: Severity;
		/** What the check finds, in one sentence (the SARIF rule's short description). */
		readonly description: string;
		/** Message templates; `{name}` is replaced by `data.name`. */
		readonly messages: Record<MessageId, string>;
	};
	check(context: CheckContext): Iterable<Report<MessageId>>;
}

export interface FindingRule {
	readonly id: string;
	readonly severity: Severity;
	readonly description: string;
	run(context: CheckContext): Finding[];
}

export function formatMessage(template: string, data: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Turns a finding definition into a rule that produces finished findings. */
export function defineFinding<MessageId extends string>(definition: FindingDefinition<MessageId>): FindingRule {
	return {
		id: definition.id,
		severity: definition.meta.severity,
		description: definition.meta.description,
		run(context) {
			const findings: Finding[] = [];
			for (const report of definition.check(context)) {
				findings.push({
					id: definition.id,
					severity: report.severity ?? definition.meta.severity,
					span: report.span,
					message: formatMessage(definition.meta.messages[report.messageId], report.data),
					related: report.related ?? [],
					docs: report.docs,
				});
			}
			return findings;
		},
	};
}

/** The loop factors of a call, outermost first: "×3 ×10 (assumed)". */
export function loopDescription(call: CallEstimate): string {
	return call.loops.map((use) => `×${formatNumber(use.iterations)}${use.source === 'default' ? ' (assumed)' : ''}`).join(' ');
}

/** Each loop around a call, as related information: how often it runs and why. */
export function loopsRelated(call: CallEstimate): RelatedLocation[] {
	return call.loops.map((use) => ({
		span: use.loop.header,
		message: `This loop runs ${formatNumber(use.iterations)} time${use.iterations === 1 ? '' : 's'}: ${loopReasonText(use.reason)}.`,
	}));
}

/** The path from an entry point to its first costly request, as related information. */
/** The loop that drives a high end, in a message (" when a loop counted 10 times runs 200 times") and as its related place. */
export function drivingLoopText(driver: LoopUse | undefined): { phrase: string; related: RelatedLocation[] } {
	if (!driver) return { phrase: '', related: [] };
	return {
		phrase: ` when a loop counted ${formatNumber(driver.iterations)} times runs ${formatNumber(driver.high)} times`,
		related: [{ span: driver.loop.header, message: `this loop can run ${formatNumber(driver.high)} times (counted ${formatNumber(driver.iterations)})` }],
	};
}

export function chainRelated(entry: EntryPoint): RelatedLocation[] {
	return entry.chain.map((step) => ({ path: step.path, span: step.span, message: `then ${step.what}` }));
}
