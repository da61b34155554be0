import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Minimatch } from 'minimatch';
import { discover, isExcluded } from '../../server/src/workspace/discover';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { InThreadScanner } from '../../server/src/workspace/scanner-thread';
import { readSmallFile } from '../../server/src/workspace/small-file';

/** A 300 MB source file that takes no disk: a sparse file, only its length is set. */
function sparse(path: string): string {
	writeFileSync(path, '');
	truncateSync(path, 300 * 1024 * 1024);
	return path;
}

void describe('reading files: what a file is, and its size, are checked before it is read', () => {
	test('a device, a named pipe and a 300 MB file are refused with the reason; a file at the limit is read', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-small-'));
		assert.deepEqual(readSmallFile('/dev/zero', 1024), { ok: false, reason: 'not a regular file' });
		// A pipe nobody writes to: opening it must not wait for a writer.
		assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.json')]).status, 0);
		assert.deepEqual(readSmallFile(join(dir, 'pipe.json'), 1024), { ok: false, reason: 'not a regular file' });
		assert.deepEqual(readSmallFile(sparse(join(dir, 'big.ts')), 2 * 1024 * 1024), { ok: false, reason: 'larger than 2 MB' });
		writeFileSync(join(dir, 'at-limit.ts'), 'x'.repeat(1024));
		writeFileSync(join(dir, 'over-limit.ts'), 'x'.repeat(1025));
		const atLimit = readSmallFile(join(dir, 'at-limit.ts'), 1024);
		assert.equal(atLimit.ok && atLimit.buffer.toString(), 'x'.repeat(1024));
		assert.deepEqual(readSmallFile(join(dir, 'over-limit.ts'), 1024), { ok: false, reason: 'larger than 1 KB' });
		assert.deepEqual(readSmallFile(join(dir, 'missing.ts'), 1024), { ok: false, reason: 'unreadable: ENOENT', code: 'ENOENT' });
		assert.deepEqual(readSmallFile(dir, 1024), { ok: false, reason: 'not a regular file' });
	});

	test('the workspace index leaves out a 300 MB source file and a link to a device, unread, and says why', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'zcl-index-'));
		const index = new WorkspaceIndex(new InThreadScanner());
		writeFileSync(join(dir, 'ok.dg'), 'zoho.crm.getRecords("Leads");\n');
		assert.equal(await index.reload(join(dir, 'ok.dg')), undefined);
		assert.equal(await index.reload(sparse(join(dir, 'big.ts'))), 'larger than 2 MB');
		symlinkSync('/dev/zero', join(dir, 'zero.dg'));
		assert.equal(await index.reload(join(dir, 'zero.dg')), 'not a regular file');
		// A file that is gone is no news: it just leaves the index.
		assert.equal(await index.reload(join(dir, 'gone.dg')), undefined);
		assert.deepEqual(
			[...index.entries()].map(([path]) => path),
			[join(dir, 'ok.dg')],
		);
	});
});

void describe('discovery stays inside the folder it scans', () => {
	/** A workspace beside a folder it must not read: `outside/leak.dg` makes a Zoho call. */
	function workspace(): { ws: string; outside: string } {
		const base = realpathSync(mkdtempSync(join(tmpdir(), 'zcl-links-')));
		const ws = join(base, 'ws');
		const outside = join(base, 'outside');
		mkdirSync(join(ws, 'src'), { recursive: true });
		mkdirSync(outside);
		writeFileSync(join(outside, 'leak.dg'), 'zoho.crm.getRecords("Leads");');
		writeFileSync(join(ws, 'src', 'a.dg'), 'zoho.crm.getRecords("Deals");');
		symlinkSync(outside, join(ws, 'out-link'));
		symlinkSync(join(outside, 'leak.dg'), join(ws, 'leak.dg'));
		symlinkSync('/', join(ws, 'root'));
		symlinkSync(join(ws, 'src'), join(ws, 'z-alias'));
		symlinkSync(ws, join(ws, 'src', 'loop'));
		return { ws, outside };
	}

	test('links leading outside are skipped with the reason; a link inside and a loop read each file once', () => {
		const { ws, outside } = workspace();
		const { files, skipped } = discover(ws, [ws]);
		// src/a.dg once: not again through z-alias (src, already read) nor src/loop (the workspace itself).
		assert.deepEqual(
			files.map((f) => f.relativePath),
			['src/a.dg'],
		);
		assert.deepEqual(skipped, [
			{ path: join(ws, 'leak.dg'), reason: `symbolic link leading outside the scanned folder, to ${join(outside, 'leak.dg')}` },
			{ path: join(ws, 'out-link'), reason: `symbolic link leading outside the scanned folder, to ${outside}` },
			{ path: join(ws, 'root'), reason: 'symbolic link leading outside the scanned folder, to /' },
		]);
	});

	test('a path given to scan is a root of its own, even as a link', () => {
		const { ws } = workspace();
		const { files, skipped } = discover(ws, [join(ws, 'out-link')]);
		assert.deepEqual(
			files.map((f) => f.relativePath),
			['out-link/leak.dg'],
		);
		assert.deepEqual(skipped, []);
	});
});

void describe('globs are compiled once, not for every path', () => {
	test('an ignore glob of 17 brace alternatives over 40 paths: the right files, and each glob compiled once', () => {
		const root = realpathSync(mkdtempSync(join(tmpdir(), 'zcl-globs-')));
		// Folders gen0 … gen16 are ignored; gen17 … gen39 are not. The globs are new to this process.
		const ignore = `**/{${Array.from({ length: 17 }, (_, i) => `gen${i}`).join(',')}}/**`;
		const deluge = '**/*.globs-test.txt';
		const paths = Array.from({ length: 40 }, (_, i) => join(root, 'src', `gen${i}`, `f${i}.ts`));
		for (const path of paths) {
			mkdirSync(join(path, '..'), { recursive: true });
			writeFileSync(path, 'export {};');
		}
		writeFileSync(join(root, 'notes.globs-test.txt'), 'zoho.crm.getRecords("Leads");');
		const make = Minimatch.prototype.make;
		let compilations = 0;
		Minimatch.prototype.make = function (this: Minimatch) {
			compilations++;
			make.call(this);
		};
		try {
			const { files } = discover(root, [root], { ignore: [ignore], deluge: [deluge] });
			assert.deepEqual(
				files.map((f) => [f.relativePath, f.language]).sort(),
				[['notes.globs-test.txt', 'deluge'], ...Array.from({ length: 23 }, (_, i) => [`src/gen${i + 17}/f${i + 17}.ts`, 'typescript'])].sort(),
			);
			assert.deepEqual(
				paths.map((path) => isExcluded(root, path, { ignore: [ignore] })),
				Array.from({ length: 40 }, (_, i) => i < 17),
			);
		} finally {
			Minimatch.prototype.make = make;
		}
		// The ignore glob and the Deluge glob, once each, however many paths they were matched against.
		assert.equal(compilations, 2);
	});
});
