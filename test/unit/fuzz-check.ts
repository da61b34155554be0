import assert from 'node:assert/strict';
import type { FileAnalysis } from '../../server/src/core/analysis';

/** What every analysis must satisfy, whatever the input: spans inside the text, finite non-negative numbers. */
export function assertSane(analysis: FileAnalysis, text: string): void {
	for (const call of analysis.estimate.calls) {
		const { start, end } = call.call.span;
		assert.ok(start >= 0 && start <= end && end <= text.length, `call span ${start}-${end} outside a text of ${text.length}`);
		for (const n of [call.credits, call.multiplier, call.perRun]) assert.ok(Number.isFinite(n) && n >= 0, `a call's number is ${n}`);
		// A loop the code shows to run no time (`for each x in {}`) makes its calls cost nothing.
		assert.ok(call.multiplier >= 0, `multiplier ${call.multiplier}`);
	}
	for (const entry of analysis.entryPoints) assert.ok(Number.isFinite(entry.perDay) && entry.perDay >= 0, `perDay ${entry.perDay}`);
	for (const finding of analysis.findings) assert.ok(finding.span.start >= 0 && finding.span.end <= text.length, `finding ${finding.id} outside the text`);
}
