/**
 * One language server session: the open documents, the workspace index, settings and calibrations per
 * folder, and the cached analysis of each document version. Handlers (handlers.ts) answer from it;
 * nothing here computes credits itself.
 */
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeLensRefreshRequest, type Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFacts, assumptionsKey, assumptionsOf, budgetOf, type FileAnalysis, languageOf, MAX_FILE_LENGTH } from '../core/analysis';
import { budgetAssumed, describeOrigin, type EffectiveSettings, resolveSettings, TEAM_CONFIG_FILE } from '../core/config';
import { MAX_GLOB_EXPANSIONS } from '../core/config/globs';
import { FunctionCosts } from '../core/estimate';
import { type FileFacts, type Language, SCAN_FAILED } from '../core/facts';
import type { Graph } from '../core/graph';
import { keptAsDeluge } from '../core/scan/deluge/detect';
import { entryPointMarkers, unreadFacts } from '../core/scan/relevance';
import { LineMap } from '../core/text';
import { calledKey } from '../core/workspace-report';
import { formatNumber } from '../../../shared/format';
import type { StatusParams } from '../../../shared/protocol';
import { type Calibration, readCalibration, withCalibration } from '../workspace/calibration';
import { type DiscoveryOptions, matchesAny, refusedGlobs, relativePosix } from '../workspace/discover';
import { graphPath, WorkspaceIndex } from '../workspace/index';
import { ScanPool } from '../workspace/scan-pool';
import { readSource } from '../workspace/small-file';
import { TeamConfigs } from '../workspace/team-config';
import { statusNotification } from './messages';
import { PauseMeter } from './pause-meter';
import { WorkspaceReports } from './reports';
import { type InlayHintMode, splitSettings } from './settings';
import { configDiagnostics } from './views/config-diagnostics';
import type { TeamFile } from './views/entry-point-config';
import { diagnostics } from './views/diagnostics';

/** Source files the workspace index follows on disk (open documents are followed through their edits). */
export const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,dg,deluge,ds}';
/** Edits settle this long before a document is analysed again. */
const DIAGNOSTIC_DELAY_MS = 150;
/** Configuration edits settle this long before the files to read are checked again. */
const DISCOVERY_DELAY_MS = 500;
/** Skipped files noted in the log after indexing; the rest are counted. */
const SKIP_NOTES = 20;

/** What the client can do, from `initialize`. */
export interface ClientCapabilities {
	canPullConfiguration: boolean;
	canRegisterWatchers: boolean;
	relatedInformation: boolean;
	clientValidatesConfigSchema: boolean;
	/** Whether the editor runs our explain command from a hover link: flagged calls then hover in short. */
	explainCommand: boolean;
	canCreateFiles: boolean;
}

export interface DocumentSettings {
	readonly effective: EffectiveSettings;
	readonly inlayHints: InlayHintMode;
}

export interface CacheEntry {
	readonly version: number;
	readonly settings: DocumentSettings;
	/** The index generation the analysis saw (a document outside the workspace is analysed again in a newer one). */
	readonly generation: number;
	/**
	 * In the workspace: the graph it read, the files it read there and the graph's revision then, and which
	 * of its functions other code called. It holds while none of those changed, whatever else was edited.
	 */
	readonly read?: { readonly graph: Graph; readonly deps: ReadonlySet<string>; readonly revision: number; readonly called: string };
	readonly analysis: FileAnalysis;
}

export class Session {
	readonly documents = new TextDocuments(TextDocument);
	readonly teamConfigs = new TeamConfigs();
	readonly index: WorkspaceIndex;
	readonly reports: WorkspaceReports;
	client: ClientCapabilities = {
		canPullConfiguration: false,
		canRegisterWatchers: false,
		relatedInformation: false,
		clientValidatesConfigSchema: false,
		explainCommand: false,
		canCreateFiles: false,
	};
	/** Indexing progress while the workspace is read. */
	indexing: { done: number; total: number } | undefined;
	/** What indexing skipped in each folder (ignore globs, `files.exclude`), so watched files are skipped alike. */
	readonly discoveryOptions = new Map<string, DiscoveryOptions>();
	/** Bumped whenever settings may have changed, so the workspace report is made again. */
	settingsGeneration = 0;
	/** The calibration files of each folder (the org's API list, observed usage), read on first use and after they change. */
	readonly calibrations = new Map<string, Calibration>();
	/** How long the event loop waited, from the start of a cold index until the workspace is totalled after it. */
	private indexPauses: PauseMeter | undefined;

	/** The running index build: a new one (Rescan, changed folders) cancels it. */
	private indexToken: { isCancellationRequested: boolean } | undefined;
	private readonly cache = new Map<string, CacheEntry>();
	/** Facts of open documents by version: a document is scanned once per version, in the scanner thread. */
	private readonly scanned = new Map<string, { version: number; facts: Promise<FileFacts> }>();
	/**
	 * Function costs of the index's graph under one set of assumptions, shared by every document analysed
	 * against them. They outlive edits: an edit makes only the costs that read the edited file stale.
	 */
	private costsCache: { graph: Graph; assumptions: string; costs: FunctionCosts } | undefined;
	private readonly settingsCache = new Map<string, Promise<DocumentSettings>>();
	private readonly pending = new Map<string, NodeJS.Timeout>();
	/** Documents skipped for their size, so the note is logged once. */
	private readonly tooLarge = new Set<string>();
	private lastStatusKey = '';
	private refreshTimer: ReturnType<typeof setTimeout> | undefined;
	private discoveryTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly connection: Connection,
		/** Workspace files and open documents are read and scanned off this thread: a hostile file never delays an answer. */
		readonly scanPool: ScanPool,
	) {
		this.index = new WorkspaceIndex(scanPool);
		this.reports = new WorkspaceReports(this);
		// Files the index left unread until a change linked them to one that matters: the views follow once they are read.
		this.index.onPromoted = () => {
			this.rescheduleOthers();
			this.reports.schedule();
		};
	}

	fsPathOf(uri: string): string | undefined {
		try {
			return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
		} catch {
			return undefined;
		}
	}

	/** The workspace folder whose team file applies to a document (the first folder for untitled ones). */
	folderOf(uri: string | undefined): string | undefined {
		const path = uri === undefined ? undefined : this.fsPathOf(uri);
		return path === undefined ? this.teamConfigs.allFolders.at(-1) : this.teamConfigs.folderFor(path);
	}

	/** The folder whose zoho-credits.json this document is, if it is one. */
	configFolderOf(uri: string): string | undefined {
		const path = this.fsPathOf(uri);
		return path && path.endsWith(TEAM_CONFIG_FILE) ? this.teamConfigs.folderOfConfigFile(path) : undefined;
	}

	/** The folder whose `.zoho-credits/` this file is in, if it is in one. */
	calibrationFolderOf(uri: string): string | undefined {
		const path = this.fsPathOf(uri);
		if (!path) return undefined;
		return this.teamConfigs.allFolders.find((folder) => path.startsWith(join(folder, '.zoho-credits') + sep));
	}

	/** The text of a file: the open document's, else the disk's (undefined when it cannot be read). */
	textOf(fsPath: string): string | undefined {
		return this.documents.get(pathToFileURL(fsPath).toString())?.getText() ?? readSource(fsPath).text;
	}

	private calibrationOf(folder: string): Calibration {
		let known = this.calibrations.get(folder);
		if (!known) {
			known = readCalibration(folder);
			this.calibrations.set(folder, known);
			if (known.errors.length > 0) {
				// A broken file calibrates nothing; the estimate goes on with the built-in catalog.
				this.connection.console.warn(known.errors.join('\n'));
				// An editor that refuses the message must not take the server down with an unhandled rejection.
				void Promise.resolve(
					this.connection.window.showWarningMessage(
						`Zoho Credit Lens: ${known.errors[0]}${known.errors.length > 1 ? ` (and ${known.errors.length - 1} more; see the output)` : ''}`,
					),
				).catch(() => undefined);
			}
		}
		return known;
	}

	forgetSettings(): void {
		this.settingsCache.clear();
		this.settingsGeneration++;
	}

	/** Settings for a document (or the window): the team file over the editor's explicit settings over defaults. */
	settingsFor(uri?: string): Promise<DocumentSettings> {
		const key = uri ?? '';
		let result = this.settingsCache.get(key);
		if (!result) {
			const editor: Promise<unknown> = this.client.canPullConfiguration
				? this.connection.workspace.getConfiguration(uri === undefined ? { section: 'zohoCredits' } : { scopeUri: uri, section: 'zohoCredits' }).then(
						(value: unknown) => value,
						(error: unknown) => {
							this.connection.console.warn(`Could not read settings, using defaults: ${String(error)}`);
							return {};
						},
					)
				: Promise.resolve({});
			result = editor.then((raw) => {
				const { explicit, inlayHints: mode } = splitSettings(raw);
				const folder = this.folderOf(uri);
				const team = folder === undefined ? undefined : this.teamConfigs.state(folder).config;
				const resolved = resolveSettings([
					{ values: team, origin: 'zoho-credits.json' },
					{ values: explicit, origin: 'settings' },
				]);
				const effective = withCalibration(resolved, folder === undefined ? undefined : this.calibrationOf(folder));
				return { effective, inlayHints: mode };
			});
			this.settingsCache.set(key, result);
		}
		return result;
	}

	costsFor(settings: DocumentSettings): FunctionCosts {
		const assumptions = assumptionsOf(settings.effective);
		const key = assumptionsKey(assumptions);
		const graph = this.index.graph();
		if (!this.costsCache || this.costsCache.graph !== graph || this.costsCache.assumptions !== key) {
			this.costsCache = { graph, assumptions: key, costs: new FunctionCosts(graph, assumptions) };
		}
		return this.costsCache.costs;
	}

	/**
	 * The facts of an open document at a version, scanned in the scanner thread from the last version's
	 * parse; the index learns them as soon as they come, unless a newer version was asked for meanwhile,
	 * and the other documents and the workspace report follow.
	 */
	private factsOf(uri: string, version: number, text: string, language: Language): Promise<FileFacts> {
		const known = this.scanned.get(uri);
		if (known && known.version === version) return known.facts;
		const facts = this.scanPool.scanDocument(uri, text, language).then((scanned): FileFacts => {
			const result = 'facts' in scanned ? scanned.facts : unscanned(language, scanned.reason);
			const path = this.fsPathOf(uri);
			if (path && this.scanned.get(uri)?.version === version) {
				this.index.setOpen(path, result, text);
				// Calls from the other documents into this one are priced from its new facts once they are in.
				this.rescheduleOthers(uri);
				this.reports.schedule();
			}
			return result;
		});
		this.scanned.set(uri, { version, facts });
		return facts;
	}

	/** The analysis of a document at its current version, computed at most once per version and settings. */
	async analysisOf(document: TextDocument): Promise<CacheEntry | undefined> {
		const language = languageOf(document.uri, document.languageId) ?? (await this.delugeByGlob(document.uri)) ?? this.keptDeluge(document);
		if (!language) return undefined;
		if (document.getText().length > MAX_FILE_LENGTH) {
			if (!this.tooLarge.has(document.uri)) {
				this.tooLarge.add(document.uri);
				this.connection.console.info(`Skipped ${document.uri}: larger than ${MAX_FILE_LENGTH / 1024 / 1024} MB.`);
			}
			return undefined;
		}
		this.tooLarge.delete(document.uri);
		// This version's text: the document may change while it is scanned.
		const { uri, version } = document;
		const text = document.getText();
		// Scan before waiting for settings, so documents analysed meanwhile already see this version's facts.
		const scanned = this.factsOf(uri, version, text, language);
		const settings = await this.settingsFor(uri);
		const facts = await scanned;
		const path = this.fsPathOf(uri);
		const generation = this.index.generation;
		const workspace = path ? { path: graphPath(path), costs: this.costsFor(settings) } : undefined;
		const cached = this.cache.get(uri);
		if (cached && cached.version === version && cached.settings === settings && this.stillHolds(cached, workspace, facts)) return cached;
		if (!workspace) {
			const entry = { version, settings, generation, analysis: analyzeFacts(uri, text, facts, settings.effective) };
			this.cache.set(uri, entry);
			return entry;
		}
		// Analysed again only when something it read changed: an edit of another document rarely touches it.
		const { graph } = workspace.costs;
		const tracked = graph.track(() => analyzeFacts(uri, text, facts, settings.effective, workspace));
		const read = { graph, deps: tracked.deps, revision: graph.revisions.revision, called: calledKey(graph, workspace.path, facts) };
		const entry = { version, settings, generation, read, analysis: tracked.value };
		this.cache.set(uri, entry);
		return entry;
	}

	/** Whether a kept analysis of this version still holds: nothing it read in the workspace changed since. */
	private stillHolds(cached: CacheEntry, workspace: { path: string; costs: FunctionCosts } | undefined, facts: FileFacts): boolean {
		if (!workspace || !cached.read) return !workspace && !cached.read && cached.generation === this.index.generation;
		const { graph, deps, revision, called } = cached.read;
		if (graph !== workspace.costs.graph) return false;
		// Nothing changed in the graph since: the answer for every hover, hint and lens between edits.
		if (graph.revisions.revision === revision) return true;
		return !graph.revisions.changedSince(revision, deps) && called === calledKey(graph, workspace.path, facts);
	}

	/** 'deluge' for a document the configured Deluge globs name (`**\/*.deluge.txt`), whatever its extension. */
	private async delugeByGlob(uri: string): Promise<'deluge' | undefined> {
		const path = this.fsPathOf(uri);
		const folder = path === undefined ? undefined : this.teamConfigs.folderFor(path);
		if (path === undefined || folder === undefined) return undefined;
		const globs = (await this.settingsFor(uri)).effective.deluge.value;
		return globs.length > 0 && matchesAny(relativePosix(folder, path), globs) ? 'deluge' : undefined;
	}

	/** 'deluge' for a `.txt`, `.zs`, `.zdl` or extension-less document whose text makes Deluge calls, as discovery reads it. */
	private keptDeluge(document: TextDocument): 'deluge' | undefined {
		return keptAsDeluge(document.uri, document.getText()) ? 'deluge' : undefined;
	}

	/** Sends the status when it differs from the last one sent: busy while analyses are pending, warning on a broken team file. */
	private async updateStatus(): Promise<void> {
		const { effective } = await this.settingsFor();
		const budget = budgetOf(effective);
		const broken = this.teamConfigs.allFolders.map((f) => this.teamConfigs.state(f)).filter((s) => s.errors.length > 0);
		const quiescent = this.pending.size === 0 && this.indexing === undefined;
		const assumed = budgetAssumed(effective);
		let message = this.indexing
			? `Indexing ${formatNumber(this.indexing.done)} of ${formatNumber(this.indexing.total)} files…`
			: quiescent
				? 'Ready.'
				: 'Analysing…';
		if (broken.length > 0) {
			const problems = broken.reduce((n, s) => n + s.errors.length, 0);
			message = `${TEAM_CONFIG_FILE} has ${problems} problem${problems === 1 ? '' : 's'}; ${broken.some((s) => s.stale) ? 'the last good configuration is in force' : 'defaults are in force'}.`;
		} else if (assumed) {
			message = `${message} Edition and users are assumed: nothing configures them.`;
		}
		const status: StatusParams = {
			health: broken.length > 0 ? 'warning' : 'ok',
			quiescent,
			message,
			edition: budget.edition,
			editionLabel: budget.editionLabel,
			users: budget.users,
			table: budget.table,
			tableDated: budget.tableSince,
			dailyCredits: budget.dailyCredits,
			budgetAssumed: assumed,
			editionOrigin: describeOrigin(effective.edition.origin),
			usage: this.reports.usage,
		};
		const key = JSON.stringify(status);
		if (key === this.lastStatusKey) return;
		this.lastStatusKey = key;
		void this.connection.sendNotification(statusNotification, status);
	}

	refreshStatus(): void {
		this.updateStatus().catch((error: unknown) => this.connection.console.error(`Status update failed: ${String(error)}`));
	}

	/** A related location in another file: the open document's text, else the file on disk. */
	private locateFile(path: string): { uri: string; lines: LineMap } | undefined {
		const uri = path.startsWith('file:') ? path : pathToFileURL(path).toString();
		const open = this.documents.get(uri);
		if (open) return { uri, lines: new LineMap(open.getText()) };
		const fsPath = this.fsPathOf(uri);
		const text = fsPath === undefined ? undefined : readSource(fsPath).text;
		return text === undefined ? undefined : { uri, lines: new LineMap(text) };
	}

	private async publish(uri: string): Promise<void> {
		const document = this.documents.get(uri);
		if (!document) return;
		try {
			const result = await this.analysisOf(document);
			// The document may have changed or closed while settings were read.
			if (this.documents.get(uri)?.version !== document.version) return;
			await this.connection.sendDiagnostics({
				uri,
				version: document.version,
				diagnostics: result ? diagnostics(result.analysis, uri, this.client.relatedInformation, (path) => this.locateFile(path)) : [],
			});
		} catch (error) {
			this.connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			await this.connection.sendDiagnostics({ uri, diagnostics: [] });
		} finally {
			this.refreshStatus();
		}
	}

	/** Analyses a document again once its edits settle, and the workspace report after it. */
	schedule(uri: string): void {
		this.reports.schedule();
		clearTimeout(this.pending.get(uri));
		this.pending.set(
			uri,
			setTimeout(() => {
				this.pending.delete(uri);
				void this.publish(uri);
			}, DIAGNOSTIC_DELAY_MS),
		);
		this.refreshStatus();
	}

	publishConfigDiagnostics(folder: string): void {
		const state = this.teamConfigs.state(folder);
		void this.connection.sendDiagnostics({
			uri: pathToFileURL(state.path).toString(),
			diagnostics: configDiagnostics(state, this.client.clientValidatesConfigSchema),
		});
	}

	/** Asks the client to fetch inlay hints and code lenses again: numbers changed in documents it did not edit. */
	private refreshViews(): void {
		void this.connection.languages.inlayHint.refresh().catch(() => undefined);
		void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
	}

	/** Settings may have changed (the editor's, a team file, a calibration): every document is analysed again. */
	settingsChanged(): void {
		this.forgetSettings();
		for (const document of this.documents.all()) if (!this.configFolderOf(document.uri)) this.schedule(document.uri);
		this.refreshViews();
		this.refreshStatus();
		this.scheduleDiscoveryCheck();
	}

	/** A team file changed: every document's settings may have changed with it. */
	configChanged(folder: string): void {
		this.publishConfigDiagnostics(folder);
		this.settingsChanged();
	}

	/** Other open documents may call functions of a changed file: analyse them again, and have their hints and lenses fetched again. */
	rescheduleOthers(except?: string): void {
		let others = false;
		for (const document of this.documents.all()) {
			if (document.uri === except || this.configFolderOf(document.uri)) continue;
			this.schedule(document.uri);
			others = true;
		}
		if (!others) return;
		clearTimeout(this.refreshTimer);
		this.refreshTimer = setTimeout(() => this.refreshViews(), DIAGNOSTIC_DELAY_MS);
	}

	/** A document closed: its analysis goes, and the index follows the file on disk again. */
	forget(uri: string): void {
		clearTimeout(this.pending.get(uri));
		this.pending.delete(uri);
		this.cache.delete(uri);
		this.scanned.delete(uri);
		this.scanPool.forgetDocument(uri);
		this.settingsCache.delete(uri);
		const path = this.fsPathOf(uri);
		// The file on disk stands for it again: what the editor had unsaved no longer counts for the others.
		if (path)
			void this.index.closed(path, this.teamConfigs.folderFor(path) !== undefined).then(() => {
				this.rescheduleOthers();
				this.reports.schedule();
			});
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
		this.refreshStatus();
	}

	/** The zoho-credits.json a document's entry points would be added to: the open editor's text, else the disk's. */
	teamFileOf(uri: string): TeamFile | undefined {
		const path = this.fsPathOf(uri);
		const folder = path === undefined ? undefined : this.teamConfigs.folderFor(path);
		if (path === undefined || folder === undefined) return undefined;
		const state = this.teamConfigs.state(folder);
		const configUri = pathToFileURL(state.path).toString();
		const open = this.documents.get(configUri);
		return {
			uri: configUri,
			text: open?.getText() ?? state.text,
			exists: open !== undefined || state.exists,
			relativePath: relativePosix(folder, path),
			canCreate: this.client.canCreateFiles,
		};
	}

	/** Checks, once configuration edits settle, whether the files to read changed. */
	private scheduleDiscoveryCheck(): void {
		clearTimeout(this.discoveryTimer);
		this.discoveryTimer = setTimeout(() => {
			this.followDiscoveryOptions().catch((error: unknown) => this.connection.console.error(`Reading the workspace again failed: ${String(error)}`));
		}, DISCOVERY_DELAY_MS);
	}

	/** Reads every source file of the workspace in the background, then analyses the open documents again. */
	async buildIndex(): Promise<void> {
		if (this.indexToken) this.indexToken.isCancellationRequested = true;
		const token = { isCancellationRequested: false };
		this.indexToken = token;
		this.indexing = { done: 0, total: 0 };
		this.indexPauses?.stop();
		this.indexPauses = new PauseMeter();
		this.refreshStatus();
		try {
			this.discoveryOptions.clear();
			for (const folder of this.teamConfigs.allFolders) this.discoveryOptions.set(folder, await this.discoveryOptionsFor(folder));
			if (token.isCancellationRequested) return;
			const { skipped } = await this.index.build(
				this.teamConfigs.allFolders,
				token,
				(done, total) => {
					if (token.isCancellationRequested) return;
					this.indexing = { done, total };
					this.refreshStatus();
				},
				(folder) => this.discoveryOptions.get(folder) ?? {},
			);
			// Binary, oversized and unreadable files: a note each (the first few), so a missing file is explained.
			for (const skip of skipped.slice(0, SKIP_NOTES)) this.connection.console.info(`Skipped ${skip.path}: ${skip.reason}.`);
			if (skipped.length > SKIP_NOTES) this.connection.console.info(`Skipped ${skipped.length - SKIP_NOTES} more files.`);
		} catch (error) {
			this.connection.console.error(`Indexing the workspace failed: ${String(error)}`);
		} finally {
			if (this.indexToken === token) {
				this.indexToken = undefined;
				this.indexing = undefined;
				this.connection.console.info(`Indexed ${this.index.size} source files.`);
				// Also asks for hints and lenses again, once the open documents are analysed anew.
				this.rescheduleOthers();
				// The first total of the workspace waits for nothing more: the status bar and the panel show it as soon as it is made.
				this.reports.schedule('at once');
				this.refreshStatus();
			}
		}
	}

	/**
	 * Once the workspace is totalled after an index: logs the longest wait of the event loop meanwhile (how
	 * long an answer could have been held up) and the heap in use.
	 */
	indexSettled(): void {
		const pauses = this.indexPauses;
		if (!pauses || this.indexing) return;
		this.indexPauses = undefined;
		pauses.settle((longest) => {
			const heap = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
			this.connection.console.log(`Longest pause while indexing and totalling: ${longest} ms; heap in use ${formatNumber(heap)} MB.`);
		});
	}

	/** The configured ignore and Deluge globs (files the editor never opens as Deluge count too), and the editor's excluded files. */
	private async discoveryOptionsFor(folder: string): Promise<DiscoveryOptions> {
		const { effective } = await this.settingsFor(pathToFileURL(folder).toString());
		return {
			ignore: [...effective.ignore.value, ...(await this.filesExclude(folder))],
			deluge: effective.deluge.value,
			markers: entryPointMarkers(effective.entryPoints.value),
		};
	}

	/** Reads the workspace again when what indexing skips or reads as Deluge changed (settings, the team file, `files.exclude`). */
	private async followDiscoveryOptions(): Promise<void> {
		if (this.indexing) return;
		for (const folder of this.teamConfigs.allFolders) {
			if (JSON.stringify(await this.discoveryOptionsFor(folder)) !== JSON.stringify(this.discoveryOptions.get(folder) ?? {})) {
				this.connection.console.info('The files to read changed (ignore, deluge or files.exclude): reading the workspace again.');
				await this.buildIndex();
				return;
			}
		}
	}

	/** The editor's `files.exclude` globs that are switched on for a folder (none when it cannot be asked). */
	private async filesExclude(folder: string): Promise<string[]> {
		if (!this.client.canPullConfiguration) return [];
		try {
			const value: unknown = await this.connection.workspace.getConfiguration({ scopeUri: pathToFileURL(folder).toString(), section: 'files.exclude' });
			if (typeof value !== 'object' || value === null) return [];
			const globs = Object.entries(value)
				.filter(([, on]) => on === true)
				.map(([glob]) => glob);
			for (const glob of refusedGlobs(globs))
				this.connection.console.warn(`files.exclude: "${glob}" expands to more than ${formatNumber(MAX_GLOB_EXPANSIONS)} patterns; it is not applied.`);
			return globs;
		} catch {
			return [];
		}
	}
}

/** The facts of a document the scanner could not scan (its thread stopped): nothing counted, and why. */
function unscanned(language: Language, reason: string): FileFacts {
	return unreadFacts(language, { code: SCAN_FAILED, message: `This file ${reason}: its Zoho CRM calls are not counted.`, span: { start: 0, end: 0 } });
}
