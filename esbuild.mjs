// Bundles the extension client, the language server, the CLI, and the compiled tests and benchmarks.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	// Production maps are written beside the bundles (the vsix leaves them out), so a stack trace from a
	// shipped bundle maps back to the source; a development build links them.
	sourcemap: production ? 'external' : 'linked',
	minify: production,
	logLevel: 'warning',
	banner: { js: '#!/usr/bin/env node' },
	// ESM builds first: jsonc-parser's UMD build loads its parts at run time, which a bundle cannot.
	mainFields: ['module', 'main'],
};

/** The server and the CLI share one copy of TypeScript, `dist/typescript.js`, loaded beside them. */
const sharedTypeScript = {
	name: 'shared-typescript',
	setup(build) {
		build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
	},
};

const product = {
	...common,
	entryPoints: {
		client: 'client/src/extension.ts',
		server: 'server/src/server.ts',
		scanner: 'server/src/scanner.ts',
		cli: 'server/src/cli.ts',
	},
	outdir: 'dist',
	external: ['vscode'],
	plugins: [sharedTypeScript],
};

// TypeScript itself, once, as a module the server and the CLI require.
const typescript = {
	...common,
	banner: {},
	entryPoints: { typescript: 'node_modules/typescript/lib/typescript.js' },
	outdir: 'dist',
};

// The budget panel's script runs in the webview, a browser.
const webview = {
	...common,
	platform: 'browser',
	format: 'iife',
	target: 'es2022',
	banner: {},
	entryPoints: { panel: 'client/src/webview/panel.ts' },
	outdir: 'dist',
};

function testEntries(dir) {
	return readdirSync(dir, { recursive: true })
		.map(String)
		.filter((f) => f.endsWith('.ts'))
		.map((f) => join(dir, f));
}

// Tests keep their folder layout under out/test; packages stay external and load from node_modules.
const tests = {
	...common,
	sourcemap: 'inline',
	minify: false,
	entryPoints: [
		...testEntries('test/unit'),
		...testEntries('test/protocol'),
		...testEntries('test/cli'),
		...testEntries('test/e2e/exthost'),
		...testEntries('test/bench'),
		...testEntries('test/field'),
	],
	outbase: 'test',
	outdir: 'out/test',
	packages: 'external',
	external: ['vscode'],
};

rmSync('out', { recursive: true, force: true });
if (watch) {
	for (const options of [product, typescript, webview, tests]) await (await esbuild.context(options)).watch();
} else {
	await Promise.all([esbuild.build(product), esbuild.build(typescript), esbuild.build(webview), esbuild.build(tests)]);
}
