// Extension-host tests: mocha suites that run inside VS Code's extension host and assert through
// the VS Code API, launched by @vscode/test-electron's runTests() through code-shim.mjs.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { copyExamples, ROOT } from '../../scripts/code-server.mjs';

test('extension-host suite passes inside the workbench', { timeout: 600000 }, async () => {
	const workspace = copyExamples(mkdtempSync(join(tmpdir(), 'zcl-exthost-ws-')));
	const code = await runTests({
		vscodeExecutablePath: join(ROOT, 'test/e2e/code-shim.mjs'),
		extensionDevelopmentPath: ROOT,
		extensionTestsPath: join(ROOT, 'out/test/e2e/exthost/index.js'),
		launchArgs: [workspace],
	});
	assert.equal(code, 0);
});
