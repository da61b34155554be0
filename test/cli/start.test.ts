import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';

void describe('npm start', () => {
	test('the tour opens a copy of the examples outside the repository, so it never changes them', () => {
		const root = join(__dirname, '..', '..', '..');
		const result = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, ZCL_START_DRY_RUN: '1' },
			timeout: 60_000,
		});
		assert.equal(result.status, 0, result.stderr);
		const folder = /a copy of examples\/: (.+)$/m.exec(result.stdout)?.[1];
		assert.ok(folder, result.stdout);
		assert.ok(!resolve(folder).startsWith(resolve(root) + sep), folder);
		assert.ok(existsSync(join(folder, 'deluge', 'convert_hot_leads.dg')), folder);
		assert.equal(readFileSync(join(folder, 'node', 'sync-contacts.ts'), 'utf8'), readFileSync(join(root, 'examples', 'node', 'sync-contacts.ts'), 'utf8'));
	});
});
