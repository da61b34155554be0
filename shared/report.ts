/**
 * The JSON report of `zoho-credits scan --format json`, the budget panel and Export Report: the
 * versioned contract both sides read. Types only.
 */

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** The JSON report of `zoho-credits scan --format json`; its shape is a versioned contract. */
export interface JsonReport {
	version: 1;
	budget: { edition: string; users: number; addOnCredits: number; table: string; dailyCredits: number; concurrency: number };
	files: {
		path: string;
		language: string;
		calls: {
			line: number;
			column: number;
			endLine: number;
			endColumn: number;
			api: string;
			operation: string;
			via: string;
			credits: number;
			multiplier: number;
			inLoop: boolean;
			assumed: string[];
			perRun: number;
			/** The range of `perRun` where the price depends on data the code does not show. */
			low: number;
			high: number;
			chain: { path: string; line: number; what: string }[];
		}[];
		/** Deluge only: what each function executes in one run, against the limits of its product (`delugeLimits`). */
		executions?: {
			/** The function's name; absent for a script's statements outside any function. */
			name?: string;
			line: number;
			statements: { perRun: number; low: number; high: number; limit: number };
			/** How deep its calls of other functions nest, whether one leads back into it (`recursive`: through which function), and the product's limit. */
			nestedCalls?: { depth: number; recursive?: string; limit: number };
		}[];
	}[];
	entryPoints: {
		name: string;
		path: string;
		line: number;
		perRun: number;
		runsPerDay: number;
		/** `default` when the runs per day are assumed; else the annotation, zoho-credits.json, settings or command line. */
		runsSource: string;
		perDay: number;
		/** The ranges of `perRun` and `perDay`. */
		low: number;
		high: number;
		perDayLow: number;
		perDayHigh: number;
		shareOfDaily: number;
		/** True when any factor (a loop count, a price, the runs per day) is assumed. */
		assumed: boolean;
		/** The same lines the editor's hover shows: totals, each costly call with its loops, branches, recursion. */
		explanation: string[];
	}[];
	findings: {
		id: string;
		severity: Severity;
		path: string;
		line: number;
		/** 1-based, like `line`. */
		column: number;
		message: string;
		related: { path: string; line: number; message: string }[];
		/** Zoho's page about the API or the limit, when there is one. */
		docs?: string;
		/**
		 * The finding's identity across versions of the code: its check, file, function, the operation or entry
		 * point it is about and its place among such findings of the function, hashed. Lines and wording may change.
		 */
		fingerprint: string;
	}[];
	/** Credits a day by API, over every entry point, dearest first. */
	apis: { api: string; perDay: number }[];
	/** Files that could not be analysed, with the reason; `namesZoho` when the file names Zoho CRM (its calls are missing). */
	skipped: SkippedEntry[];
	totals: { perDay: number; perDayLow: number; perDayHigh: number; shareOfDaily: number };
	/** Estimated against observed credits a day, when the team imported observed usage. */
	observed?: ObservedComparison[];
}

/** A file left out of the analysis. */
export interface SkippedEntry {
	path: string;
	reason: string;
	namesZoho: boolean;
}

/** One line of the comparison of estimate and observation. */
export interface ObservedComparison {
	kind: 'entry-point' | 'api';
	name: string;
	observedPerDay: number;
	/** Days the observation covers (rows with distinct dates; 1 without dates). */
	days: number;
	/** null when no entry point or API of the report has that name. */
	estimatedPerDay: number | null;
	/** observed ÷ estimated: above 1 the code spends more than estimated. null without an estimate, or when it is 0. */
	ratio: number | null;
}
