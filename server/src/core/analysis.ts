import { type Budget, resolveBudget } from './budget';
import { type EffectiveSettings, resolveSettings } from './config';
import { type Assumptions, estimateFile, type FileEstimate, FunctionCosts, type WorkspaceContext } from './estimate';
import { type EntryPoint, entryPointsOf, type HelperCost, helpersOf } from './estimate/entries';
import { executionsOf, type FunctionExecution } from './estimate/statements';
import { Graph } from './graph';
import type { FileFacts, Language } from './facts';
import { type Finding, runFindings } from './findings';
import { suppressionsOf } from './scan/annotations';
import { scanDeluge } from './scan/deluge';
import { extensionOf, makesDelugeCalls, mayHoldDeluge, READ_AS_DELUGE } from './scan/deluge/detect';
import { scanTypeScriptFrom, type TypeScriptParse } from './scan/typescript';
import { parserTrap } from './scan/typescript/parser-traps';
import { LineMap } from './text';
import { namesZoho } from './zoho-markers';

/** Every setting at its default: what an analysis uses when nothing is configured. */
export const DEFAULT_SETTINGS: EffectiveSettings = resolveSettings();

/** Files longer than this (in UTF-16 code units, about 2 MB of text) are generated or data, not integration code: skipped. */
export const MAX_FILE_LENGTH = 2 * 1024 * 1024;

/** Everything known about one file: the single result every view projects. */
export interface FileAnalysis {
	readonly path: string;
	readonly language: Language;
	readonly lines: LineMap;
	readonly facts: FileFacts;
	readonly estimate: FileEstimate;
	readonly findings: readonly Finding[];
	readonly budget: Budget;
	/** The settings the numbers rest on, with where each came from. */
	readonly settings: EffectiveSettings;
	/** The code of this file that runs on its own, with its runs and credits per day (with a workspace only). */
	readonly entryPoints: readonly EntryPoint[];
	/** Functions that make Zoho CRM calls but run only when other code calls them: what one run costs (with a workspace only). */
	readonly helpers: readonly HelperCost[];
	/** Deluge only: what each function executes in one run (statements, function calls), for the product's limits. */
	readonly executions: readonly FunctionExecution[];
}

const EXTENSIONS: Record<string, Language> = {
	ts: 'typescript',
	tsx: 'typescript',
	mts: 'typescript',
	cts: 'typescript',
	js: 'javascript',
	jsx: 'javascript',
	mjs: 'javascript',
	cjs: 'javascript',
	dg: 'deluge',
	deluge: 'deluge',
	ds: 'deluge',
};

const LANGUAGE_IDS: Record<string, Language> = {
	typescript: 'typescript',
	typescriptreact: 'typescript',
	javascript: 'javascript',
	javascriptreact: 'javascript',
	deluge: 'deluge',
};

/** The language of a file, from the editor's language id when known, else from its extension. */
export function languageOf(path: string, languageId?: string): Language | undefined {
	if (languageId && LANGUAGE_IDS[languageId]) return LANGUAGE_IDS[languageId];
	const dot = path.lastIndexOf('.');
	return dot < 0 ? undefined : EXTENSIONS[path.slice(dot + 1).toLowerCase()];
}

/** The scan error of a file nested too deeply for any recursive parser to follow. */
export const TOO_DEEPLY_NESTED = 'too-deeply-nested';

/** Why such a file is left out, as reports list it. */
export const TOO_DEEPLY_NESTED_REASON = 'nests too deeply to be read (hundreds or thousands of levels)';

/** The scan error of a file the TypeScript parser would take minutes on (its `reason` says why). */
export const PARSER_TRAP = 'parser-trap';

export function scanFile(text: string, path: string, language: Language): FileFacts {
	return scanDocument(text, path, language, undefined).facts;
}

/** What a scan of one version leaves for the scan of the next (TypeScript's tree, for an incremental parse). */
export type ScanState = TypeScriptParse | undefined;

/**
 * Scans a version of an open document, starting from the state the last version's scan left: a
 * TypeScript or JavaScript document is parsed again only where it changed.
 */
export function scanDocument(text: string, path: string, language: Language, previous: ScanState): { facts: FileFacts; state: ScanState } {
	try {
		if (language === 'deluge') return { facts: readAsDeluge(scanDeluge(text), path, undefined), state: undefined };
		const trap = parserTrap(text);
		if (trap) {
			const facts: FileFacts = {
				language,
				calls: [],
				loops: [],
				errors: [
					{
						code: PARSER_TRAP,
						message: `This file ${trap}: it is not read, and its Zoho CRM calls are not counted.`,
						span: { start: 0, end: 0 },
						namesZoho: namesZoho(text),
						reason: trap,
					},
				],
			};
			return { facts, state: undefined };
		}
		const { facts, parse } = scanTypeScriptFrom(text, path, language, previous);
		const deluge = delugeInstead(text, facts);
		if (deluge) return { facts: readAsDeluge(deluge, path, language), state: undefined };
		return { facts, state: parse };
	} catch (error) {
		// Nesting thousands of levels deep exhausts the stack of any recursive parser (TypeScript's too):
		// the file is reported as unreadable instead of failing the analysis.
		if (!(error instanceof RangeError)) throw error;
		const facts: FileFacts = {
			language,
			calls: [],
			loops: [],
			errors: [
				{
					code: TOO_DEEPLY_NESTED,
					message: `This file ${TOO_DEEPLY_NESTED_REASON}: its Zoho CRM calls are not counted.`,
					span: { start: 0, end: 0 },
					namesZoho: namesZoho(text),
				},
			],
		};
		// The tree is not kept: the next version is parsed from scratch.
		return { facts, state: undefined };
	}
}

/**
 * A JavaScript or TypeScript file that is Deluge in fact (a script pasted into a `.js` file): its text
 * makes Deluge calls and reads with fewer syntax problems as Deluge than as the file's own language.
 */
function delugeInstead(text: string, facts: FileFacts): FileFacts | undefined {
	if (!makesDelugeCalls(text)) return undefined;
	const syntaxErrors = facts.errors.filter((e) => e.code.startsWith('TS')).length;
	// Deluge that happens to be valid JavaScript too (`m = Map(); r = zoho.crm.getRecords("Leads");`): read as
	// JavaScript it calls nothing, read as Deluge it has no problem at all and makes its calls.
	const nothingAsScript = syntaxErrors === 0 && facts.calls.length === 0 && (facts.deferred?.length ?? 0) === 0;
	if (syntaxErrors === 0 && !nothingAsScript) return undefined;
	const deluge = scanDeluge(text);
	if (nothingAsScript) return deluge.errors.length === 0 && deluge.calls.length > 0 ? deluge : undefined;
	return deluge.errors.length < syntaxErrors ? deluge : undefined;
}

/** Says so when a file is read as Deluge although its extension names another language or none. */
function readAsDeluge(facts: FileFacts, path: string, instead: Language | undefined): FileFacts {
	const extension = extensionOf(path);
	if (instead === undefined && !mayHoldDeluge(path)) return facts;
	const message = instead
		? `Read as Deluge: the text makes Deluge calls and reads better as Deluge than as ${instead === 'typescript' ? 'TypeScript' : 'JavaScript'}.`
		: `Read as Deluge: ${extension ? `a .${extension}` : 'a'} file whose text makes Deluge calls.`;
	return { ...facts, errors: [{ code: READ_AS_DELUGE, message, span: { start: 0, end: 0 } }, ...facts.errors] };
}

export function assumptionsOf(settings: EffectiveSettings): Assumptions {
	return {
		defaultLoopIterations: settings.defaultLoopIterations.value,
		assumedIterationsHigh: settings.assumedIterationsHigh.value,
		moduleSizes: settings.moduleSizes.value,
		...(settings.orgApis ? { orgApis: settings.orgApis } : {}),
	};
}

/** A key of the assumptions for caches: equal keys price every call alike. */
export function assumptionsKey(assumptions: Assumptions): string {
	return JSON.stringify({ ...assumptions, orgApis: assumptions.orgApis?.key });
}

/** Estimates and checks one file's facts; with a workspace, calls of functions in other files are priced too. */
export function analyzeFacts(path: string, text: string, facts: FileFacts, settings: EffectiveSettings, workspace?: WorkspaceContext): FileAnalysis {
	const assumptions = assumptionsOf(settings);
	const estimate = estimateFile(facts, assumptions, workspace);
	const executions = executionsOf(facts, assumptions, workspace && { graph: workspace.costs.graph, path });
	const budget = budgetOf(settings);
	const lines = new LineMap(text);
	const entryPoints = workspace
		? entryPointsOf({ facts, estimate, text, lines, dailyCredits: budget.dailyCredits, entryPoints: settings.entryPoints, workspace })
		: [];
	const helpers = workspace ? helpersOf(facts, entryPoints, workspace) : [];
	const suppressed = suppressionsOf(text);
	const findings = suppressed.file
		? []
		: runFindings({
				facts,
				estimate,
				budget,
				entryPoints,
				thresholds: { warning: settings.warningShare.value, error: settings.errorShare.value },
				executions,
				delugeLimits: settings.delugeLimits.value,
			}).filter((f) => !suppressed.lines.has(lines.lineOf(f.span.start)));
	return { path, language: facts.language, lines, facts, estimate, findings, budget, settings, entryPoints, helpers, executions };
}

/** Scans, estimates and checks one file on its own. Pure: text and settings in, plain data out. */
export function analyzeFile(path: string, language: Language, text: string, settings: EffectiveSettings = DEFAULT_SETTINGS): FileAnalysis {
	return analyzeFacts(path, text, scanFile(text, path, language), settings);
}

export interface SourceText {
	/** A `/`-separated path: the key other files' relative imports resolve to. */
	readonly path: string;
	readonly language: Language;
	readonly text: string;
}

/** Scans every file, links them, and analyses each with calls across files resolved. */
export function analyzeWorkspace(
	files: readonly SourceText[],
	settings: EffectiveSettings = DEFAULT_SETTINGS,
	progress?: (done: number, total: number) => void,
): FileAnalysis[] {
	// Two passes over the files (scan, then analyse): progress counts both.
	const total = files.length * 2;
	let done = 0;
	const step = () => {
		if (progress && ++done % 50 === 0) progress(done, total);
	};
	const facts = new Map(
		files.map((f) => {
			step();
			return [f.path, scanFile(f.text, f.path, f.language)] as const;
		}),
	);
	const costs = new FunctionCosts(new Graph(facts), assumptionsOf(settings));
	return files.map((f) => {
		step();
		return analyzeFacts(f.path, f.text, facts.get(f.path)!, settings, { path: f.path, costs });
	});
}

export function budgetOf(settings: EffectiveSettings): Budget {
	return resolveBudget({
		edition: settings.edition.value,
		users: settings.users.value,
		addOnCredits: settings.addOnCredits.value,
		table: settings.budgetTable.value,
	});
}
