// Finding: deluge-execution-limit
//
// A Deluge function that executes more statements in one run, or calls other functions more often,
// than the product lets one function run: Zoho stops it part way, and whatever it had left undone stays
// undone. An error when the point estimate passes the limit; a warning when only the high end of an
// assumed loop count does, naming that loop.
import { formatNumber } from '../explain';
import type { Ranged } from '../estimate/statements';
import { defineFinding, type Report } from './types';

export type MessageId = 'statements' | 'statementsAtHighEnd' | 'functionCalls' | 'functionCallsAtHighEnd';

export const delugeExecutionLimit = defineFinding<MessageId>({
	id: 'deluge-execution-limit',
	meta: {
		severity: 'error',
		description: 'A Deluge function that can execute more statements or function calls in one run than its product allows.',
		messages: {
			statements: '{name} executes about {count} statements a run; {product} stops a function at {limit}, leaving the rest undone. Process the records in smaller batches (a scheduled function per page, or a bulk API).',
			statementsAtHighEnd:
				'{name} executes about {count} statements a run, but up to {high}{driver}; {product} stops a function at {limit}, leaving the rest undone. Bound the loop, or state its count with `// zoho-credits: iterations=N` if it never runs that far.',
			functionCalls: '{name} calls other functions about {count} times a run; {product} allows {limit} function calls within one function. Call the function once with all the records, or split the work.',
			functionCallsAtHighEnd:
				'{name} calls other functions about {count} times a run, but up to {high}{driver}; {product} allows {limit} function calls within one function. Bound the loop, or state its count with `// zoho-credits: iterations=N`.',
		},
	},
	*check({ executions = [], delugeLimits }) {
		if (!delugeLimits) return;
		for (const execution of executions) {
			const name = execution.name ?? 'This script';
			const driver = execution.driver;
			const figures: [Ranged, number, 'statements' | 'functionCalls', string][] = [
				[execution.statements, delugeLimits.statements, 'statements', delugeLimits.statementsSource],
				[execution.functionCalls, delugeLimits.functionCalls, 'functionCalls', delugeLimits.functionCallsSource],
			];
			for (const [figure, limit, kind, source] of figures) {
				if (figure.high <= limit) continue;
				const atHighEnd = figure.perRun <= limit;
				const report: Report<MessageId> = {
					messageId: atHighEnd ? `${kind}AtHighEnd` : kind,
					severity: atHighEnd ? 'warning' : 'error',
					data: {
						name,
						count: formatNumber(figure.perRun),
						high: formatNumber(figure.high),
						limit: formatNumber(limit),
						product: delugeLimits.label,
						driver: driver ? ` when a loop counted ${formatNumber(driver.iterations)} times runs ${formatNumber(driver.high)} times` : '',
					},
					span: execution.span,
					related: driver ? [{ span: driver.loop.header, message: `this loop can run ${formatNumber(driver.high)} times (counted ${formatNumber(driver.iterations)})` }] : [],
					...(source.startsWith('https://') ? { docs: source } : {}),
				};
				yield report;
			}
		}
	},
});
