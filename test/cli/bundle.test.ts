import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

/** The 0-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
	const offset = text.indexOf(needle);
	assert.ok(offset >= 0, `${needle} is in the text`);
	const before = text.slice(0, offset).split('\n');
	return { line: before.length - 1, column: before[before.length - 1].length };
}

// The bundles a test run uses are the ones built last (the shipped, minified ones under npm test): each map
// beside them must describe them, not an earlier build of another kind.
for (const [bundle, source, needle] of [
	['cli.js', 'server/src/cli.ts', 'explain takes one <file>:<line>'],
	['server.js', 'server/src/lsp/reports.ts', 'Totalling the workspace failed: '],
	['scanner.js', 'server/src/workspace/scanner-thread.ts', 'cannot be scanned: '],
] as const) {
	test(`dist/${bundle}.map maps the bundle beside it back to ${source}`, () => {
		const code = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
		const map = new SourceMap(JSON.parse(readFileSync(join(ROOT, 'dist', `${bundle}.map`), 'utf8')));
		const generated = positionOf(code, needle);
		const original = positionOf(readFileSync(join(ROOT, source), 'utf8'), needle);
		const entry = map.findEntry(generated.line, generated.column) as { originalSource: string; originalLine: number };
		assert.ok(entry.originalSource.endsWith(source), `${entry.originalSource} is ${source}`);
		assert.equal(entry.originalLine, original.line);
	});
}
