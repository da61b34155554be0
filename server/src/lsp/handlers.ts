/**
 * The server's answers, each a function of (session, params): requests read the cached analysis of a
 * document through `fromAnalysis`; notifications tell the session what changed.
 */
import { pathToFileURL } from 'node:url';
import {
	CodeActionKind,
	type CodeActionParams,
	type CodeLensParams,
	type DidChangeWatchedFilesParams,
	DidChangeWatchedFilesNotification,
	ErrorCodes,
	type ExecuteCommandParams,
	FileChangeType,
	type HoverParams,
	type InitializeParams,
	type InitializeResult,
	type InlayHintParams,
	ResponseError,
	TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from '../core/analysis';
import { TEAM_CONFIG_FILE } from '../core/config';
import { documentationUrl } from '../core/documentation-url';
import { callAt, hoverMarkdown } from '../core/explain-markdown';
import {
	type ExplainParams,
	type ImportCalibrationArguments,
	type ImportCalibrationResult,
	type InitializationOptions,
	ServerCommands,
	type WorkspaceReport,
} from '../../../shared/protocol';
import { type CalibrationKind, importCalibrationText } from '../workspace/calibration';
import { isExcluded } from '../workspace/discover';
import { type CacheEntry, type Session, SOURCE_GLOB } from './session';
import { codeActions } from './views/code-actions';
import { codeLenses } from './views/code-lens';
import { hover } from './views/hover';
import { inlayHints } from './views/inlay-hints';

export function initialize(session: Session, params: InitializeParams): InitializeResult {
	// The documents' scanner thread starts while the editor finishes starting: the first document opened is scanned at once.
	session.scanPool.prepareDocuments();
	const capabilities = params.capabilities;
	const options = params.initializationOptions as InitializationOptions | undefined;
	session.client = {
		canPullConfiguration: capabilities.workspace?.configuration === true,
		canRegisterWatchers: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
		relatedInformation: capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
		canCreateFiles:
			capabilities.workspace?.workspaceEdit?.documentChanges === true && (capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
		clientValidatesConfigSchema: options?.clientValidatesConfigSchema === true,
		explainCommand: options?.explainCommand === true,
	};
	const folders = (params.workspaceFolders ?? []).map((f) => session.fsPathOf(f.uri)).filter((p): p is string => p !== undefined);
	if (folders.length === 0 && params.rootUri) {
		const root = session.fsPathOf(params.rootUri);
		if (root) folders.push(root);
	}
	if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
	session.teamConfigs.setFolders(folders);
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
}

export function initialized(session: Session): void {
	const { teamConfigs, connection } = session;
	for (const folder of teamConfigs.allFolders) if (teamConfigs.state(folder).exists) session.publishConfigDiagnostics(folder);
	if (session.client.canRegisterWatchers) {
		void connection.client
			.register(DidChangeWatchedFilesNotification.type, {
				watchers: [{ globPattern: `**/${TEAM_CONFIG_FILE}` }, { globPattern: '**/.zoho-credits/*.json' }, { globPattern: SOURCE_GLOB }],
			})
			.catch(() => undefined);
	}
	session.refreshStatus();
	void session.buildIndex();
}

export function didChangeWatchedFiles(session: Session, params: DidChangeWatchedFilesParams): void {
	const { documents, teamConfigs, index } = session;
	let sources = false;
	for (const change of params.changes) {
		// Open documents are followed through their edits, not the disk.
		if (documents.get(change.uri)) continue;
		const folder = session.configFolderOf(change.uri);
		if (folder !== undefined) {
			teamConfigs.load(folder);
			session.configChanged(folder);
			continue;
		}
		const calibrated = session.calibrationFolderOf(change.uri);
		if (calibrated !== undefined) {
			session.calibrations.delete(calibrated);
			session.configChanged(calibrated);
			continue;
		}
		const path = session.fsPathOf(change.uri);
		const root = path === undefined ? undefined : teamConfigs.folderFor(path);
		if (!path || root === undefined || !languageOf(path) || isExcluded(root, path, session.discoveryOptions.get(root))) continue;
		if (change.type === FileChangeType.Deleted) {
			index.delete(path);
			sources = true;
		} else {
			// Read and scanned off this thread; the views follow once the facts are in.
			void index.reload(path).then((skipped) => {
				if (skipped !== undefined) session.connection.console.info(`Skipped ${path}: ${skipped}.`);
				session.rescheduleOthers();
				session.reports.schedule();
			});
		}
	}
	if (sources) {
		session.rescheduleOthers();
		session.reports.schedule();
	}
}

export function didChangeWorkspaceFolders(session: Session, params: { event: { added: { uri: string }[]; removed: { uri: string }[] } }): void {
	const { teamConfigs } = session;
	const removed = new Set(params.event.removed.map((f) => session.fsPathOf(f.uri)));
	const folders = [
		...teamConfigs.allFolders.filter((f) => !removed.has(f)),
		...params.event.added.map((f) => session.fsPathOf(f.uri)).filter((p): p is string => p !== undefined),
	];
	teamConfigs.setFolders(folders);
	session.forgetSettings();
	void session.buildIndex();
}

export function didOpen(session: Session, document: TextDocument): void {
	const folder = session.configFolderOf(document.uri);
	if (folder !== undefined) {
		session.teamConfigs.load(folder, document.getText());
		session.configChanged(folder);
	} else session.schedule(document.uri);
}

export function didChangeContent(session: Session, document: TextDocument): void {
	const folder = session.configFolderOf(document.uri);
	if (folder !== undefined) {
		session.teamConfigs.load(folder, document.getText());
		session.configChanged(folder);
		return;
	}
	// This document first: its new facts reach the index before the others are analysed against it.
	session.schedule(document.uri);
	session.rescheduleOthers(document.uri);
}

export function didClose(session: Session, document: TextDocument): void {
	const folder = session.configFolderOf(document.uri);
	if (folder !== undefined) {
		// Unsaved edits are gone: the file on disk is the configuration again.
		session.teamConfigs.load(folder);
		session.configChanged(folder);
		return;
	}
	session.forget(document.uri);
}

/**
 * Answers a request about an open document from its one cached analysis. No document, no analysis
 * (a language we do not read, a file too large) or a failure answers `none`; a failure is logged.
 */
async function fromAnalysis<T>(session: Session, uri: string, what: string, none: T, answer: (entry: CacheEntry, document: TextDocument) => T): Promise<T> {
	const document = session.documents.get(uri);
	if (!document) return none;
	try {
		const entry = await session.analysisOf(document);
		return entry ? answer(entry, document) : none;
	} catch (error) {
		session.connection.console.error(`${what} failed: ${String(error)}`);
		return none;
	}
}

export function onHover(session: Session, params: HoverParams) {
	return fromAnalysis(session, params.textDocument.uri, 'Hover', null, ({ analysis }, document) =>
		hover(analysis, document.offsetAt(params.position), session.client.explainCommand ? params.textDocument.uri : undefined),
	);
}

export function onExplain(session: Session, params: ExplainParams): Promise<string | null> {
	return fromAnalysis(session, params.uri, 'Explain', null, ({ analysis }) => {
		const call = callAt(analysis, params.offset);
		return call ? hoverMarkdown(analysis, call) : null;
	});
}

export function onInlayHints(session: Session, params: InlayHintParams) {
	return fromAnalysis(session, params.textDocument.uri, 'Inlay hints', [], ({ analysis, settings }) => inlayHints(analysis, params.range, settings.inlayHints));
}

export function onCodeAction(session: Session, params: CodeActionParams) {
	return fromAnalysis(session, params.textDocument.uri, 'Code actions', [], ({ analysis }) =>
		codeActions(analysis, params.textDocument.uri, params.range, params.context.diagnostics, session.teamFileOf(params.textDocument.uri)),
	);
}

export function onCodeLens(session: Session, params: CodeLensParams) {
	return fromAnalysis(session, params.textDocument.uri, 'Code lens', [], ({ analysis }) => codeLenses(analysis));
}

export function onWorkspaceReport(session: Session): Promise<WorkspaceReport> {
	return session.reports.current();
}

/** Stores a file the user picked as the folder's calibration; its problems come back as the request's error. */
function importFromClient(session: Session, raw: unknown): ImportCalibrationResult {
	const { teamConfigs } = session;
	const args = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ImportCalibrationArguments>;
	if ((args.kind !== 'apis' && args.kind !== 'usage') || typeof args.text !== 'string' || typeof args.fileName !== 'string') {
		throw new ResponseError(ErrorCodes.InvalidParams, 'An import needs a kind (apis or usage), the file name and its text.');
	}
	const folder = (args.folder ? session.fsPathOf(args.folder) : undefined) ?? teamConfigs.allFolders.at(-1);
	if (folder === undefined || !teamConfigs.allFolders.includes(folder))
		throw new ResponseError(ErrorCodes.InvalidParams, 'Open a workspace folder to import into.');
	try {
		const result = importCalibrationText(args.kind as CalibrationKind, args.text, args.fileName, folder);
		session.calibrations.delete(folder);
		session.configChanged(folder);
		session.connection.console.log(`Imported ${args.fileName}: ${result.summary}, written to ${result.written}.`);
		return { written: pathToFileURL(result.written).toString(), summary: result.summary };
	} catch (error) {
		throw new ResponseError(ErrorCodes.InvalidParams, (error as Error).message);
	}
}

export async function onExecuteCommand(session: Session, params: ExecuteCommandParams): Promise<ImportCalibrationResult | undefined> {
	if (params.command === ServerCommands.rescan) {
		await session.buildIndex();
		return undefined;
	}
	if (params.command === ServerCommands.importCalibration) return importFromClient(session, params.arguments?.[0]);
	// Only the URL as parsed goes to the editor, never the text the command was given.
	const url = params.command === ServerCommands.openDocumentation ? documentationUrl(params.arguments?.[0]) : undefined;
	if (url === undefined) return undefined;
	const shown = await session.connection.window.showDocument({ uri: url, external: true }).catch(() => ({ success: false }));
	if (!shown.success) session.connection.console.warn(`The editor could not open ${url}.`);
	return undefined;
}
