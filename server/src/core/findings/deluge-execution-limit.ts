// Finding: deluge-execution-limit
//
// A Deluge function that executes more statements in one run than its product lets one function run,
// or whose calls of other functions nest deeper than the product allows: Zoho stops it part way, and
// whatever it had left undone stays undone. An error when the point estimate of statements passes the
// limit or the calls nest past it; a warning when only the high end of an assumed loop count passes,
// naming that loop, or when a function's calls lead back into it (each level of the recursion nests one more).
import { formatNumber } from '../../../../shared/format';
import { defineFinding, drivingLoopText, type Report } from './types';

export type MessageId = 'statements' | 'statementsAtHighEnd' | 'nested' | 'recursive';

export const delugeExecutionLimit = defineFinding<MessageId>({
	id: 'deluge-execution-limit',
	meta: {
		severity: 'error',
		description: 'A Deluge function that can execute more statements in one run, or nest more function calls, than its product allows.',
		messages: {
			statements:
				'{name} executes about {count} statements a run; {product} stops a function at {limit}, leaving the rest undone. Process the records in smaller batches (a scheduled function per page, or a bulk API).',
			statementsAtHighEnd:
				'{name} executes about {count} statements a run, but up to {high}{driver}; {product} stops a function at {limit}, leaving the rest undone. Bound the loop, or state its count with `// zoho-credits: iterations=N` if it never runs that far.',
			nested: "{name}'s calls of other functions nest {depth} deep; {product} stops a function whose calls nest past {limit}.",
			recursive:
				'{name} is called again through {through} before it returns: each level of that recursion nests one more call, and {product} stops a function whose calls nest past {limit}. Make sure it ends sooner, or loop instead.',
		},
	},
	*check({ executions = [], delugeLimits }) {
		if (!delugeLimits) return;
		for (const execution of executions) {
			const name = execution.name ?? 'This script';
			const { statements, driver, nesting } = execution;
			const docs = (source: string) => (source.startsWith('https://') ? { docs: source } : {});
			if (statements.high > delugeLimits.statements) {
				const atHighEnd = statements.perRun <= delugeLimits.statements;
				const loopText = drivingLoopText(driver);
				const report: Report<MessageId> = {
					messageId: atHighEnd ? 'statementsAtHighEnd' : 'statements',
					severity: atHighEnd ? 'warning' : 'error',
					data: {
						name,
						count: formatNumber(statements.perRun),
						high: formatNumber(statements.high),
						limit: formatNumber(delugeLimits.statements),
						product: delugeLimits.label,
						driver: loopText.phrase,
					},
					span: execution.span,
					related: loopText.related,
					...docs(delugeLimits.statementsSource),
				};
				yield report;
			}
			if (nesting?.recursive !== undefined) {
				yield {
					messageId: 'recursive',
					severity: 'warning',
					data: { name, through: nesting.recursive, limit: formatNumber(delugeLimits.nestedCalls), product: delugeLimits.label },
					span: execution.span,
					related: [],
					...docs(delugeLimits.nestedCallsSource),
				};
			} else if (nesting && nesting.depth > delugeLimits.nestedCalls) {
				yield {
					messageId: 'nested',
					data: { name, depth: formatNumber(nesting.depth), limit: formatNumber(delugeLimits.nestedCalls), product: delugeLimits.label },
					span: execution.span,
					related: [],
					...docs(delugeLimits.nestedCallsSource),
				};
			}
		}
	},
});
