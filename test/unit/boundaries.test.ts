import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The parts of the product and what each may import (server/README.md says the same). A part imports,
 * type imports included, only from the parts it names; the packages it may not import are named too.
 */
interface Part {
	readonly name: string;
	readonly files: RegExp;
	readonly imports: readonly string[];
	readonly forbiddenPackages?: RegExp;
	readonly why?: string;
}

const EDITOR = /^(vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)(\/|$)/;
const IO = /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$/;
const SERVER_PROTOCOL = /^(vscode-languageserver[^/]*|vscode-jsonrpc)(\/|$)/;

const PARTS: readonly Part[] = [
	{ name: 'shared', files: /^shared\//, imports: ['shared'], forbiddenPackages: /./, why: 'shared code is plain: both sides bundle it' },
	{
		name: 'core',
		files: /^server\/src\/core\//,
		imports: ['core', 'shared'],
		forbiddenPackages: new RegExp(`${EDITOR.source}|${IO.source}`),
		why: 'the core does no I/O and knows no editor',
	},
	{
		name: 'workspace',
		files: /^server\/src\/workspace\//,
		imports: ['workspace', 'core', 'shared'],
		forbiddenPackages: EDITOR,
		why: 'only lsp/ speaks the protocol',
	},
	{ name: 'lsp', files: /^server\/src\/lsp\//, imports: ['lsp', 'workspace', 'core', 'shared'] },
	{
		name: 'cli',
		files: /^server\/src\/cli\.ts$/,
		imports: ['workspace', 'core', 'shared'],
		forbiddenPackages: new RegExp(`${EDITOR.source}|${IO.source}`),
		why: 'the CLI reads files through workspace/',
	},
	{ name: 'server entry', files: /^server\/src\/server\.ts$/, imports: ['lsp', 'workspace'] },
	{ name: 'scanner entry', files: /^server\/src\/scanner\.ts$/, imports: ['workspace'] },
	{
		name: 'client',
		files: /^client\/src\//,
		imports: ['client', 'shared'],
		forbiddenPackages: SERVER_PROTOCOL,
		why: 'the client speaks through vscode-languageclient',
	},
];

/** The layers of the analysis core, lowest first: a core file imports only from its layer or below. */
const LAYERS: readonly [string, RegExp][] = [
	['text and facts', /^(text|facts|zoho-markers|imported-file|memo|documentation-url)\.ts$/],
	['catalog, budget and configuration', /^(catalog|budget|config)\//],
	['scanners', /^scan\//],
	['graph', /^graph\//],
	['estimate', /^estimate\//],
	['explanations in words', /^explain\.ts$/],
	['findings', /^findings\//],
	['analysis and reports', /^(analysis|explain-markdown|report|sarif-report|report-diff|assumptions|observed|workspace-report|analyze-texts)\.ts$/],
];

function partOf(file: string): Part {
	const part = PARTS.find((p) => p.files.test(file));
	assert.ok(part, `${file} belongs to no part: add it to PARTS and to server/README.md`);
	return part;
}

function layerOf(coreFile: string): number {
	const layer = LAYERS.findIndex(([, pattern]) => pattern.test(coreFile));
	assert.ok(layer >= 0, `server/src/core/${coreFile} belongs to no layer: add it to LAYERS and to server/README.md`);
	return layer;
}

function sources(): string[] {
	return ['shared', 'server/src', 'client/src']
		.flatMap((dir) =>
			readdirSync(join(ROOT, dir), { recursive: true })
				.map(String)
				.filter((f) => f.endsWith('.ts'))
				.map((f) => `${dir}/${f.split('\\').join('/')}`),
		)
		.sort();
}

/** The file an import names, relative to the root: `x` is `x.ts` or `x/index.ts`. */
function moduleFile(target: string): string {
	if (existsSync(join(ROOT, `${target}.ts`))) return `${target}.ts`;
	if (existsSync(join(ROOT, target, 'index.ts'))) return `${target}/index.ts`;
	return target;
}

/** The product files a file imports (relative imports, type imports included; the core's JSON data left out), and the packages. */
function importsOf(file: string, edited: Readonly<Record<string, string>>): { files: string[]; packages: string[] } {
	const text = edited[file] ?? readFileSync(join(ROOT, file), 'utf8');
	const files: string[] = [];
	const packages: string[] = [];
	for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
		if (!specifier.startsWith('.')) packages.push(specifier);
		else if (!specifier.endsWith('.json'))
			files.push(
				moduleFile(
					relative(ROOT, resolve(dirname(join(ROOT, file)), specifier))
						.split('\\')
						.join('/'),
				),
			);
	}
	return { files, packages };
}

/** The chain of imports from `entry` to a file that imports TypeScript's package, if there is one. */
function pathToTypeScript(entry: string, edited: Readonly<Record<string, string>> = {}): string[] | undefined {
	const from = new Map<string, string | undefined>([[entry, undefined]]);
	const queue = [entry];
	while (queue.length > 0) {
		const file = queue.shift()!;
		const { files, packages } = importsOf(file, edited);
		if (packages.includes('typescript')) {
			const chain: string[] = [];
			for (let f: string | undefined = file; f !== undefined; f = from.get(f)) chain.unshift(f);
			return chain;
		}
		for (const next of files) {
			if (from.has(next) || !next.endsWith('.ts')) continue;
			from.set(next, file);
			queue.push(next);
		}
	}
	return undefined;
}

/** Every import that breaks the rules, as `from → to: why`; `edited` stands in for files' text. */
function boundaryViolations(edited: Readonly<Record<string, string>> = {}): string[] {
	const out: string[] = [];
	for (const file of sources()) {
		const part = partOf(file);
		const { files, packages } = importsOf(file, edited);
		for (const specifier of packages) if (part.forbiddenPackages?.test(specifier)) out.push(`${file} → ${specifier}: ${part.why}`);
		for (const to of files) {
			const theirs = PARTS.find((p) => p.files.test(to));
			if (!theirs || !part.imports.includes(theirs.name)) {
				out.push(`${file} → ${to}: ${part.name} may not import ${theirs?.name ?? 'files outside the product'}`);
				continue;
			}
			if (part.name === 'core' && theirs.name === 'core') {
				const [own, other] = [layerOf(file.slice('server/src/core/'.length)), layerOf(to.slice('server/src/core/'.length))];
				if (other > own) out.push(`${file} → ${to}: ${LAYERS[own][0]} may not import ${LAYERS[other][0]}`);
			}
		}
	}
	return out;
}

void describe('boundaries between the parts of the product', () => {
	test('every import goes where its part may go: core layers in order, no I/O or editor in the core, the protocol library only in lsp/', () => {
		assert.deepEqual(boundaryViolations(), []);
	});

	test('a bad import fails it: a report in a finding, the file system in the estimate, the server in the client, the protocol library in shared code', () => {
		const edits: Record<string, string> = {
			'server/src/core/findings/call-in-loop.ts': `import type { FileReport } from '../report';\n`,
			'server/src/core/estimate/index.ts': `import { readFileSync } from 'node:fs';\n`,
			'client/src/panel.ts': `import { hover } from '../../server/src/lsp/views/hover';\n`,
			'shared/protocol.ts': `import { RequestType } from 'vscode-languageserver-protocol';\n`,
			'server/src/workspace/index.ts': `import { Connection } from 'vscode-languageserver';\n`,
		};
		const violations = boundaryViolations(
			Object.fromEntries(Object.entries(edits).map(([file, line]) => [file, line + readFileSync(join(ROOT, file), 'utf8')])),
		);
		assert.deepEqual(violations, [
			'client/src/panel.ts → server/src/lsp/views/hover.ts: client may not import lsp',
			'server/src/core/estimate/index.ts → node:fs: the core does no I/O and knows no editor',
			'server/src/core/findings/call-in-loop.ts → server/src/core/report.ts: findings may not import analysis and reports',
			'server/src/workspace/index.ts → vscode-languageserver: only lsp/ speaks the protocol',
			'shared/protocol.ts → vscode-languageserver-protocol: shared code is plain: both sides bundle it',
		]);
	});

	test("the server's main thread never loads TypeScript: only the scanner threads' entry reaches it", () => {
		assert.equal(pathToTypeScript('server/src/server.ts'), undefined);
		assert.deepEqual(pathToTypeScript('server/src/scanner.ts')?.slice(0, 2), ['server/src/scanner.ts', 'server/src/workspace/scanner-thread.ts']);
		// One scan on the main thread, and the whole parser comes with it.
		const edited = {
			'server/src/lsp/session.ts': `import { scanFile } from '../core/scan/scan-file';\n` + readFileSync(join(ROOT, 'server/src/lsp/session.ts'), 'utf8'),
		};
		assert.deepEqual(pathToTypeScript('server/src/server.ts', edited)?.slice(-3), [
			'server/src/lsp/session.ts',
			'server/src/core/scan/scan-file.ts',
			'server/src/core/scan/typescript/index.ts',
		]);
	});
});
