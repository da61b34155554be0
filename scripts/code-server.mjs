// Shared launcher for the real-editor tests and `npm start`: code-server (VS Code 1.100 workbench over HTTP)
// with a fresh profile per run, and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLISHER_ID = 'credit-lens.zoho-credit-lens';
export const STATUS_ITEM_ID = `${PUBLISHER_ID}.zohoCredits.status`;

const USER_SETTINGS = {
	'workbench.reduceMotion': 'on',
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.editor.enablePreview': false,
	'editor.hover.delay': 100,
	'editor.inlayHints.enabled': 'on',
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'security.workspace.trust.enabled': false,
	'chat.disableAIFeatures': true,
};

/** Installs code-server if needed (see scripts/setup-code-server.sh) and returns its executable. */
export function codeServerBin() {
	if (process.env.CODE_SERVER_BIN) return process.env.CODE_SERVER_BIN;
	const out = execFileSync('bash', [join(ROOT, 'scripts/setup-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	return out.trim().split('\n').at(-1);
}

/**
 * A scratch directory with its own XDG folders, profile and extensions; the workspace is the
 * given folder or else a fresh copy of examples/.
 */
export function makeRun(name, workspaceDir) {
	const dir = mkdtempSync(join(tmpdir(), `zcl-e2e-${name}-`));
	for (const sub of ['xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'ud/User', 'exts', 'browser']) mkdirSync(join(dir, sub), { recursive: true });
	writeFileSync(join(dir, 'ud/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
	const workspace = workspaceDir ?? copyExamples(dir);
	const env = {
		...process.env,
		XDG_CONFIG_HOME: join(dir, 'xdg-config'),
		XDG_DATA_HOME: join(dir, 'xdg-data'),
		XDG_CACHE_HOME: join(dir, 'xdg-cache'),
		TMPDIR: join(dir, 'tmp'),
	};
	return { dir, workspace, env };
}

/** A copy of examples/ under `parent`, so tests never write into the repository. */
export function copyExamples(parent) {
	const workspace = join(parent, 'workspace');
	cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
	return workspace;
}

export function installVsix(bin, run, vsix) {
	execFileSync(bin, ['--install-extension', vsix, '--extensions-dir', join(run.dir, 'exts'), '--user-data-dir', join(run.dir, 'ud')], {
		env: run.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Starts code-server in its own process group (on a free port unless one is given) and waits for /healthz. */
export async function startCodeServer(bin, run, port) {
	port ??= await freePort();
	const log = openSync(join(run.dir, 'code-server.log'), 'a');
	const child = spawn(
		bin,
		[
			'--auth',
			'none',
			'--bind-addr',
			`127.0.0.1:${port}`,
			'--disable-telemetry',
			'--disable-update-check',
			'--disable-workspace-trust',
			'--user-data-dir',
			join(run.dir, 'ud'),
			'--extensions-dir',
			join(run.dir, 'exts'),
			run.workspace,
		],
		{ detached: true, env: run.env, stdio: ['ignore', log, log] },
	);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
	process.once('exit', stop);
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (stop(), process.exit(130)));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60000;
	for (;;) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			stop();
			throw new Error(`code-server did not answer on ${url} within 60 s; see ${join(run.dir, 'code-server.log')}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return { url, port, stop, authority: `vscode-remote://127.0.0.1:${port}` };
}

export async function launchBrowser(run) {
	const { chromium } = await import('playwright-core');
	return chromium.launchPersistentContext(join(run.dir, 'browser'), {
		executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
}

/** The vsix that `npm run package` made for the current version. */
export function vsixPath() {
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	return join(ROOT, `zoho-credit-lens-${version}.vsix`);
}
