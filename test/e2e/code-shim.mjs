#!/usr/bin/env node
// Stands in for a VS Code executable so that @vscode/test-electron's runTests() can drive
// code-server: it reads the arguments runTests passes, opens the workbench in headless Chromium
// with the extension-development payload, and exits with the code of the tests' run().
import { format } from 'node:util';
import { codeServerBin, launchBrowser, makeRun, startCodeServer } from '../../scripts/code-server.mjs';

const TIMEOUT_MS = 180000;
/** Workbench chatter that says nothing about the tests: connection set-up and the offline gallery. */
const NOISE =
	/^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)|ENOTFOUND|open-vsx\.org|vsda/;

function option(name) {
	const prefix = `--${name}=`;
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const developmentPath = option('extensionDevelopmentPath');
const testsPath = option('extensionTestsPath');
const folder = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!developmentPath || !testsPath || !folder) {
	console.error('code-shim: expected --extensionDevelopmentPath=, --extensionTestsPath= and a workspace folder');
	process.exit(2);
}

const run = makeRun('exthost', folder);
const server = await startCodeServer(codeServerBin(), run);
const context = await launchBrowser(run);
let code;
try {
	const page = context.pages()[0] ?? (await context.newPage());
	let resolveExit;
	const exited = new Promise((resolve) => (resolveExit = resolve));
	await page.exposeFunction('codeAutomationLog', (_type, args) => {
		const message = format(...args);
		if (!NOISE.test(message)) console.log(message);
	});
	await page.exposeFunction('codeAutomationExit', (exitCode) => resolveExit(exitCode));
	const payload = [
		['extensionDevelopmentPath', server.authority + developmentPath],
		['extensionTestsPath', server.authority + testsPath],
		['skipWelcome', 'true'],
	];
	await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
	let timer;
	code = await Promise.race([
		exited,
		new Promise((resolve) => {
			timer = setTimeout(() => {
				console.error(`code-shim: the extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
				resolve(1);
			}, TIMEOUT_MS);
		}),
	]);
	clearTimeout(timer);
} finally {
	await context.close().catch(() => undefined);
	server.stop();
}
process.exit(code);
