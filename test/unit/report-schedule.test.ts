import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { WorkspaceReport } from '../../shared/protocol';
import { WorkspaceReports } from '../../server/src/lsp/reports';
import type { Session } from '../../server/src/lsp/session';

/** A reports object whose totalling is counted instead of run. */
function counted(): { reports: WorkspaceReports; totals: () => number } {
	const reports = new WorkspaceReports({} as Session);
	let totals = 0;
	reports.current = () => {
		totals++;
		return Promise.resolve({} as WorkspaceReport);
	};
	return { reports, totals: () => totals };
}

void describe('when the workspace is totalled again', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	test('changes settle for 500 ms before the workspace is totalled again, each change starting the wait over', () => {
		const { reports, totals } = counted();
		reports.schedule();
		mock.timers.tick(400);
		reports.schedule();
		mock.timers.tick(499);
		assert.equal(totals(), 0);
		mock.timers.tick(1);
		assert.equal(totals(), 1);
	});

	test('the total after a complete index is made at once, and replaces a total still waiting for changes to settle', () => {
		const { reports, totals } = counted();
		reports.schedule();
		reports.schedule('at once');
		mock.timers.tick(0);
		assert.equal(totals(), 1);
		mock.timers.tick(1_000);
		assert.equal(totals(), 1);
	});
});
