/**
 * The workspace report of a session (`zohoCreditLens/workspaceReport`): made once changes settle, at
 * most once per index generation and settings generation, from the core's incremental report, yielding
 * to the event loop every 15 ms of work so typing and requests are answered meanwhile.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { budgetOf } from '../core/analysis';
import { assumptionsInForce } from '../core/assumptions';
import { budgetAssumed } from '../core/config';
import { compareObserved } from '../core/observed';
import { IncrementalReport, type ReportSource } from '../core/workspace-report';
import { formatNumber } from '../../../shared/format';
import type { WorkspaceReport, WorkspaceUsage } from '../../../shared/protocol';
import { relativePosix } from '../workspace/discover';
import { fsPathOfGraph } from '../workspace/index';
import type { Session } from './session';

/** Changes settle this long before the workspace is totalled again. */
const REPORT_DELAY_MS = 500;
/** Work between two yields to the event loop, so an answer waits at most about this long. */
const YIELD_AFTER_MS = 8;

export class WorkspaceReports {
	/** The workspace's estimated use of the allowance, for the status bar; absent until totalled once. */
	usage: WorkspaceUsage | undefined;
	private readonly incremental = new IncrementalReport();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private revision = 0;
	private lastDigest = '';
	private last: { key: string; result: WorkspaceReport } | undefined;
	private running: { key: string; promise: Promise<WorkspaceReport> } | undefined;

	constructor(private readonly session: Session) {}

	/** What the report depends on: the index, the settings, whether indexing is under way. */
	private key(): string {
		return `${this.session.index.generation}/${this.session.settingsGeneration}/${this.session.indexing ? 'indexing' : 'ready'}`;
	}

	/**
	 * Totals the workspace again once changes settle, for the status bar and any open panel. Once the
	 * index is complete nothing is left to settle: `at once` totals it without the wait.
	 */
	schedule(when: 'settled' | 'at once' = 'settled'): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(
			() => {
				this.current().catch((error: unknown) => this.session.connection.console.error(`Totalling the workspace failed: ${String(error)}`));
			},
			when === 'at once' ? 0 : REPORT_DELAY_MS,
		);
	}

	/** The report for the current index and settings: made at most once for each. */
	current(): Promise<WorkspaceReport> {
		const key = this.key();
		if (this.last?.key === key) return Promise.resolve(this.last.result);
		if (this.running?.key === key) return this.running.promise;
		const promise = this.make(key).finally(() => {
			if (this.running?.promise === promise) this.running = undefined;
		});
		this.running = { key, promise };
		return promise;
	}

	/** Every indexed file of the workspace folders, against its folder's settings. */
	private async sources(): Promise<{ sources: ReportSource[]; uris: Record<string, string> }> {
		const { session } = this;
		const folders = session.teamConfigs.allFolders;
		const inFolder = new Map<string, Omit<ReportSource, 'path' | 'reportPath' | 'facts' | 'text'>>();
		for (const folder of folders) {
			const settings = await session.settingsFor(pathToFileURL(folder).toString());
			inFolder.set(folder, { settings: settings.effective, costs: session.costsFor(settings) });
		}
		const sources: ReportSource[] = [];
		const uris: Record<string, string> = {};
		let since = performance.now();
		for (const [path, facts] of [...session.index.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
			if (performance.now() - since >= YIELD_AFTER_MS) {
				await new Promise((resolve) => setImmediate(resolve));
				since = performance.now();
			}
			const fsPath = fsPathOfGraph(path);
			const folder = session.teamConfigs.folderFor(fsPath);
			const shared = folder === undefined ? undefined : inFolder.get(folder);
			if (folder === undefined || shared === undefined) continue;
			const shown = relativePosix(folder, fsPath);
			const reportPath = folders.length > 1 ? `${basename(folder)}/${shown}` : shown;
			sources.push({ path, reportPath, facts, ...shared, text: () => session.textOf(fsPath) });
			uris[reportPath] = pathToFileURL(fsPath).toString();
		}
		return { sources, uris };
	}

	private async make(key: string): Promise<WorkspaceReport> {
		const { session } = this;
		const started = performance.now();
		const windowSettings = await session.settingsFor();
		const budget = budgetOf(windowSettings.effective);
		const { sources, uris } = await this.sources();
		const steps = this.incremental.steps(sources, budget, {
			settingsKey: session.settingsGeneration,
			// The parts' fingerprints (the revision below) are taken as the parts are made, between pauses.
			fingerprint: true,
			failed: (source, error) =>
				session.connection.console.error(
					`Totalling ${fsPathOfGraph(source.path)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
				),
		});
		let step = steps.next();
		let analysed = 0;
		let since = performance.now();
		for (; !step.done; step = steps.next()) {
			analysed = step.value.analysed;
			// Let requests and edits in between, every few milliseconds of work and before a long step.
			if (step.value.heavyNext === true || performance.now() - since >= YIELD_AFTER_MS) {
				await new Promise((resolve) => setImmediate(resolve));
				since = performance.now();
			}
		}
		const report = step.value;
		if (windowSettings.effective.observed) report.observed = compareObserved(report, windowSettings.effective.observed);
		if (analysed > 0)
			session.connection.console.log(
				`Totalled ${formatNumber(report.files.length)} files (${formatNumber(analysed)} analysed again) in ${Math.round(performance.now() - started)} ms.`,
			);
		const content = {
			report,
			assumptions: assumptionsInForce(windowSettings.effective, report),
			uris,
			indexing: session.indexing !== undefined,
			budgetAssumed: budgetAssumed(windowSettings.effective),
			tableDated: budget.tableSince,
		};
		// Views redraw when the revision changes: an edit that changes no number keeps it. Every number comes
		// from the file parts (fingerprinted as they are made) and the settings, so those are what is compared.
		const { files: _files, entryPoints: _entryPoints, findings: _findings, apis: _apis, totals: _totals, ...rest } = report;
		const digest = createHash('sha1')
			.update(this.incremental.digest)
			.update(JSON.stringify({ ...content, report: rest }))
			.digest('hex');
		if (digest !== this.lastDigest) {
			this.lastDigest = digest;
			this.revision++;
		}
		const result: WorkspaceReport = { ...content, revision: this.revision };
		if (key === this.key()) {
			this.last = { key, result };
			this.usage = {
				perDay: report.totals.perDay,
				shareOfDaily: report.totals.shareOfDaily,
				entryPoints: report.entryPoints.length,
				errors: report.findings.filter((f) => f.severity === 'error').length,
				warnings: report.findings.filter((f) => f.severity === 'warning').length,
				revision: result.revision,
			};
			session.refreshStatus();
			session.indexSettled();
		} else {
			// The workspace changed while it was totalled: total it again once it settles.
			this.schedule();
		}
		return result;
	}
}
