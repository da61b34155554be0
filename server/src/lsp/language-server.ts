/**
 * Zoho Credit Lens language server: LSP wiring only. Every answer is a projection of one cached
 * analysis per document version (see views/); nothing here computes credits itself.
 */
import { createHash } from 'node:crypto';
import { basename, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	CodeActionKind,
	CodeLensRefreshRequest,
	type Connection,
	createConnection,
	DidChangeWatchedFilesNotification,
	ErrorCodes,
	FileChangeType,
	type InitializeResult,
	ProposedFeatures,
	ResponseError,
	StreamMessageReader,
	StreamMessageWriter,
	TextDocumentSyncKind,
	TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	analyzeFacts,
	assumptionsKey,
	assumptionsOf,
	budgetOf,
	type FileAnalysis,
	languageOf,
	MAX_FILE_LENGTH,
	type ScanState,
	scanDocument,
} from '../core/analysis';
import { budgetAssumed, describeOrigin, type EffectiveSettings, resolveSettings, TEAM_CONFIG_FILE } from '../core/config';
import { assumptionsInForce } from '../core/assumptions';
import { formatNumber } from '../../../shared/format';
import { FunctionCosts } from '../core/estimate';
import type { Graph } from '../core/graph';
import type { FileFacts } from '../core/facts';
import { assembleReport, type FileReport, type Locate, reportFile } from '../core/report';
import { LineMap, LineStarts } from '../core/text';
import {
	type ImportCalibrationArguments,
	type ImportCalibrationResult,
	type InitializationOptions,
	ServerCommands,
	type StatusParams,
	type WorkspaceReport,
	type WorkspaceUsage,
} from '../../../shared/protocol';
import { documentationUrl } from '../core/documentation-url';
import { explainRequest, statusNotification, workspaceReportRequest } from './messages';
import { type InlayHintMode, splitSettings } from './settings';
import { configDiagnostics } from './views/config-diagnostics';
import { diagnostics } from './views/diagnostics';
import { hover } from './views/hover';
import { callAt, hoverMarkdown } from '../core/explain-markdown';
import { codeActions } from './views/code-actions';
import type { TeamFile } from './views/entry-point-config';
import { codeLenses } from './views/code-lens';
import { inlayHints } from './views/inlay-hints';
import { type DiscoveryOptions, isExcluded, matchesAny, refusedGlobs, relativePosix } from '../workspace/discover';
import { MAX_GLOB_EXPANSIONS } from '../core/config/globs';
import { keptAsDeluge } from '../core/scan/deluge/detect';
import { fsPathOfGraph, graphPath, WorkspaceIndex } from '../workspace/index';
import { ScanPool } from '../workspace/scan-pool';
import { readSource } from '../workspace/small-file';
import { TeamConfigs } from '../workspace/team-config';
import { type Calibration, type CalibrationKind, importCalibrationText, readCalibration, withCalibration } from '../workspace/calibration';
import { compareObserved } from '../core/observed';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function connect(): Connection {
	const hasTransport = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(flag + '=')));
	if (hasTransport) return createConnection(ProposedFeatures.all);
	// Started with no transport flag (for example from a terminal or a minimal editor config): use stdio.
	return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
}

const connection = connect();
const documents = new TextDocuments(TextDocument);
const teamConfigs = new TeamConfigs();
const index = new WorkspaceIndex();
/** Workspace files are read and scanned off this thread: a hostile file never delays an answer. */
const scanPool = new ScanPool(__filename);
/** Source files the workspace index follows on disk (open documents are followed through their edits). */
const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,dg,deluge,ds}';
let indexing: { done: number; total: number } | undefined;
/** The running index build: a new one (Rescan, changed folders) cancels it. */
let indexToken: { isCancellationRequested: boolean } | undefined;
/** What indexing skipped in each folder (ignore globs, `files.exclude`), so watched files are skipped alike. */
const discoveryOptions = new Map<string, DiscoveryOptions>();

let canPullConfiguration = false;
let canRegisterWatchers = false;
let relatedInformation = false;
let clientValidatesConfigSchema = false;
/** Whether the editor runs our explain command from a hover link: flagged calls then hover in short. */
let explainCommand = false;
let canCreateFiles = false;
const DIAGNOSTIC_DELAY_MS = 150;

interface DocumentSettings {
	readonly effective: EffectiveSettings;
	readonly inlayHints: InlayHintMode;
}

interface CacheEntry {
	readonly version: number;
	readonly settings: DocumentSettings;
	/** The index generation the analysis saw: calls into other files may cost differently in a newer one. */
	readonly generation: number;
	readonly analysis: FileAnalysis;
}
const cache = new Map<string, CacheEntry>();
/** Facts of open documents by version: a document is scanned once per version. */
const scanned = new Map<string, { version: number; facts: FileFacts; state: ScanState }>();
/**
 * Function costs of the index's graph under one set of assumptions, shared by every document analysed
 * against them. They outlive edits: an edit makes only the costs that read the edited file stale.
 */
let costsCache: { graph: Graph; assumptions: string; costs: FunctionCosts } | undefined;

function costsFor(settings: DocumentSettings): FunctionCosts {
	const assumptions = assumptionsOf(settings.effective);
	const key = assumptionsKey(assumptions);
	const graph = index.graph();
	if (!costsCache || costsCache.graph !== graph || costsCache.assumptions !== key) {
		costsCache = { graph, assumptions: key, costs: new FunctionCosts(graph, assumptions) };
	}
	return costsCache.costs;
}

/** The facts of an open document at its version; the index learns them at once. */
function factsOf(document: TextDocument, language: NonNullable<ReturnType<typeof languageOf>>): FileFacts {
	const path = fsPathOf(document.uri);
	const known = scanned.get(document.uri);
	if (known && known.version === document.version) return known.facts;
	// From the last version's parse: a TypeScript document is parsed again only where it changed.
	const { facts, state } = scanDocument(document.getText(), document.uri, language, known?.state);
	scanned.set(document.uri, { version: document.version, facts, state });
	if (path) index.setOpen(path, facts);
	return facts;
}
const settingsCache = new Map<string, Promise<DocumentSettings>>();
/** Bumped whenever settings may have changed, so the workspace report is made again. */
let settingsGeneration = 0;

function forgetSettings(): void {
	settingsCache.clear();
	settingsGeneration++;
}
const pending = new Map<string, NodeJS.Timeout>();
/** Documents skipped for their size, so the note is logged once. */
const tooLarge = new Set<string>();

function fsPathOf(uri: string): string | undefined {
	try {
		return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
	} catch {
		return undefined;
	}
}

/** The workspace folder whose team file applies to a document (the first folder for untitled ones). */
function folderOf(uri: string | undefined): string | undefined {
	const path = uri === undefined ? undefined : fsPathOf(uri);
	return path === undefined ? teamConfigs.allFolders.at(-1) : teamConfigs.folderFor(path);
}

/** The folder whose zoho-credits.json this document is, if it is one. */
function configFolderOf(uri: string): string | undefined {
	const path = fsPathOf(uri);
	return path && path.endsWith(TEAM_CONFIG_FILE) ? teamConfigs.folderOfConfigFile(path) : undefined;
}

/** The calibration files of each folder (the org's API list, observed usage), read on first use and after they change. */
const calibrations = new Map<string, Calibration>();

function calibrationOf(folder: string): Calibration {
	let known = calibrations.get(folder);
	if (!known) {
		known = readCalibration(folder);
		calibrations.set(folder, known);
		if (known.errors.length > 0) {
			// A broken file calibrates nothing; the estimate goes on with the built-in catalog.
			connection.console.warn(known.errors.join('\n'));
			// An editor that refuses the message must not take the server down with an unhandled rejection.
			void Promise.resolve(
				connection.window.showWarningMessage(
					`Zoho Credit Lens: ${known.errors[0]}${known.errors.length > 1 ? ` (and ${known.errors.length - 1} more; see the output)` : ''}`,
				),
			).catch(() => undefined);
		}
	}
	return known;
}

/** The folder whose `.zoho-credits/` this file is in, if it is in one. */
function calibrationFolderOf(uri: string): string | undefined {
	const path = fsPathOf(uri);
	if (!path) return undefined;
	return teamConfigs.allFolders.find((folder) => path.startsWith(join(folder, '.zoho-credits') + sep));
}

/** Settings for a document (or the window): the team file over the editor's explicit settings over defaults. */
function settingsFor(uri?: string): Promise<DocumentSettings> {
	const key = uri ?? '';
	let result = settingsCache.get(key);
	if (!result) {
		const editor: Promise<unknown> = canPullConfiguration
			? connection.workspace.getConfiguration(uri === undefined ? { section: 'zohoCredits' } : { scopeUri: uri, section: 'zohoCredits' }).then(
					(value: unknown) => value,
					(error: unknown) => {
						connection.console.warn(`Could not read settings, using defaults: ${String(error)}`);
						return {};
					},
				)
			: Promise.resolve({});
		result = editor.then((raw) => {
			const { explicit, inlayHints: mode } = splitSettings(raw);
			const folder = folderOf(uri);
			const team = folder === undefined ? undefined : teamConfigs.state(folder).config;
			const resolved = resolveSettings([
				{ values: team, origin: 'zoho-credits.json' },
				{ values: explicit, origin: 'settings' },
			]);
			const effective = withCalibration(resolved, folder === undefined ? undefined : calibrationOf(folder));
			return { effective, inlayHints: mode };
		});
		settingsCache.set(key, result);
	}
	return result;
}

/** The analysis of a document at its current version, computed at most once per version and settings. */
async function analysisOf(document: TextDocument): Promise<CacheEntry | undefined> {
	const language = languageOf(document.uri, document.languageId) ?? (await delugeByGlob(document.uri)) ?? keptDeluge(document);
	if (!language) return undefined;
	if (document.getText().length > MAX_FILE_LENGTH) {
		if (!tooLarge.has(document.uri)) {
			tooLarge.add(document.uri);
			connection.console.info(`Skipped ${document.uri}: larger than ${MAX_FILE_LENGTH / 1024 / 1024} MB.`);
		}
		return undefined;
	}
	tooLarge.delete(document.uri);
	// Scan before waiting for settings, so documents analysed meanwhile already see this version's facts.
	const facts = factsOf(document, language);
	const settings = await settingsFor(document.uri);
	const cached = cache.get(document.uri);
	if (cached && cached.version === document.version && cached.settings === settings && cached.generation === index.generation) return cached;
	const path = fsPathOf(document.uri);
	const generation = index.generation;
	const workspace = path ? { path: graphPath(path), costs: costsFor(settings) } : undefined;
	const analysis = analyzeFacts(document.uri, document.getText(), facts, settings.effective, workspace);
	const entry = { version: document.version, settings, generation, analysis };
	cache.set(document.uri, entry);
	return entry;
}

/** 'deluge' for a document the configured Deluge globs name (`**\/*.deluge.txt`), whatever its extension. */
async function delugeByGlob(uri: string): Promise<'deluge' | undefined> {
	const path = fsPathOf(uri);
	const folder = path === undefined ? undefined : teamConfigs.folderFor(path);
	if (path === undefined || folder === undefined) return undefined;
	const globs = (await settingsFor(uri)).effective.deluge.value;
	return globs.length > 0 && matchesAny(relativePosix(folder, path), globs) ? 'deluge' : undefined;
}

/** 'deluge' for a `.txt`, `.zs`, `.zdl` or extension-less document whose text makes Deluge calls, as discovery reads it. */
function keptDeluge(document: TextDocument): 'deluge' | undefined {
	return keptAsDeluge(document.uri, document.getText()) ? 'deluge' : undefined;
}

let lastStatusKey = '';

/** Sends the status when it differs from the last one sent: busy while analyses are pending, warning on a broken team file. */
async function updateStatus(): Promise<void> {
	const { effective } = await settingsFor();
	const budget = budgetOf(effective);
	const broken = teamConfigs.allFolders.map((f) => teamConfigs.state(f)).filter((s) => s.errors.length > 0);
	const quiescent = pending.size === 0 && indexing === undefined;
	const assumed = budgetAssumed(effective);
	let message = indexing ? `Indexing ${formatNumber(indexing.done)} of ${formatNumber(indexing.total)} files…` : quiescent ? 'Ready.' : 'Analysing…';
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
		usage,
	};
	const key = JSON.stringify(status);
	if (key === lastStatusKey) return;
	lastStatusKey = key;
	void connection.sendNotification(statusNotification, status);
}

function refreshStatus(): void {
	updateStatus().catch((error: unknown) => connection.console.error(`Status update failed: ${String(error)}`));
}

/** A related location in another file: the open document's text, else the file on disk. */
function locateFile(path: string): { uri: string; lines: LineMap } | undefined {
	const uri = path.startsWith('file:') ? path : pathToFileURL(path).toString();
	const open = documents.get(uri);
	if (open) return { uri, lines: new LineMap(open.getText()) };
	const fsPath = fsPathOf(uri);
	const text = fsPath === undefined ? undefined : readSource(fsPath).text;
	return text === undefined ? undefined : { uri, lines: new LineMap(text) };
}

async function publish(uri: string): Promise<void> {
	const document = documents.get(uri);
	if (!document) return;
	try {
		const result = await analysisOf(document);
		// The document may have changed or closed while settings were read.
		if (documents.get(uri)?.version !== document.version) return;
		await connection.sendDiagnostics({
			uri,
			version: document.version,
			diagnostics: result ? diagnostics(result.analysis, uri, relatedInformation, locateFile) : [],
		});
	} catch (error) {
		connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		await connection.sendDiagnostics({ uri, diagnostics: [] });
	} finally {
		refreshStatus();
	}
}

function schedule(uri: string): void {
	scheduleReport();
	clearTimeout(pending.get(uri));
	pending.set(
		uri,
		setTimeout(() => {
			pending.delete(uri);
			void publish(uri);
		}, DIAGNOSTIC_DELAY_MS),
	);
	refreshStatus();
}

function publishConfigDiagnostics(folder: string): void {
	const state = teamConfigs.state(folder);
	void connection.sendDiagnostics({ uri: pathToFileURL(state.path).toString(), diagnostics: configDiagnostics(state, clientValidatesConfigSchema) });
}

/** Changes settle this long before the workspace is totalled again. */
const REPORT_DELAY_MS = 500;
let reportTimer: ReturnType<typeof setTimeout> | undefined;
let reportRevision = 0;
let lastReportDigest = '';
let usage: WorkspaceUsage | undefined;
let lastReport: { key: string; result: WorkspaceReport } | undefined;
let runningReport: { key: string; promise: Promise<WorkspaceReport> } | undefined;

/** What the workspace report depends on: the index, the settings, whether indexing is under way. */
function reportKey(): string {
	return `${index.generation}/${settingsGeneration}/${indexing ? 'indexing' : 'ready'}`;
}

/** Totals the workspace again once changes settle, for the status bar and any open panel. */
function scheduleReport(): void {
	clearTimeout(reportTimer);
	reportTimer = setTimeout(() => {
		workspaceReport().catch((error: unknown) => connection.console.error(`Totalling the workspace failed: ${String(error)}`));
	}, REPORT_DELAY_MS);
}

/** The workspace report for the current index and settings: made at most once for each. */
function workspaceReport(): Promise<WorkspaceReport> {
	const key = reportKey();
	if (lastReport?.key === key) return Promise.resolve(lastReport.result);
	if (runningReport?.key === key) return runningReport.promise;
	const promise = makeReport(key).finally(() => {
		if (runningReport?.promise === promise) runningReport = undefined;
	});
	runningReport = { key, promise };
	return promise;
}

/** A file's part of the workspace report, kept while nothing it read has changed. */
interface ReportPart {
	readonly facts: FileFacts;
	readonly costs: FunctionCosts;
	readonly settingsGeneration: number;
	readonly reportPath: string;
	/** The graph revision it was made at, and the files it read (through the functions it calls too). */
	readonly revision: number;
	readonly deps: ReadonlySet<string>;
	/** Which of the file's functions other code calls: whether each is an entry point depends on it. */
	readonly called: string;
	readonly part: FileReport;
}
const reportParts = new Map<string, ReportPart>();
/** Line maps of files that chains lead into, while their facts stay the same. */
const lineMaps = new Map<string, { facts: FileFacts | undefined; lines: LineStarts | undefined }>();

function calledKey(graph: Graph, path: string, facts: FileFacts): string {
	const called = graph.calledFunctions();
	return (facts.functions ?? []).map((f) => (called.has(`${path}#${f.name}`) ? '1' : '0')).join('');
}

/**
 * Analyses every indexed file of the workspace folders against its folder's settings and builds one
 * report. A file's part is made again only when something it read changed (its facts, a function it
 * calls, the settings), so after an edit only the files it touches are analysed. Yields to the event
 * loop every few files, so typing and requests are answered meanwhile.
 */
async function makeReport(key: string): Promise<WorkspaceReport> {
	const started = performance.now();
	const folders = teamConfigs.allFolders;
	const windowSettings = await settingsFor();
	const budget = budgetOf(windowSettings.effective);
	const folderSettings = new Map<string, { settings: DocumentSettings; costs: FunctionCosts }>();
	for (const folder of folders) {
		const settings = await settingsFor(pathToFileURL(folder).toString());
		folderSettings.set(folder, { settings, costs: costsFor(settings) });
	}
	const reportPathOf = (fsPath: string, folder: string) => {
		const shown = relativePosix(folder, fsPath);
		return folders.length > 1 ? `${basename(folder)}/${shown}` : shown;
	};
	const textOf = (fsPath: string) => documents.get(pathToFileURL(fsPath).toString())?.getText() ?? readSource(fsPath).text;
	// Chain steps into other files: their report path and line.
	const where: Locate = (path, offset) => {
		const fsPath = fsPathOfGraph(path);
		const folder = teamConfigs.folderFor(fsPath);
		const facts = index.get(fsPath);
		let known = lineMaps.get(path);
		if (!known || known.facts !== facts) {
			const text = textOf(fsPath);
			known = { facts, lines: text === undefined ? undefined : new LineStarts(text) };
			lineMaps.set(path, known);
		}
		return { path: folder === undefined ? path : reportPathOf(fsPath, folder), line: known.lines ? known.lines.lineOf(offset) + 1 : 0 };
	};
	const parts: FileReport[] = [];
	const uris: Record<string, string> = {};
	const seen = new Set<string>();
	let analysed = 0;
	for (const [path, facts] of [...index.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		const fsPath = fsPathOfGraph(path);
		const folder = teamConfigs.folderFor(fsPath);
		const inFolder = folder === undefined ? undefined : folderSettings.get(folder);
		if (folder === undefined || inFolder === undefined) continue;
		const { settings, costs } = inFolder;
		const graph = costs.graph;
		const reportPath = reportPathOf(fsPath, folder);
		const known = reportParts.get(path);
		const stale = known ? graph.staleSince(known.revision) : [];
		const fresh =
			known &&
			known.facts === facts &&
			known.costs === costs &&
			known.settingsGeneration === settingsGeneration &&
			known.reportPath === reportPath &&
			!stale.includes('*') &&
			!stale.some((d) => known.deps.has(d)) &&
			known.called === calledKey(graph, path, facts);
		if (fresh) {
			parts.push(known.part);
		} else {
			const text = textOf(fsPath);
			if (text === undefined) {
				reportParts.delete(path);
				continue;
			}
			const revision = graph.revision;
			let tracked;
			let part: FileReport;
			try {
				tracked = graph.track(() => analyzeFacts(path, text, facts, settings.effective, { path, costs }));
				part = reportFile({ path: reportPath, analysis: tracked.value }, budget, where);
			} catch (error) {
				// One file the analysis cannot take leaves the total, not the whole report.
				connection.console.error(`Totalling ${fsPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
				reportParts.delete(path);
				continue;
			}
			reportParts.set(path, { facts, costs, settingsGeneration, reportPath, revision, deps: tracked.deps, called: calledKey(graph, path, facts), part });
			parts.push(part);
			analysed++;
			// Let requests and edits in between, every 50 files analysed.
			if (analysed % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
		seen.add(path);
		uris[reportPath] = pathToFileURL(fsPath).toString();
	}
	// Files that left the index leave the cache.
	for (const path of reportParts.keys()) if (!seen.has(path)) reportParts.delete(path);
	for (const path of lineMaps.keys()) if (!index.get(fsPathOfGraph(path))) lineMaps.delete(path);
	const report = assembleReport(parts, budget);
	if (windowSettings.effective.observed) report.observed = compareObserved(report, windowSettings.effective.observed);
	if (analysed > 0)
		connection.console.log(
			`Totalled ${formatNumber(parts.length)} files (${formatNumber(analysed)} analysed again) in ${Math.round(performance.now() - started)} ms.`,
		);
	const content = {
		report,
		assumptions: assumptionsInForce(windowSettings.effective, report),
		uris,
		indexing: indexing !== undefined,
		budgetAssumed: budgetAssumed(windowSettings.effective),
		tableDated: budget.tableSince,
	};
	// Views redraw when the revision changes: an edit that changes no number keeps it.
	const digest = createHash('sha1').update(JSON.stringify(content)).digest('hex');
	if (digest !== lastReportDigest) {
		lastReportDigest = digest;
		reportRevision++;
	}
	const result: WorkspaceReport = { ...content, revision: reportRevision };
	if (key === reportKey()) {
		lastReport = { key, result };
		usage = {
			perDay: report.totals.perDay,
			shareOfDaily: report.totals.shareOfDaily,
			entryPoints: report.entryPoints.length,
			errors: report.findings.filter((f) => f.severity === 'error').length,
			warnings: report.findings.filter((f) => f.severity === 'warning').length,
			revision: result.revision,
		};
		refreshStatus();
	} else {
		// The workspace changed while it was totalled: total it again once it settles.
		scheduleReport();
	}
	return result;
}

/** Asks the client to fetch inlay hints and code lenses again: numbers changed in documents it did not edit. */
function refreshViews(): void {
	void connection.languages.inlayHint.refresh().catch(() => undefined);
	void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** A team file changed: every document's settings may have changed with it. */
function configChanged(folder: string): void {
	publishConfigDiagnostics(folder);
	forgetSettings();
	for (const document of documents.all()) if (!configFolderOf(document.uri)) schedule(document.uri);
	refreshViews();
	refreshStatus();
	scheduleDiscoveryCheck();
}

let discoveryTimer: ReturnType<typeof setTimeout> | undefined;

/** Checks, once configuration edits settle, whether the files to read changed. */
function scheduleDiscoveryCheck(): void {
	clearTimeout(discoveryTimer);
	discoveryTimer = setTimeout(() => {
		followDiscoveryOptions().catch((error: unknown) => connection.console.error(`Reading the workspace again failed: ${String(error)}`));
	}, REPORT_DELAY_MS);
}

connection.onInitialize((params): InitializeResult => {
	const capabilities = params.capabilities;
	canPullConfiguration = capabilities.workspace?.configuration === true;
	canRegisterWatchers = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
	relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
	canCreateFiles =
		capabilities.workspace?.workspaceEdit?.documentChanges === true && (capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
	clientValidatesConfigSchema = (params.initializationOptions as InitializationOptions | undefined)?.clientValidatesConfigSchema === true;
	explainCommand = (params.initializationOptions as InitializationOptions | undefined)?.explainCommand === true;
	const folders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined);
	if (folders.length === 0 && params.rootUri) {
		const root = fsPathOf(params.rootUri);
		if (root) folders.push(root);
	}
	if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
	teamConfigs.setFolders(folders);
	return {
		capabilities: {
			textDocumentSync: TextDocumentSyncKind.Incremental,
			hoverProvider: true,
			inlayHintProvider: true,
			codeLensProvider: { resolveProvider: false },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
			executeCommandProvider: { commands: [ServerCommands.openDocumentation, ServerCommands.rescan, ServerCommands.importCalibration] },
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
		},
		serverInfo: { name: 'zoho-credit-lens', version: process.env.ZOHO_CREDIT_LENS_VERSION ?? '0.1.0' },
	};
});

connection.onInitialized(() => {
	for (const folder of teamConfigs.allFolders) if (teamConfigs.state(folder).exists) publishConfigDiagnostics(folder);
	if (canRegisterWatchers) {
		void connection.client
			.register(DidChangeWatchedFilesNotification.type, {
				watchers: [{ globPattern: `**/${TEAM_CONFIG_FILE}` }, { globPattern: '**/.zoho-credits/*.json' }, { globPattern: SOURCE_GLOB }],
			})
			.catch(() => undefined);
	}
	refreshStatus();
	void buildIndex();
});

connection.onDidChangeConfiguration(() => {
	forgetSettings();
	for (const document of documents.all()) if (!configFolderOf(document.uri)) schedule(document.uri);
	refreshViews();
	refreshStatus();
	scheduleDiscoveryCheck();
});

connection.onDidChangeWatchedFiles((params) => {
	let sources = false;
	for (const change of params.changes) {
		// Open documents are followed through their edits, not the disk.
		if (documents.get(change.uri)) continue;
		const folder = configFolderOf(change.uri);
		if (folder !== undefined) {
			teamConfigs.load(folder);
			configChanged(folder);
			continue;
		}
		const calibrated = calibrationFolderOf(change.uri);
		if (calibrated !== undefined) {
			calibrations.delete(calibrated);
			configChanged(calibrated);
			continue;
		}
		const path = fsPathOf(change.uri);
		const root = path === undefined ? undefined : teamConfigs.folderFor(path);
		if (!path || root === undefined || !languageOf(path) || isExcluded(root, path, discoveryOptions.get(root))) continue;
		if (change.type === FileChangeType.Deleted) {
			index.delete(path);
			sources = true;
		} else {
			// Read and scanned off this thread; the views follow once the facts are in.
			void index.reload(path, scanPool).then((skipped) => {
				if (skipped !== undefined) connection.console.info(`Skipped ${path}: ${skipped}.`);
				rescheduleOthers();
				scheduleReport();
			});
		}
	}
	if (sources) {
		rescheduleOthers();
		scheduleReport();
	}
});

/** Skipped files noted in the log after indexing; the rest are counted. */
const SKIP_NOTES = 20;

/** Reads every source file of the workspace in the background, then analyses the open documents again. */
async function buildIndex(): Promise<void> {
	if (indexToken) indexToken.isCancellationRequested = true;
	const token = { isCancellationRequested: false };
	indexToken = token;
	indexing = { done: 0, total: 0 };
	refreshStatus();
	try {
		discoveryOptions.clear();
		for (const folder of teamConfigs.allFolders) discoveryOptions.set(folder, await discoveryOptionsFor(folder));
		if (token.isCancellationRequested) return;
		const { skipped } = await index.build(
			teamConfigs.allFolders,
			token,
			(done, total) => {
				if (token.isCancellationRequested) return;
				indexing = { done, total };
				refreshStatus();
			},
			(folder) => discoveryOptions.get(folder) ?? {},
			scanPool,
		);
		// Binary, oversized and unreadable files: a note each (the first few), so a missing file is explained.
		for (const skip of skipped.slice(0, SKIP_NOTES)) connection.console.info(`Skipped ${skip.path}: ${skip.reason}.`);
		if (skipped.length > SKIP_NOTES) connection.console.info(`Skipped ${skipped.length - SKIP_NOTES} more files.`);
	} catch (error) {
		connection.console.error(`Indexing the workspace failed: ${String(error)}`);
	} finally {
		if (indexToken === token) {
			indexToken = undefined;
			indexing = undefined;
			connection.console.info(`Indexed ${index.size} source files.`);
			// Also asks for hints and lenses again, once the open documents are analysed anew.
			rescheduleOthers();
			scheduleReport();
			refreshStatus();
		}
	}
}

/** The configured ignore and Deluge globs (files the editor never opens as Deluge count too), and the editor's excluded files. */
async function discoveryOptionsFor(folder: string): Promise<DiscoveryOptions> {
	const { effective } = await settingsFor(pathToFileURL(folder).toString());
	return { ignore: [...effective.ignore.value, ...(await filesExclude(folder))], deluge: effective.deluge.value };
}

/** Reads the workspace again when what indexing skips or reads as Deluge changed (settings, the team file, `files.exclude`). */
async function followDiscoveryOptions(): Promise<void> {
	if (indexing) return;
	for (const folder of teamConfigs.allFolders) {
		if (JSON.stringify(await discoveryOptionsFor(folder)) !== JSON.stringify(discoveryOptions.get(folder) ?? {})) {
			connection.console.info('The files to read changed (ignore, deluge or files.exclude): reading the workspace again.');
			await buildIndex();
			return;
		}
	}
}

/** The editor's `files.exclude` globs that are switched on for a folder (none when it cannot be asked). */
async function filesExclude(folder: string): Promise<string[]> {
	if (!canPullConfiguration) return [];
	try {
		const value: unknown = await connection.workspace.getConfiguration({ scopeUri: pathToFileURL(folder).toString(), section: 'files.exclude' });
		if (typeof value !== 'object' || value === null) return [];
		const globs = Object.entries(value)
			.filter(([, on]) => on === true)
			.map(([glob]) => glob);
		for (const glob of refusedGlobs(globs))
			connection.console.warn(`files.exclude: "${glob}" expands to more than ${formatNumber(MAX_GLOB_EXPANSIONS)} patterns; it is not applied.`);
		return globs;
	} catch {
		return [];
	}
}

connection.onNotification('workspace/didChangeWorkspaceFolders', (params: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
	const removed = new Set(params.event.removed.map((f) => fsPathOf(f.uri)));
	const folders = [
		...teamConfigs.allFolders.filter((f) => !removed.has(f)),
		...params.event.added.map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined),
	];
	teamConfigs.setFolders(folders);
	forgetSettings();
	void buildIndex();
});

documents.onDidOpen((event) => {
	const folder = configFolderOf(event.document.uri);
	if (folder !== undefined) {
		teamConfigs.load(folder, event.document.getText());
		configChanged(folder);
	} else schedule(event.document.uri);
});
documents.onDidChangeContent((event) => {
	const folder = configFolderOf(event.document.uri);
	if (folder !== undefined) {
		teamConfigs.load(folder, event.document.getText());
		configChanged(folder);
		return;
	}
	// This document first: its new facts reach the index before the others are analysed against it.
	schedule(event.document.uri);
	rescheduleOthers(event.document.uri);
});

/** Other open documents may call functions of a changed file: analyse them again, and have their hints and lenses fetched again. */
function rescheduleOthers(except?: string): void {
	let others = false;
	for (const document of documents.all()) {
		if (document.uri === except || configFolderOf(document.uri)) continue;
		schedule(document.uri);
		others = true;
	}
	if (!others) return;
	clearTimeout(refreshTimer);
	refreshTimer = setTimeout(refreshViews, DIAGNOSTIC_DELAY_MS);
}
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
documents.onDidClose((event) => {
	const uri = event.document.uri;
	const folder = configFolderOf(uri);
	if (folder !== undefined) {
		// Unsaved edits are gone: the file on disk is the configuration again.
		teamConfigs.load(folder);
		configChanged(folder);
		return;
	}
	clearTimeout(pending.get(uri));
	pending.delete(uri);
	cache.delete(uri);
	scanned.delete(uri);
	settingsCache.delete(uri);
	// The index follows the file on disk again.
	const path = fsPathOf(uri);
	if (path) index.closed(path, teamConfigs.folderFor(path) !== undefined);
	void connection.sendDiagnostics({ uri, diagnostics: [] });
	refreshStatus();
});

/**
 * Answers a request about an open document from its one cached analysis. No document, no analysis
 * (a language we do not read, a file too large) or a failure answers `none`; a failure is logged.
 */
async function fromAnalysis<T>(uri: string, what: string, none: T, answer: (entry: CacheEntry, document: TextDocument) => T): Promise<T> {
	const document = documents.get(uri);
	if (!document) return none;
	try {
		const entry = await analysisOf(document);
		return entry ? answer(entry, document) : none;
	} catch (error) {
		connection.console.error(`${what} failed: ${String(error)}`);
		return none;
	}
}

/** The zoho-credits.json a document's entry points would be added to: the open editor's text, else the disk's. */
function teamFileOf(uri: string): TeamFile | undefined {
	const path = fsPathOf(uri);
	const folder = path === undefined ? undefined : teamConfigs.folderFor(path);
	if (path === undefined || folder === undefined) return undefined;
	const state = teamConfigs.state(folder);
	const configUri = pathToFileURL(state.path).toString();
	const open = documents.get(configUri);
	return {
		uri: configUri,
		text: open?.getText() ?? state.text,
		exists: open !== undefined || state.exists,
		relativePath: relativePosix(folder, path),
		canCreate: canCreateFiles,
	};
}

connection.onHover((params) =>
	fromAnalysis(params.textDocument.uri, 'Hover', null, ({ analysis }, document) =>
		hover(analysis, document.offsetAt(params.position), explainCommand ? params.textDocument.uri : undefined),
	),
);
connection.onRequest(explainRequest, (params) =>
	fromAnalysis(params.uri, 'Explain', null, ({ analysis }) => {
		const call = callAt(analysis, params.offset);
		return call ? hoverMarkdown(analysis, call) : null;
	}),
);
connection.languages.inlayHint.on((params) =>
	fromAnalysis(params.textDocument.uri, 'Inlay hints', [], ({ analysis, settings }) => inlayHints(analysis, params.range, settings.inlayHints)),
);
connection.onCodeAction((params) =>
	fromAnalysis(params.textDocument.uri, 'Code actions', [], ({ analysis }) =>
		codeActions(analysis, params.textDocument.uri, params.range, params.context.diagnostics, teamFileOf(params.textDocument.uri)),
	),
);
connection.onRequest(workspaceReportRequest, () => workspaceReport());

/** Stores a file the user picked as the folder's calibration; its problems come back as the request's error. */
function importFromClient(raw: unknown): ImportCalibrationResult {
	const args = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ImportCalibrationArguments>;
	if ((args.kind !== 'apis' && args.kind !== 'usage') || typeof args.text !== 'string' || typeof args.fileName !== 'string') {
		throw new ResponseError(ErrorCodes.InvalidParams, 'An import needs a kind (apis or usage), the file name and its text.');
	}
	const folder = (args.folder ? fsPathOf(args.folder) : undefined) ?? teamConfigs.allFolders.at(-1);
	if (folder === undefined || !teamConfigs.allFolders.includes(folder))
		throw new ResponseError(ErrorCodes.InvalidParams, 'Open a workspace folder to import into.');
	try {
		const result = importCalibrationText(args.kind as CalibrationKind, args.text, args.fileName, folder);
		calibrations.delete(folder);
		configChanged(folder);
		connection.console.log(`Imported ${args.fileName}: ${result.summary}, written to ${result.written}.`);
		return { written: pathToFileURL(result.written).toString(), summary: result.summary };
	} catch (error) {
		throw new ResponseError(ErrorCodes.InvalidParams, (error as Error).message);
	}
}
connection.onExecuteCommand(async (params) => {
	if (params.command === ServerCommands.rescan) {
		await buildIndex();
		return;
	}
	if (params.command === ServerCommands.importCalibration) return importFromClient(params.arguments?.[0]);
	// Only the URL as parsed goes to the editor, never the text the command was given.
	const url = params.command === ServerCommands.openDocumentation ? documentationUrl(params.arguments?.[0]) : undefined;
	if (url === undefined) return;
	const shown = await connection.window.showDocument({ uri: url, external: true }).catch(() => ({ success: false }));
	if (!shown.success) connection.console.warn(`The editor could not open ${url}.`);
	return undefined;
});
connection.onCodeLens((params) => fromAnalysis(params.textDocument.uri, 'Code lens', [], ({ analysis }) => codeLenses(analysis)));

documents.listen(connection);
connection.listen();
