// The language server in another editor: Neovim's built-in LSP client (Debian's neovim, 0.7),
// headless, opens a Deluge file and gets the diagnostics and a hover from dist/server.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../scripts/code-server.mjs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
// CI installs Neovim (.ci/run); elsewhere the test says it was skipped rather than pass unseen.
const missing = nvim.error ? 'nvim is not installed (Debian package neovim)' : false;
if (missing && process.env.CI) throw new Error(`${missing}: CI must have it`);

test('Neovim gets the loop warnings and a hover with the credits', { skip: missing, timeout: 60000 }, () => {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-nvim-'));
	cpSync(join(ROOT, 'examples', 'deluge'), join(dir, 'deluge'), { recursive: true });
	const out = join(dir, 'result.txt');
	const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(ROOT, 'test/e2e/neovim/client.lua')}`], {
		encoding: 'utf8',
		timeout: 50000,
		env: {
			...process.env,
			ZCL_SERVER: join(ROOT, 'dist/server.js'),
			ZCL_FILE: join(dir, 'deluge', 'convert_hot_leads.dg'),
			ZCL_OUT: out,
			// On zoho.crm.convertLead (line 14).
			ZCL_LINE: '13',
			ZCL_CHARACTER: '20',
			XDG_CONFIG_HOME: join(dir, 'config'),
			XDG_STATE_HOME: join(dir, 'state'),
			XDG_DATA_HOME: join(dir, 'data'),
		},
	});
	assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
	const lines = readFileSync(out, 'utf8').split('\n');
	assert.equal(lines[0], 'diagnostics: 2');
	assert.ok(lines.includes('diagnostic 9:11 Get Records runs inside a loop: 1 credit ×3 = 3 credits per run.'), lines.join('\n'));
	assert.ok(
		lines.some((l) => l.startsWith('diagnostic 14:5 Convert Lead costs 5 credits a call and runs inside a loop: ×3 ×10 (assumed) = 150 credits per run.')),
		lines.join('\n'),
	);
	assert.ok(lines.includes('hover: **Zoho CRM: Convert Lead**: 5 credits per call'), lines.join('\n'));
	// 5 × 3 × 10 = 150 a run; once a day of Professional's 55,000 (current table; assumed: Neovim sends no settings).
	assert.ok(
		lines.includes(
			'hover: **≈ 150 (15–3,000) credits per run**; at 1 run a day (assumed) that is ≈ 150 (15–3,000) credits a day, 0.27% of the daily 55,000 credits.',
		),
		lines.join('\n'),
	);
});
