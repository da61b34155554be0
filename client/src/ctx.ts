import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { formatNumber, formatPercent } from '../../shared/format';
import { Commands, type InitializationOptions, SERVER_ENV, SERVER_NODE_OPTIONS, type StatusParams } from '../../shared/protocol';
import { explainRequest, statusNotification, workspaceReportRequest } from './messages';
import { delugeFilters, explicitSettings } from './config';
import { ReportStore } from './report-store';

export const SELECTOR = [
	...['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'deluge'].flatMap((language) => [
		{ scheme: 'file', language },
		{ scheme: 'untitled', language },
	]),
	// The team file: the server follows its edits as they are typed.
	{ scheme: 'file', pattern: '**/zoho-credits.json' },
];

const TRUSTED_COMMANDS = [Commands.selectEdition, Commands.openConfiguration, Commands.showBudgetPanel, Commands.explainCall];

/** Owns the language client, the output channel and the status bar item. */
export class Ctx implements vscode.Disposable {
	readonly output = vscode.window.createOutputChannel('Zoho Credit Lens', { log: true });
	private readonly status = vscode.window.createStatusBarItem('zohoCredits.status', vscode.StatusBarAlignment.Right, 100);
	private client: LanguageClient | undefined;
	private readonly disposables: vscode.Disposable[] = [];
	/** The workspace report, for the budget panel, the tree view and Export Report. */
	readonly reports = new ReportStore(async () => {
		const client = this.client;
		return client?.isRunning() ? client.sendRequest(workspaceReportRequest) : undefined;
	});
	/** The whole reasoning behind the call at a place, as the server writes it; undefined when no call is there. */
	async explain(uri: string, offset: number): Promise<string | undefined> {
		const client = this.client;
		if (!client?.isRunning()) return undefined;
		return (await client.sendRequest(explainRequest, { uri, offset })) ?? undefined;
	}

	/** Ends the indexing progress notification, while one is shown. */
	private endIndexing: (() => void) | undefined;
	private reportIndexing: ((message: string) => void) | undefined;

	constructor(private readonly extension: vscode.ExtensionContext) {
		this.status.name = 'Zoho Credit Lens';
		this.status.command = Commands.showBudgetPanel;
		this.showStarting();
		this.status.show();
		const teamFiles = vscode.workspace.createFileSystemWatcher('**/zoho-credits.json');
		this.disposables.push(
			vscode.workspace.onDidChangeConfiguration((event) => {
				// files.exclude decides which files the server reads.
				if (event.affectsConfiguration('zohoCredits') || event.affectsConfiguration('files.exclude')) {
					void this.client?.sendNotification('workspace/didChangeConfiguration', { settings: null });
				}
				if (event.affectsConfiguration('zohoCredits.deluge')) void this.followDelugeGlobs();
			}),
			teamFiles,
			teamFiles.onDidChange(() => this.followDelugeGlobs()),
			teamFiles.onDidCreate(() => this.followDelugeGlobs()),
			teamFiles.onDidDelete(() => this.followDelugeGlobs()),
		);
	}

	/** The Deluge globs the running client's document selector was made with. */
	private delugeKey = '';

	/** The client's document selector is fixed once started: when the Deluge globs change, start it again with the new ones. */
	private async followDelugeGlobs(): Promise<void> {
		if (!this.client) return;
		if (JSON.stringify(await delugeFilters()) === this.delugeKey) return;
		this.output.info('The Deluge file globs changed: restarting the language server to follow them.');
		await this.restart();
	}

	async start(): Promise<void> {
		this.reports.reset();
		const deluge = await delugeFilters();
		this.delugeKey = JSON.stringify(deluge);
		const module = this.extension.asAbsolutePath('dist/server.js');
		const serverOptions: ServerOptions = {
			run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS], env: { ...SERVER_ENV } } },
			debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } } },
		};
		const initializationOptions: InitializationOptions = { clientValidatesConfigSchema: true, explainCommand: true };
		const clientOptions: LanguageClientOptions = {
			documentSelector: [...SELECTOR, ...deluge],
			outputChannel: this.output,
			traceOutputChannel: this.output,
			initializationOptions,
			// Hover links such as "Set edition and users" run our commands, and only those.
			markdown: { isTrusted: { enabledCommands: TRUSTED_COMMANDS } },
			middleware: {
				workspace: {
					// Hand the server only what the user set, so it can tell configured values from defaults.
					configuration: (params, token, next) =>
						params.items.some((item) => item.section === 'zohoCredits')
							? params.items.map((item) =>
									item.section === 'zohoCredits' ? explicitSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null,
								)
							: next(params, token),
				},
			},
		};
		const client = new LanguageClient('zohoCredits', 'Zoho Credit Lens', serverOptions, clientOptions);
		this.client = client;
		client.onDidChangeState((event) => {
			if (event.newState === State.Stopped) this.showStopped();
			else if (event.newState === State.Starting) this.showStarting();
		});
		client.onNotification(statusNotification, (params) => this.showStatus(params));
		this.showStarting();
		try {
			await client.start();
		} catch (error) {
			this.output.error(`The Zoho Credit Lens server could not start: ${String(error)}`);
			this.showStopped();
		}
	}

	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	async stop(): Promise<void> {
		const client = this.client;
		this.client = undefined;
		if (client) await client.stop().catch(() => undefined);
	}

	private showStarting(): void {
		this.status.text = '$(sync~spin) Zoho Credits';
		this.status.tooltip = 'Zoho Credit Lens: starting the language server';
		this.status.backgroundColor = undefined;
	}

	/** A progress notification while the server reads the workspace, following its "Indexing n of m files" message. */
	private followIndexing(params: StatusParams): void {
		const reading = params.message.startsWith('Indexing');
		if (reading && !this.endIndexing) {
			void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Zoho Credit Lens' }, (progress) => {
				this.reportIndexing = (message) => progress.report({ message });
				this.reportIndexing(params.message);
				return new Promise<void>((resolve) => {
					this.endIndexing = () => {
						this.endIndexing = undefined;
						this.reportIndexing = undefined;
						resolve();
					};
				});
			});
		} else if (reading) this.reportIndexing?.(params.message);
		else this.endIndexing?.();
	}

	private showStopped(): void {
		this.endIndexing?.();
		this.status.text = '$(error) Zoho Credits';
		this.status.command = 'zohoCredits.showOutput';
		this.status.tooltip = 'Zoho Credit Lens: the language server stopped. Click to see its output.';
		this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
	}

	/** The budget the server last said is in force, for pickers to start from. */
	get budgetInForce(): { edition: string; users: number; table: string } | undefined {
		const s = this.lastStatus;
		return s && { edition: s.edition, users: s.users, table: s.table };
	}

	private lastStatus: StatusParams | undefined;

	private showStatus(params: StatusParams): void {
		this.lastStatus = params;
		const icon = params.health === 'error' ? '$(error)' : params.health === 'warning' ? '$(warning)' : params.quiescent ? '$(pulse)' : '$(sync~spin)';
		const usage = params.usage;
		this.status.text = `${icon} Zoho ${params.editionLabel}${params.budgetAssumed ? ' (assumed)' : ''}${usage ? ` · ${formatPercent(usage.shareOfDaily)}` : ''}`;
		this.status.command = Commands.showBudgetPanel;
		const md = new vscode.MarkdownString(undefined, true);
		md.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
		md.appendMarkdown(`**Zoho Credit Lens** ${params.message}\n\n`);
		md.appendMarkdown(
			`${params.editionLabel} (${params.editionOrigin}), ${formatNumber(params.users)} users, ${params.table} table (${params.tableDated}): ${formatNumber(params.dailyCredits)} credits a day.\n\n`,
		);
		if (usage) {
			const findings = [
				usage.errors ? `${usage.errors} error${usage.errors === 1 ? '' : 's'}` : '',
				usage.warnings ? `${usage.warnings} warning${usage.warnings === 1 ? '' : 's'}` : '',
			].filter(Boolean);
			md.appendMarkdown(
				`Estimated use today, the whole workspace (not only the open files): ${formatNumber(usage.perDay)} credits (${formatPercent(usage.shareOfDaily)}) from ${usage.entryPoints} entry point${usage.entryPoints === 1 ? '' : 's'}${findings.length ? `; ${findings.join(', ')}` : ''}.\n\n`,
			);
		}
		md.appendMarkdown(
			`[Show budget panel](command:${Commands.showBudgetPanel}) · [Set edition and users](command:${Commands.selectEdition}) · [Open ${'zoho-credits.json'}](command:${Commands.openConfiguration})`,
		);
		this.status.tooltip = md;
		const over = usage !== undefined && usage.shareOfDaily >= 1;
		this.status.backgroundColor =
			params.health === 'error'
				? new vscode.ThemeColor('statusBarItem.errorBackground')
				: params.health === 'warning' || over
					? new vscode.ThemeColor('statusBarItem.warningBackground')
					: undefined;
		this.followIndexing(params);
		if (usage) this.reports.revised(usage.revision);
	}

	dispose(): void {
		this.endIndexing?.();
		this.reports.dispose();
		this.status.dispose();
		this.output.dispose();
		for (const d of this.disposables) d.dispose();
	}
}
