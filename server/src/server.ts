/**
 * Zoho Credit Lens language server: LSP wiring only. Every answer is a projection of one cached
 * analysis per document version (see views/); nothing here computes credits itself.
 */
import {
	type Connection,
	createConnection,
	type InitializeResult,
	ProposedFeatures,
	TextDocumentSyncKind,
	TextDocuments,
} from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile, type FileAnalysis, languageOf, MAX_FILE_LENGTH } from './core/analysis';
import { resolveBudget } from './core/budget';
import { StatusNotification, type ZohoCreditsSettings } from './protocol';
import { analysisSettings, DEFAULT_EDITOR_SETTINGS, normalizeSettings } from './settings';
import { diagnostics } from './views/diagnostics';
import { hover } from './views/hover';
import { inlayHints } from './views/inlay-hints';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function connect(): Connection {
	const hasTransport = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(flag + '=')));
	if (hasTransport) return createConnection(ProposedFeatures.all);
	// Started with no transport flag (for example from a terminal or a minimal editor config): use stdio.
	return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
}

const connection = connect();
const documents = new TextDocuments(TextDocument);

let canPullConfiguration = false;
let relatedInformation = false;
const DIAGNOSTIC_DELAY_MS = 150;

interface CacheEntry {
	version: number;
	settings: ZohoCreditsSettings;
	analysis: FileAnalysis;
}
const cache = new Map<string, CacheEntry>();
const settingsCache = new Map<string, Promise<ZohoCreditsSettings>>();
const pending = new Map<string, NodeJS.Timeout>();
/** Documents skipped for their size, so the note is logged once. */
const tooLarge = new Set<string>();
let lastSettings: ZohoCreditsSettings = DEFAULT_EDITOR_SETTINGS;

/** Settings for a document, or the window's settings when no document is given. */
function settingsFor(uri?: string): Promise<ZohoCreditsSettings> {
	if (!canPullConfiguration) return Promise.resolve(DEFAULT_EDITOR_SETTINGS);
	const key = uri ?? '';
	let result = settingsCache.get(key);
	if (!result) {
		result = connection.workspace
			.getConfiguration(uri === undefined ? { section: 'zohoCredits' } : { scopeUri: uri, section: 'zohoCredits' })
			.then(normalizeSettings, (error: unknown) => {
				connection.console.warn(`Could not read settings, using defaults: ${String(error)}`);
				return DEFAULT_EDITOR_SETTINGS;
			});
		settingsCache.set(key, result);
	}
	return result;
}

/** The analysis of a document at its current version, computed at most once per version and settings. */
async function analysisOf(document: TextDocument): Promise<{ analysis: FileAnalysis; settings: ZohoCreditsSettings } | undefined> {
	const language = languageOf(document.uri, document.languageId);
	if (!language) return undefined;
	if (document.getText().length > MAX_FILE_LENGTH) {
		if (!tooLarge.has(document.uri)) {
			tooLarge.add(document.uri);
			connection.console.info(`Skipped ${document.uri}: larger than ${MAX_FILE_LENGTH / 1024 / 1024} MB.`);
		}
		return undefined;
	}
	tooLarge.delete(document.uri);
	const settings = await settingsFor(document.uri);
	const cached = cache.get(document.uri);
	if (cached && cached.version === document.version && cached.settings === settings) return cached;
	const analysis = analyzeFile(document.uri, language, document.getText(), analysisSettings(settings));
	const entry = { version: document.version, settings, analysis };
	cache.set(document.uri, entry);
	lastSettings = settings;
	updateStatus();
	return entry;
}

let lastStatusKey = '';

/** Sends the status when it differs from the last one sent: busy while analyses are pending. */
function updateStatus(): void {
	const budget = resolveBudget(analysisSettings(lastSettings));
	const quiescent = pending.size === 0;
	const status = {
		health: 'ok' as const,
		quiescent,
		message: quiescent ? 'ready.' : 'analysing…',
		edition: budget.edition,
		editionLabel: budget.editionLabel,
		users: budget.users,
		dailyCredits: budget.dailyCredits,
	};
	const key = JSON.stringify(status);
	if (key === lastStatusKey) return;
	lastStatusKey = key;
	void connection.sendNotification(StatusNotification.type, status);
}

async function publish(uri: string): Promise<void> {
	const document = documents.get(uri);
	if (!document) return;
	try {
		const result = await analysisOf(document);
		// The document may have changed or closed while settings were read.
		if (documents.get(uri)?.version !== document.version) return;
		await connection.sendDiagnostics({ uri, version: document.version, diagnostics: result ? diagnostics(result.analysis, uri, relatedInformation) : [] });
	} catch (error) {
		connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		await connection.sendDiagnostics({ uri, diagnostics: [] });
	} finally {
		updateStatus();
	}
}

function schedule(uri: string): void {
	clearTimeout(pending.get(uri));
	pending.set(
		uri,
		setTimeout(() => {
			pending.delete(uri);
			void publish(uri);
		}, DIAGNOSTIC_DELAY_MS),
	);
	updateStatus();
}

connection.onInitialize((params): InitializeResult => {
	const capabilities = params.capabilities;
	canPullConfiguration = capabilities.workspace?.configuration === true;
	relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
	return {
		capabilities: {
			textDocumentSync: TextDocumentSyncKind.Incremental,
			hoverProvider: true,
			inlayHintProvider: true,
		},
		serverInfo: { name: 'zoho-credit-lens', version: process.env.ZOHO_CREDIT_LENS_VERSION ?? '0.1.0' },
	};
});

connection.onInitialized(() => updateStatus());

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	for (const document of documents.all()) schedule(document.uri);
	if (!canPullConfiguration) return;
	// Refresh the status bar even when no document is open.
	void settingsFor().then((settings) => {
		lastSettings = settings;
		updateStatus();
	});
	void connection.languages.inlayHint.refresh().catch(() => undefined);
});

documents.onDidOpen((event) => schedule(event.document.uri));
documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidClose((event) => {
	clearTimeout(pending.get(event.document.uri));
	pending.delete(event.document.uri);
	cache.delete(event.document.uri);
	settingsCache.delete(event.document.uri);
	void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onHover(async (params) => {
	const document = documents.get(params.textDocument.uri);
	if (!document) return null;
	try {
		const result = await analysisOf(document);
		return result ? hover(result.analysis, document.offsetAt(params.position)) : null;
	} catch (error) {
		connection.console.error(`Hover failed: ${String(error)}`);
		return null;
	}
});

connection.languages.inlayHint.on(async (params) => {
	const document = documents.get(params.textDocument.uri);
	if (!document) return [];
	try {
		const result = await analysisOf(document);
		return result ? inlayHints(result.analysis, params.range, result.settings.inlayHints) : [];
	} catch (error) {
		connection.console.error(`Inlay hints failed: ${String(error)}`);
		return [];
	}
});

documents.listen(connection);
connection.listen();
