/**
 * Starts the bundled server (dist/server.js) as a child process over stdio and talks LSP to it
 * with the protocol library's own connection, answering `workspace/configuration` itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	type ClientCapabilities,
	type CodeLens,
	ConfigurationRequest,
	createProtocolConnection,
	type Diagnostic,
	DidChangeConfigurationNotification,
	LogMessageNotification,
	DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification,
	ExitNotification,
	InitializedNotification,
	InitializeRequest,
	type InitializeResult,
	type InlayHint,
	type ProtocolConnection,
	ShowDocumentRequest,
	type ShowDocumentParams,
	ShowMessageRequest,
	type ShowMessageRequestParams,
	PublishDiagnosticsNotification,
	type PublishDiagnosticsParams,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { type StatusParams } from '../../shared/protocol';
import { statusNotification } from '../../server/src/lsp/messages';

export const ROOT = join(__dirname, '..', '..', '..');

export const FULL_CAPABILITIES: ClientCapabilities = {
	workspace: {
		configuration: true,
		didChangeConfiguration: { dynamicRegistration: false },
		inlayHint: { refreshSupport: true },
		workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
	},
	window: { showDocument: { support: true } },
	textDocument: {
		hover: { contentFormat: ['markdown', 'plaintext'] },
		inlayHint: {},
		codeLens: {},
		publishDiagnostics: { relatedInformation: true, versionSupport: true },
		synchronization: { dynamicRegistration: false },
	},
};

/** What Neovim 0.7 offers: push diagnostics only, no configuration, no inlay hints. */
export const MINIMAL_CAPABILITIES: ClientCapabilities = {
	textDocument: { hover: { contentFormat: ['plaintext'] }, publishDiagnostics: {} },
};

export class Server {
	readonly connection: ProtocolConnection;
	readonly process: ChildProcess;
	settings: Record<string, unknown> = {};
	/** Answers for other configuration sections the server asks for (`files.exclude`). */
	readonly sections: Record<string, unknown> = {};
	readonly statuses: StatusParams[] = [];
	/** What the server logged (`window/logMessage`). */
	readonly logs: string[] = [];
	stderr = '';
	private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
	private waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
	private statusWaiters: { predicate: (p: StatusParams) => boolean; resolve: (p: StatusParams) => void }[] = [];
	initializeResult: InitializeResult | undefined;
	/** What the server asked the editor to show (`window/showDocument`). */
	readonly shownDocuments: ShowDocumentParams[] = [];
	/** Messages the server asked the editor to show the user (`window/showMessageRequest`), answered as dismissed. */
	readonly shownMessages: ShowMessageRequestParams[] = [];
	/** Answer `window/showMessageRequest` with an error, as an editor that cannot show one may. */
	refuseMessages = false;

	constructor(args: string[] = ['--stdio'], node: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}) {
		this.process = spawn(process.execPath, [...(node.execArgv ?? []), join(ROOT, 'dist/server.js'), ...args], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: node.env ?? process.env,
		});
		this.process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
		this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
		this.connection.onRequest(ConfigurationRequest.type, (params) =>
			params.items.map((item) => (item.section === 'zohoCredits' ? this.settings : (this.sections[item.section ?? ''] ?? null))),
		);
		this.connection.onRequest(ShowDocumentRequest.type, (params) => {
			this.shownDocuments.push(params);
			return { success: true };
		});
		this.connection.onRequest(ShowMessageRequest.type, (params) => {
			this.shownMessages.push(params);
			// Some editors answer a message they cannot show with an error.
			if (this.refuseMessages) throw new Error('this editor shows no messages');
			return null;
		});
		this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
			this.diagnostics.set(params.uri, params);
			this.waiters = this.waiters.filter((w) => {
				if (w.uri !== params.uri || !w.predicate(params)) return true;
				w.resolve(params);
				return false;
			});
		});
		this.connection.onNotification(LogMessageNotification.type, (params: { message: string }) => {
			this.logs.push(params.message);
		});
		this.connection.onNotification(statusNotification, (params) => {
			this.statuses.push(params);
			this.statusWaiters = this.statusWaiters.filter((w) => {
				if (!w.predicate(params)) return true;
				w.resolve(params);
				return false;
			});
		});
		this.connection.listen();
	}

	async initialize(
		capabilities: ClientCapabilities = FULL_CAPABILITIES,
		options: { folders?: string[]; initializationOptions?: unknown } = {},
	): Promise<InitializeResult> {
		const folders = options.folders?.map((path) => ({ uri: pathToFileURL(path).toString(), name: path }));
		this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
			processId: process.pid,
			rootUri: folders?.[0]?.uri ?? null,
			capabilities,
			workspaceFolders: folders ?? null,
			initializationOptions: options.initializationOptions,
		});
		await this.connection.sendNotification(InitializedNotification.type, {});
		return this.initializeResult;
	}

	async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
		await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
	}

	async close(uri: string): Promise<void> {
		await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	}

	async changeSettings(settings: Record<string, unknown>): Promise<void> {
		this.settings = settings;
		await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
	}

	/** The next diagnostics for `uri` that satisfy `predicate` (or the last ones, if they already do). */
	diagnosticsFor(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
		const last = this.diagnostics.get(uri);
		if (last && predicate(last)) return Promise.resolve(last);
		return withTimeout(new Promise((resolve) => this.waiters.push({ uri, predicate, resolve })), timeoutMs, `diagnostics for ${uri}`);
	}

	status(predicate: (p: StatusParams) => boolean, timeoutMs = 10000): Promise<StatusParams> {
		const found = this.statuses.find(predicate);
		if (found) return Promise.resolve(found);
		return withTimeout(new Promise((resolve) => this.statusWaiters.push({ predicate, resolve })), timeoutMs, 'status');
	}

	/** Shuts down politely and resolves with the exit code. */
	async shutdown(): Promise<number | null> {
		const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
		await this.connection.sendRequest(ShutdownRequest.type);
		await this.connection.sendNotification(ExitNotification.type);
		const code = await withTimeout(exited, 5000, 'exit');
		this.connection.dispose();
		return code;
	}

	kill(): void {
		this.connection.dispose();
		this.process.kill('SIGKILL');
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout;
	return Promise.race([
		promise.finally(() => clearTimeout(timer)),
		new Promise<T>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
		}),
	]);
}

function offsetAt(lines: string[], line: number, character: number): number {
	let offset = 0;
	for (let i = 0; i < line; i++) offset += lines[i].length + 1;
	return offset + character;
}

/** The text with each hint inserted as `/* label *\/` at its position (last first, so positions hold). */
export function renderHints(text: string, hints: InlayHint[]): string {
	const lines = text.split('\n');
	const inserts = hints
		.map((h) => ({
			offset: offsetAt(lines, h.position.line, h.position.character),
			label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
		}))
		.sort((a, b) => b.offset - a.offset);
	let out = text;
	for (const { offset, label } of inserts) out = `${out.slice(0, offset)} /* ${label} */${out.slice(offset)}`;
	return out;
}

/** The text with a `» title` line above each code lens, indented like the line it belongs to. */
export function renderLenses(text: string, lenses: CodeLens[]): string {
	const lines = text.split('\n');
	const above = new Map<number, string[]>();
	for (const lens of lenses) {
		const line = lens.range.start.line;
		const indent = /^\s*/.exec(lines[line])![0];
		above.set(line, [...(above.get(line) ?? []), `${indent}» ${lens.command?.title ?? '(unresolved)'}`]);
	}
	return lines.flatMap((line, i) => [...(above.get(i) ?? []), line]).join('\n');
}

/** The text with `~~~~ [code] message` under each diagnostic's first line. */
export function renderDiagnostics(text: string, diagnostics: Diagnostic[]): string {
	const lines = text.split('\n');
	const notes = new Map<number, string[]>();
	for (const d of diagnostics) {
		const { start, end } = d.range;
		const width = (end.line === start.line ? end.character : lines[start.line].length) - start.character;
		const note = `${' '.repeat(start.character)}${'~'.repeat(Math.max(1, width))} [${String(d.code)}] ${d.message}`;
		notes.set(start.line, [...(notes.get(start.line) ?? []), note]);
	}
	return lines.flatMap((line, i) => [line, ...(notes.get(i) ?? [])]).join('\n');
}
