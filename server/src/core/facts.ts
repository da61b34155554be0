/**
 * Per-file facts: what a scanner found in one file, before any estimation.
 * Offsets are UTF-16 code unit offsets into the scanned text, as in the editor.
 */

export type Language = 'typescript' | 'javascript' | 'deluge';

/** How the code reaches Zoho CRM. */
export type Via = 'sdk' | 'rest' | 'deluge-task' | 'invokeurl' | 'wrapper';

/** A half-open range of offsets `[start, end)`. */
export interface Span {
	readonly start: number;
	readonly end: number;
}

export type LoopKind = 'for' | 'for-of' | 'for-in' | 'for-each' | 'while' | 'do-while' | 'callback';

/** Where a loop's iteration count came from. */
export type IterationSource = 'literal' | 'annotation' | 'module-size' | 'default';

export interface LoopFact {
	readonly kind: LoopKind;
	/** The whole loop statement. */
	readonly span: Span;
	/** The loop header (`for each x in list`, `for (...)`), what hover and findings point at. */
	readonly header: Span;
	/** Iteration count when the code states it (literal bound, literal list, annotation). */
	readonly iterations?: number;
	readonly iterationSource?: Exclude<IterationSource, 'default' | 'module-size'>;
	/** Why the count is what it is: a literal list of 5 items, an annotation, a counter's bounds. */
	readonly countReason?: CountReason;
	/**
	 * A loop whose count a parameter of its function gives (`for (const m of modules)`, `page <= maxPages`):
	 * each call counts it from its argument, a literal number or a list of known length, else from the
	 * parameter's default. The count is `ceil((n + offset) / step)` of the argument's number or length `n`.
	 */
	readonly bound?: LoopBound;
	/** A loop that pages through a module: its count follows from the module's size. */
	readonly pagination?: { readonly module?: string; readonly perPage: number };
	/** Iterations run at once (`Promise.all` over a mapped array), not one after another. */
	readonly parallel?: boolean;
	/** A loop over the records of one page a read returns: as many as the page holds, at most the module's size. */
	readonly page?: { readonly module?: string; readonly perPage: number };
}

/** The iterations a loop bound by a parameter runs when the parameter's number or length is `n`. */
export function boundCount(bound: LoopBound, n: number): number {
	return Math.max(0, Math.ceil((n + bound.offset) / bound.step));
}

/** Why the code's own count of a loop is what it is, as data (core/explain.ts says it in words). */
export type CountReason =
	| { readonly kind: 'annotation'; readonly n: number }
	/** A list of known length: written out, sliced, or held by a name. */
	| { readonly kind: 'items'; readonly of: 'literal list' | 'list' | 'literal array' | 'slice' | 'array'; readonly items: number }
	/** `for (let name = from; name < to; name += step)`, or `<=`. */
	| { readonly kind: 'counter'; readonly name: string; readonly from: number; readonly op: '<' | '<='; readonly to: number; readonly step: number };

export interface LoopBound {
	/** The parameter's marker (`\u0004start:index\u0005`). */
	readonly param: string;
	/** The parameter's name, for the reason shown. */
	readonly name: string;
	/** Whether the argument's number or its length counts. */
	readonly measure: 'number' | 'length';
	readonly offset: number;
	readonly step: number;
	/** The parameter's default as a number or a list's length, counted when a call passes no such argument. */
	readonly fallback?: number;
}

/** One Zoho CRM API request as written in the code. */
export interface CallFact {
	readonly span: Span;
	readonly via: Via;
	/** The callee as written: `zoho.crm.getRecords`, `axios.post`, `fetch`. */
	readonly callee: string;
	/** HTTP method of the request. */
	readonly method: string;
	/** The request path without host and query, for example `/crm/v8/Leads/{id}/actions/convert`. */
	readonly path: string;
	/** Deluge task name for `deluge-task` calls, for example `zoho.crm.v8.convertLead`. */
	readonly task?: string;
	/** For `sdk` calls: the SDK method called. */
	readonly sdk?: { readonly sdk: string; readonly class: string; readonly method: string };
	/** Indexes into `FileFacts.loops` of the loops around the call, outermost first. */
	readonly loops: readonly number[];
	/** Records the call writes, when the code shows them (a literal list). */
	readonly records?: number;
	/** COQL LIMIT when the query is visible; `null` when it has no LIMIT clause. */
	readonly coqlLimit?: number | null;
	/** For a request built from the parameters of its function: the templates to fill in at each call of it. */
	readonly template?: RequestTemplate;
	/** When the base URL is read at run time: the name it is read under, the evidence the request goes to Zoho CRM. */
	readonly evidence?: string;
	/** How the records or the query were read where the code builds them apart from the call, or shows them only in part. */
	readonly followed?: string;
}

/** A request's URL, base and method with parameter markers (`\u0004start:index\u0005`) still in them. */
export interface RequestTemplate {
	/** Absent when only the body comes from a parameter: the URL is the call's own. */
	readonly url?: string;
	readonly base?: string;
	/** The marker of the parameter that holds the body, when it is one. */
	readonly body?: string;
	/** The marker of the parameter that holds the HTTP method, when the method is one. */
	readonly method?: string;
}

/** The scan error of a file the scanner could not scan at all (its thread stopped on it). */
export const SCAN_FAILED = 'scan-failed';

/** The scan error of a file nested deeper than a scanner follows: the code below that depth is not read. */
export const NESTING_LIMIT = 'nesting-limit';

/** How deep a scanner follows nested code: far past hand-written code, short of the stack's end. */
export const MAX_NESTING = 400;

/** Why a file nested past the limit is only partly in the report. */
export const NESTING_LIMIT_REASON = `partly read: code nested more than ${MAX_NESTING} levels deep is left out`;

/** The scan error of a file nested too deeply for any recursive parser to follow. */
export const TOO_DEEPLY_NESTED = 'too-deeply-nested';

/** Why such a file is left out, as reports list it. */
export const TOO_DEEPLY_NESTED_REASON = 'nests too deeply to be read (hundreds or thousands of levels)';

/** The scan error of a file the TypeScript parser would take minutes on (its `reason` says why). */
export const PARSER_TRAP = 'parser-trap';

/** The scan error of a file whose values took more than the scanner's evaluation budget to follow. */
export const EVALUATION_BUDGET = 'evaluation-budget';

export interface ScanError {
	readonly code: string;
	readonly message: string;
	readonly span: Span;
	/** For a file the scan could not read at all: whether its text names Zoho CRM (its calls are then missed). */
	readonly namesZoho?: boolean;
	/** For a file left out whole for a reason of its own (a trap for TypeScript's parser): the reason, as reports list it. */
	readonly reason?: string;
}

/** A named function or method: the unit a wrapper call refers to. Anonymous callbacks belong to the function around them. */
export interface FunctionFact {
	/** `zohoGet`, `ZohoClient.getRecords` for a method, `default` for an anonymous default export. */
	readonly name: string;
	readonly span: Span;
	readonly nameSpan: Span;
}

/** A name bound to another module: `import { a as b } from './x'`, `const b = require('./x')`. */
export interface ImportFact {
	readonly local: string;
	readonly specifier: string;
	/** The exported name, `default`, or `*` for a namespace (`import * as`, a plain `require`). */
	readonly imported: string;
}

/** A name other modules can import from this one. */
export interface ExportFact {
	readonly exported: string;
	/** The local function, class or binding it stands for. */
	readonly local?: string;
	/** A re-export: `export { x as y } from './z'`, `export * from './z'` (`imported` is `*`). */
	readonly from?: { readonly specifier: string; readonly imported: string };
}

/** A call of a user function or method that may make Zoho CRM calls itself. */
export interface InvocationFact {
	readonly span: Span;
	readonly loops: readonly number[];
	readonly target:
		| { readonly kind: 'local'; readonly name: string }
		/** A Deluge function called by name (`standalone.sync_leads(…)`): any Deluge file of the workspace may declare it. */
		| { readonly kind: 'global'; readonly name: string }
		/** An imported binding; `member` for `ns.fn()` or a method of an imported class's instance. */
		| { readonly kind: 'import'; readonly local: string; readonly member?: string; readonly instance?: boolean };
	/** `zohoGet`, `this.zoho.getRecords`: the callee as written. */
	readonly callee: string;
	/** Each argument as a string template (literal text, markers for parameters and imported constants, holes). */
	readonly args?: readonly string[];
}

/**
 * A request whose URL uses constants imported from other files: whether it is a Zoho CRM call is
 * decided when the files are linked. In `url` and `base`, `\u0002name\u0003` stands for an imported name.
 */
export interface DeferredCall {
	readonly span: Span;
	readonly callee: string;
	readonly method: string;
	readonly url: string;
	readonly base?: string;
	/** A parameter marker when the method is a parameter. */
	readonly methodParam?: string;
	/** A parameter marker when the body is a parameter. */
	readonly bodyParam?: string;
	/** An SDK method called on a value known only later (a parameter, an imported instance): the receiver's template. */
	readonly sdk?: { readonly receiver: string; readonly method: string; readonly args: readonly string[] };
	/** The request carries a Zoho OAuth token: a host computed in another file is Zoho's. */
	readonly zohoToken?: boolean;
	/**
	 * A verb called on a value another file exports (`zoho.get('/crm/v2/Leads')`, `zoho` imported): a
	 * request only when that value is an instance of this HTTP client, whose base `base` then names.
	 */
	readonly client?: 'axios';
	readonly loops: readonly number[];
	readonly records?: number;
	readonly coqlLimit?: number | null;
	readonly followed?: string;
}

/** An if/else chain (or a conditional, a switch): only one of its arms runs. */
export interface BranchFact {
	readonly span: Span;
	readonly arms: readonly Span[];
	/**
	 * A `switch` on a parameter of the enclosing function: the parameter's marker and each arm's literal
	 * case (undefined for `default` or a computed case). A call passing a literal runs only its arm.
	 */
	readonly on?: { readonly param: string; readonly cases: readonly (string | undefined)[]; readonly falls: readonly boolean[] };
}

/**
 * Deluge statements that run together: `count` statements of one block, each run once per iteration of
 * the innermost of `loops` (once a run when there are none). A loop's own statement counts inside it, once
 * per iteration, as Zoho counts it. `span` is the first statement's, placing the run in its branch arm.
 */
export interface StatementRun {
	readonly span: Span;
	readonly loops: readonly number[];
	readonly count: number;
}

export interface FileFacts {
	readonly language: Language;
	/** Deluge only: the statements each run executes, for the product's statement limit. */
	readonly statements?: readonly StatementRun[];
	/** Branches whose arms exclude each other: a run pays for the dearest arm, not all of them. */
	readonly branches?: readonly BranchFact[];
	readonly calls: readonly CallFact[];
	readonly loops: readonly LoopFact[];
	readonly errors: readonly ScanError[];
	/** Requests that need other files' constants to be classified. */
	readonly deferred?: readonly DeferredCall[];
	/** Top-level string constants by local name (URL templates), for other files that import them. */
	readonly strings?: Readonly<Record<string, string>>;
	readonly functions?: readonly FunctionFact[];
	readonly imports?: readonly ImportFact[];
	readonly exports?: readonly ExportFact[];
	readonly invocations?: readonly InvocationFact[];
	/** A browser script (no imports or exports): its top-level functions are globals other scripts call by name. */
	readonly script?: boolean;
}
