import { type Budget, resolveBudget } from './budget';
import { type EffectiveSettings, resolveSettings } from './config';
import { type Assumptions, estimateFile, type FileEstimate, type WorkspaceContext } from './estimate';
import { type EntryPoint, entryPointsOf, type HelperCost, helpersOf } from './estimate/entries';
import { executionsOf, type FunctionExecution } from './estimate/statements';
import type { FileFacts, Language } from './facts';
import { type Finding, runFindings } from './findings';
import { suppressionsOf } from './scan/annotations';
import { LineMap } from './text';

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

export function budgetOf(settings: EffectiveSettings): Budget {
	return resolveBudget({
		edition: settings.edition.value,
		users: settings.users.value,
		addOnCredits: settings.addOnCredits.value,
		table: settings.budgetTable.value,
	});
}
