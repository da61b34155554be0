/**
 * Fixture helper: a fixture is source code whose expected calls are written under each call as
 * `//   ^^^^ Convert Lead 5 cr ×3 ×10? = 150/run` (`?` marks an assumed count or price). `check` strips those
 * lines, analyses the rest and renders the result the same way; the two texts must be equal.
 */
import assert from 'node:assert/strict';
import { type FileAnalysis } from '../../server/src/core/analysis';
import { analyzeFile, analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { type ExplicitSettings, resolveSettings } from '../../server/src/core/config';
import type { Language } from '../../server/src/core/facts';

const EXPECTATION = /^\s*\/\/\s*\^+ /;

export function stripExpectations(fixture: string): string {
	return fixture
		.split('\n')
		.filter((line) => !EXPECTATION.test(line))
		.join('\n');
}

function extensionOf(language: Language): string {
	return language === 'deluge' ? 'dg' : language === 'typescript' ? 'ts' : 'js';
}

/** Analyses a fixture; `settings` stand for editor settings the user set. */
export function analyze(language: Language, source: string, settings: ExplicitSettings = {}): FileAnalysis {
	return analyzeFile(`/fixture.${extensionOf(language)}`, language, source, resolveSettings([{ values: settings, origin: 'settings' }]));
}

/** The source with one expectation line under each call. */
export function render(source: string, analysis: FileAnalysis): string {
	const lines = source.split('\n');
	const notes = new Map<number, string[]>();
	for (const call of analysis.estimate.calls) {
		const start = analysis.lines.position(call.call.span.start);
		const end = analysis.lines.position(call.call.span.end);
		const width = (end.line === start.line ? end.character : lines[start.line].length) - start.character;
		if (start.character < 2) throw new Error(`indent the call on line ${start.line + 1} by two or more columns so its expectation fits`);
		const loops = call.loops.map((use) => ` ×${use.iterations}${use.source === 'default' ? '?' : ''}`).join('');
		const note = `//${' '.repeat(start.character - 2)}${'^'.repeat(Math.max(1, width))} ${call.operation.api} ${call.credits}${call.price.assumption || call.operation.alternatives?.length ? '?' : ''} cr${loops} = ${call.perRun}/run`;
		notes.set(start.line, [...(notes.get(start.line) ?? []), note]);
	}
	return lines.flatMap((line, i) => [line, ...(notes.get(i) ?? [])]).join('\n');
}

export function check(language: Language, fixture: string, settings: ExplicitSettings = {}): FileAnalysis {
	const source = stripExpectations(fixture);
	const analysis = analyze(language, source, settings);
	assert.equal(render(source, analysis), fixture);
	return analysis;
}

/**
 * A workspace fixture: files introduced by `//- /path` lines, each with expectations under its calls
 * (wrapper calls show the function they call, priced at one run of it).
 */
export function checkWorkspace(fixture: string, settings: ExplicitSettings = {}): FileAnalysis[] {
	const parts = fixture.split(/^\/\/- (\S+)\n/m).slice(1);
	const files: { path: string; expected: string }[] = [];
	for (let i = 0; i < parts.length; i += 2) files.push({ path: parts[i], expected: parts[i + 1] });
	const languageOf = (path: string): Language => (path.endsWith('.dg') ? 'deluge' : /\.[cm]?jsx?$/.test(path) ? 'javascript' : 'typescript');
	const sources = files.map((f) => ({ path: f.path, language: languageOf(f.path), text: stripExpectations(f.expected) }));
	const analyses = analyzeWorkspace(sources, resolveSettings([{ values: settings, origin: 'settings' }]));
	const rendered = files.map((f, i) => `//- ${f.path}\n${render(sources[i].text, analyses[i])}`).join('');
	assert.equal(rendered, fixture.slice(fixture.indexOf('//- ')));
	return analyses;
}
