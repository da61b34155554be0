import * as vscode from 'vscode';
import type { WorkspaceReport } from '../../shared/protocol';

/**
 * The latest workspace report from the server, fetched only while a view shows it: the status
 * notification says when it changed (its revision), and the store fetches it again then.
 */
export class ReportStore implements vscode.Disposable {
	private latest: WorkspaceReport | undefined;
	private wanted = new Set<object>();
	private knownRevision = -1;
	private fetching: Promise<WorkspaceReport | undefined> | undefined;
	private readonly emitter = new vscode.EventEmitter<WorkspaceReport>();
	readonly onDidChange = this.emitter.event;

	constructor(private readonly request: () => Promise<WorkspaceReport | undefined>) {}

	get current(): WorkspaceReport | undefined {
		return this.latest;
	}

	/** A new server counts its revisions from the start again: forget what the last one said. */
	reset(): void {
		this.latest = undefined;
		this.knownRevision = -1;
	}

	/** A view starts or stops showing the report; while any does, changes are fetched as they happen. */
	want(view: object, wanted: boolean): void {
		if (wanted) {
			this.wanted.add(view);
			if (!this.latest || this.latest.revision < this.knownRevision) void this.fetch();
		} else this.wanted.delete(view);
	}

	/** The server made a new report (or one may be due). */
	revised(revision: number): void {
		this.knownRevision = revision;
		if (this.wanted.size > 0 && (this.latest?.revision ?? -1) < revision) void this.fetch();
	}

	/** Fetches the report now (one request at a time) and tells the views when it differs. */
	fetch(): Promise<WorkspaceReport | undefined> {
		this.fetching ??= this.request()
			.then(
				(report) => {
					if (report && report.revision !== this.latest?.revision) {
						this.latest = report;
						this.emitter.fire(report);
					}
					return report;
				},
				() => undefined,
			)
			.finally(() => {
				this.fetching = undefined;
				// A newer report was announced while this one travelled.
				if (this.wanted.size > 0 && (this.latest?.revision ?? -1) < this.knownRevision) void this.fetch();
			});
		return this.fetching;
	}

	dispose(): void {
		this.emitter.dispose();
	}
}
