import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { workspaceReportRequest } from '../../server/src/lsp/messages';
import { ROOT, Server } from './harness';

/** Node's modules that reach other machines. `net` is not among them: the editor talks to the server over local pipes and sockets. */
const NETWORK = ['http', 'https', 'http2', 'dns', 'tls', 'dgram', 'undici'];
const isNetwork = (name: string) => NETWORK.includes(name.replace(/^node:/, '').split('/')[0]);

void test('the bundles require no network module', () => {
	for (const bundle of ['server.js', 'scanner.js', 'cli.js', 'client.js', 'panel.js']) {
		const text = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
		const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
		assert.deepEqual(required.filter(isNetwork), [], bundle);
	}
	// The panel's script asks nothing of the network either.
	assert.doesNotMatch(readFileSync(join(ROOT, 'dist', 'panel.js'), 'utf8'), /\bfetch\(|XMLHttpRequest|WebSocket|https?:\/\//);
});

void test('a whole session loads no network module and never calls fetch, and its main thread never loads TypeScript', async () => {
	const out = join(mkdtempSync(join(tmpdir(), 'zcl-modules-')), 'modules.txt');
	const server = new Server(['--stdio'], { execArgv: ['-r', join(ROOT, 'test/protocol/record-modules.cjs')], env: { ...process.env, ZCL_MODULES_OUT: out } });
	const examples = join(ROOT, 'examples');
	await server.initialize(undefined, { folders: [examples] });
	const file = join(examples, 'deluge', 'convert_hot_leads.dg');
	const uri = pathToFileURL(file).toString();
	await server.open(uri, 'deluge', readFileSync(file, 'utf8'));
	await server.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
	const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 13, character: 20 } });
	assert.ok(hover);
	// 230 credits a day: the whole workspace was read (by the scanner threads too) and totalled.
	await server.status((s) => s.quiescent && s.usage !== undefined && !s.message.startsWith('Indexing'), 20000);
	assert.equal((await server.connection.sendRequest(workspaceReportRequest)).report.totals.perDay, 230);
	assert.equal(await server.shutdown(), 0);
	const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
	const loaded = lines.map((l) => l.slice(l.indexOf(' ') + 1));
	assert.ok(loaded.length > 5 && loaded.some((m) => m.endsWith('fs')), `the recorder saw the server's modules: ${loaded.join(', ')}`);
	assert.deepEqual(loaded.filter(isNetwork), []);
	assert.ok(!loaded.includes('fetch()'), 'fetch was called');
	// TypeScript's parser is loaded by the scanner threads that read the examples' TypeScript, never by the server's own thread.
	assert.ok(lines.includes('worker ./typescript.js'), lines.join(', '));
	assert.ok(!lines.includes('main ./typescript.js'), lines.join(', '));
});
