import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const CORE = join(__dirname, '..', '..', '..', 'server', 'src', 'core');

/**
 * The layers of the analysis core, lowest first (server/README.md says the same): a file imports, type
 * imports included, only from its own layer or the layers below it.
 */
const LAYERS: readonly [string, RegExp][] = [
	['text, facts and formatting', /^(text|facts|format|markdown|zoho-markers|imported-file)\.ts$/],
	['catalog, budget and configuration', /^(catalog|budget|config)\//],
	['scanners', /^scan\//],
	['graph', /^graph\//],
	['estimate', /^estimate\//],
	['findings', /^findings\//],
	['analysis, explanations and reports', /^(analysis|explain|report|markdown-report|sarif-report|report-diff|assumptions|observed)\.ts$/],
];

function layerOf(file: string): number {
	const layer = LAYERS.findIndex(([, pattern]) => pattern.test(file));
	assert.ok(layer >= 0, `${file} belongs to no layer: add it to LAYERS and to server/README.md`);
	return layer;
}

function sources(dir: string): string[] {
	return readdirSync(dir, { recursive: true })
		.map(String)
		.filter((f) => f.endsWith('.ts'))
		.map((f) => f.split('\\').join('/'))
		.sort();
}

/** The relative imports of a file (type imports and re-exports too), as paths inside the core or outside it. */
function importsOf(file: string, text: string): { specifier: string; target: string }[] {
	const info = ts.preProcessFile(text, true, true);
	return info.importedFiles.map((i) => ({
		specifier: i.fileName,
		target: relative(CORE, resolve(dirname(join(CORE, file)), i.fileName))
			.split('\\')
			.join('/'),
	}));
}

function moduleFile(target: string): string {
	const files = new Set(sources(CORE));
	return files.has(`${target}.ts`) ? `${target}.ts` : files.has(`${target}/index.ts`) ? `${target}/index.ts` : target;
}

/** Every import of the core that breaks the rules, as `from → to: why`; `edited` stands in for files' text. */
function boundaryViolations(edited: Readonly<Record<string, string>> = {}): string[] {
	const out: string[] = [];
	for (const file of sources(CORE)) {
		for (const { specifier, target } of importsOf(file, edited[file] ?? readFileSync(join(CORE, file), 'utf8'))) {
			if (!specifier.startsWith('.')) {
				if (/^(vscode|vscode-languageserver|vscode-languageclient)(\/|$)|^(node:)?(fs|child_process|net|http|https)$/.test(specifier))
					out.push(`${file} → ${specifier}: the core does no I/O and knows no editor`);
				continue;
			}
			// Data the core is built from: the catalog's and the schema's JSON.
			if (specifier.endsWith('.json')) continue;
			if (target.startsWith('..')) {
				out.push(`${file} → ${specifier}: outside the core`);
				continue;
			}
			const to = moduleFile(target);
			const [own, theirs] = [layerOf(file), layerOf(to)];
			if (theirs > own) out.push(`${file} → ${to}: ${LAYERS[own][0]} may not import ${LAYERS[theirs][0]}`);
		}
	}
	return out;
}

void describe('layers of the analysis core', () => {
	test('every import goes to the same layer or one below it, type imports included; no I/O, no editor', () => {
		assert.deepEqual(boundaryViolations(), []);
	});

	test('a bad import fails it: a type import of the report in a finding, the file system in the estimate', () => {
		const finding = 'findings/call-in-loop.ts';
		const estimate = 'estimate/index.ts';
		const violations = boundaryViolations({
			[finding]: `import type { JsonReport } from '../report';\n${readFileSync(join(CORE, finding), 'utf8')}`,
			[estimate]: `import { readFileSync } from 'node:fs';\n${readFileSync(join(CORE, estimate), 'utf8')}`,
		});
		assert.deepEqual(violations, [
			'estimate/index.ts → node:fs: the core does no I/O and knows no editor',
			'findings/call-in-loop.ts → report.ts: findings may not import analysis, explanations and reports',
		]);
	});
});
