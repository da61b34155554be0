/**
 * Texts in, analyses out, in this thread: a file on its own, or files linked as a workspace. For the
 * CLI, the tests and the benchmarks; the language server scans in its scanner thread instead.
 */
import { analyzeFacts, assumptionsOf, DEFAULT_SETTINGS, type FileAnalysis } from './analysis';
import type { EffectiveSettings } from './config';
import { FunctionCosts } from './estimate';
import type { FileFacts, Language } from './facts';
import { Graph } from './graph';
import { entryPointMarkers, relevantSources, unreadFacts } from './scan/relevance';
import { scanFile } from './scan/scan-file';
import type { ReportSource } from './workspace-report';

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

/**
 * The report sources of files read as text, as the CLI reads a tree: those that can matter parsed
 * (`scan/relevance.ts`; every file with `readAll`), the others with empty facts, all linked in one graph
 * and priced under the settings. `scanned` is told how many files have been gone through.
 */
export function sourcesOfTexts(
	files: readonly (SourceText & { readonly reportPath?: string })[],
	settings: EffectiveSettings,
	options: { readonly readAll?: boolean; readonly scanned?: (done: number) => void } = {},
): ReportSource[] {
	const relevant = options.readAll ? undefined : relevantSources(files, entryPointMarkers(settings.entryPoints.value));
	const facts = new Map<string, FileFacts>();
	files.forEach((f, i) => {
		facts.set(f.path, !relevant || relevant.has(f.path) ? scanFile(f.text, f.path, f.language) : unreadFacts(f.language));
		options.scanned?.(i + 1);
	});
	const costs = new FunctionCosts(new Graph(facts), assumptionsOf(settings));
	return files.map((f) => ({ path: f.path, reportPath: f.reportPath ?? f.path, facts: facts.get(f.path)!, settings, costs, text: () => f.text }));
}
