/**
 * Custom messages between the Zoho Credit Lens client and server, and the settings they share: method
 * names and the shapes they carry. Plain data and types, so either side (and any other LSP client)
 * reads it without the protocol library; each side makes its typed messages from these names.
 */
import type { JsonReport } from './report';

/**
 * Settings under `zohoCredits.*` as the client sends them for a document: only the values the user
 * set explicitly, so the server can tell a configured value from a default.
 */
export interface ZohoCreditsSettings {
	edition?: string;
	users?: number;
	addOnCredits?: number;
	budgetTable?: string;
	thresholds?: { warning?: number; error?: number };
	defaultLoopIterations?: number;
	moduleSizes?: Record<string, number>;
	entryPoints?: { function?: string; file?: string; runsPerDay: number }[];
	ignore?: string[];
	deluge?: string[];
	/** Editor only: where inline hints appear. */
	inlayHints?: 'all' | 'loops' | 'off';
}

/**
 * Node options the client starts the server with. V8 lets the young generation grow to 16 MB a
 * semi-space by default; at 2 MB the garbage of totalling a large workspace is collected early
 * instead of taking tens of megabytes of resident memory. V8 also lets the old generation grow to
 * several times what survived its last collection before it collects again; held to 1.4 times, the
 * garbage of indexing and totalling 2,000 files peaks lower (peak resident memory 186–205 MB over
 * ten runs, nine under 200 MB, against 200–211 MB), at about 1 ms more for an edit of a 3,000-line
 * file. Other editors can pass the same
 * (`node --max-semi-space-size=2 --heap-growing-percent=40 dist/server.js --stdio`).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=40'];

/**
 * Environment the client adds when it starts the server. On Linux, glibc raises the size above which
 * it gives freed memory back to the system as large blocks are freed, and the memory the scanner
 * threads had freed stayed resident: about 40 MB after indexing 2,000 files. Fixing the threshold at
 * glibc's default (128 KB) gives it back. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };

/** `initializationOptions` a client may send. */
export interface InitializationOptions {
	/**
	 * True when the editor validates zoho-credits.json against the JSON schema itself (VS Code does,
	 * through `jsonValidation`); the server then reports only what the schema cannot, so nothing shows twice.
	 */
	clientValidatesConfigSchema?: boolean;
	/**
	 * True when the editor runs the `zohoCredits.explainCall` command from a hover link (VS Code does): a
	 * hover on a call with a finding then shows the figures in short and links to the whole reasoning.
	 */
	explainCommand?: boolean;
}

/** Where a call is: the document and the offset of a position on it. */
export interface ExplainParams {
	uri: string;
	offset: number;
}

/** The whole reasoning behind the call at a place, as Markdown (what `zoho-credits explain` prints); null when no call is there. */
export const ExplainRequest = { method: 'zohoCreditLens/explain' } as const;

export type Health = 'ok' | 'warning' | 'error';

/** Server state and the budget in force, for the status bar. */
export interface StatusParams {
	health: Health;
	/** False while the server is analysing. */
	quiescent: boolean;
	message: string;
	edition: string;
	editionLabel: string;
	users: number;
	table: string;
	/** When the edition table in force was published or read: "read 2026-11-25". */
	tableDated: string;
	dailyCredits: number;
	/** True when edition or users are defaults nobody configured. */
	budgetAssumed: boolean;
	/** Where the edition came from: "from zoho-credits.json", "from settings" or "assumed". */
	editionOrigin: string;
	/** The workspace's estimated use of the allowance; absent until the workspace has been totalled once. */
	usage?: WorkspaceUsage;
}

/** The workspace total the status bar shows. */
export interface WorkspaceUsage {
	perDay: number;
	shareOfDaily: number;
	entryPoints: number;
	errors: number;
	warnings: number;
	/** Changes whenever the workspace report may have changed: views holding the report fetch it again. */
	revision: number;
}

/** The whole workspace's report, for the budget panel, the tree view and Export Report. */
export interface WorkspaceReport {
	report: JsonReport;
	/** The assumptions the numbers rest on, one sentence each. */
	assumptions: string[];
	/** The file URI of each path in the report, so a view can open the code. */
	uris: Record<string, string>;
	/** True while the workspace is still being read: the numbers are not complete yet. */
	indexing: boolean;
	revision: number;
	/** True when the edition or the users are defaults nobody configured: the status bar says "(assumed)" too. */
	budgetAssumed?: boolean;
	/** When the edition table in force was published or read: "read 2026-11-25". */
	tableDated?: string;
}

/** Asks the server for the workspace report (computed once per change of the workspace, then cached). */
export const WorkspaceReportRequest = { method: 'zohoCreditLens/workspaceReport' } as const;

/**
 * Sent by the server to the client whenever its state or the configured budget changes.
 * The client shows it in the status bar item.
 */
export const StatusNotification = { method: 'zohoCreditLens/status' } as const;

/** Commands the server's hover and status texts link to; the client implements them. */
export const Commands = {
	selectEdition: 'zohoCredits.selectEdition',
	openConfiguration: 'zohoCredits.openConfiguration',
	showBudgetPanel: 'zohoCredits.showBudgetPanel',
	/** Opens the whole reasoning behind a call (`[uri, offset]`) beside the code. */
	explainCall: 'zohoCredits.explainCall',
} as const;

/** Commands the server runs (`workspace/executeCommand`), in any editor. */
export const ServerCommands = {
	/** Opens a Zoho documentation page in the browser through `window/showDocument`. */
	openDocumentation: 'zohoCredits.server.openDocumentation',
	/** Reads every source file of the workspace again. */
	rescan: 'zohoCredits.server.rescan',
	/** Stores an org API list or observed usage as the folder's calibration (`ImportCalibrationArguments`). */
	importCalibration: 'zohoCredits.server.importCalibration',
} as const;

export interface ImportCalibrationArguments {
	/** `apis`: a saved answer of `GET /crm/v8/__apis`; `usage`: observed credits a day (CSV or JSON). */
	readonly kind: 'apis' | 'usage';
	readonly fileName: string;
	readonly text: string;
	/** The workspace folder (URI) to store it in; the first folder when absent. */
	readonly folder?: string;
}

export interface ImportCalibrationResult {
	/** URI of the calibration file written. */
	readonly written: string;
	readonly summary: string;
}
