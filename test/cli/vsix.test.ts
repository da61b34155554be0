import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** `npm test` packages first (`pretest`), with plain `vsce package`. */
const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);

interface Entry {
	readonly name: string;
	readonly size: number;
	read(): Buffer;
}

/** The files of a zip archive, from its central directory. */
function entriesOf(zip: Buffer): Entry[] {
	let end = zip.length - 22;
	while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
	assert.ok(end >= 0, 'the vsix is a zip archive');
	const count = zip.readUInt16LE(end + 10);
	let at = zip.readUInt32LE(end + 16);
	const entries: Entry[] = [];
	for (let i = 0; i < count; i++) {
		assert.equal(zip.readUInt32LE(at), 0x02014b50);
		const method = zip.readUInt16LE(at + 10);
		const compressed = zip.readUInt32LE(at + 20);
		const size = zip.readUInt32LE(at + 24);
		const nameLength = zip.readUInt16LE(at + 28);
		const extra = zip.readUInt16LE(at + 30);
		const comment = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
		entries.push({
			name,
			size,
			read: () => {
				const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
				const data = zip.subarray(start, start + compressed);
				return method === 0 ? data : inflateRawSync(data);
			},
		});
		at += 46 + nameLength + extra + comment;
	}
	return entries;
}

void describe('the packaged extension', () => {
	const entries = entriesOf(readFileSync(VSIX));
	const byName = new Map(entries.map((e) => [e.name, e] as const));

	test('holds the bundles, the grammar, the schema, the media and the documents, and nothing of the repository besides', () => {
		const names = entries.map((e) => e.name).sort();
		for (const wanted of [
			'extension/package.json',
			'extension/readme.md',
			'extension/changelog.md',
			'extension/LICENSE.txt',
			'extension/dist/client.js',
			'extension/dist/server.js',
			'extension/dist/scanner.js',
			'extension/dist/cli.js',
			'extension/dist/typescript.js',
			'extension/dist/panel.js',
			'extension/syntaxes/deluge.tmLanguage.json',
			'extension/schemas/zoho-credits.schema.json',
			'extension/media/icon.png',
		]) {
			assert.ok(names.includes(wanted), wanted);
		}
		const stray = names.filter((n) => /node_modules|\.map$|\/(out|test|server|client|scripts|docs|examples)\/|\.ts$|\.vsix$/.test(n));
		assert.deepEqual(stray, []);
	});

	test('ships TypeScript once, beside the server and the CLI that share it, and stays small', () => {
		// A message of TypeScript's own diagnostics table: only its compiler holds it.
		const holders = entries.filter((e) => e.name.endsWith('.js') && e.read().includes('Identifier expected.')).map((e) => e.name);
		assert.deepEqual(holders, ['extension/dist/typescript.js']);
		const unpacked = entries.reduce((n, e) => n + e.size, 0);
		// TypeScript is about 3.6 MB minified; the rest of the bundles about 3 MB, the screenshots under 1 MB.
		assert.ok(unpacked < 9_000_000, `${unpacked} bytes unpacked`);
		assert.ok(readFileSync(VSIX).length < 3_500_000, `${readFileSync(VSIX).length} bytes packed`);
	});

	test('carries the manifest fields the marketplace asks for, and an icon of 128 × 128', () => {
		const pkg = JSON.parse(byName.get('extension/package.json')!.read().toString('utf8'));
		for (const field of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'categories', 'keywords'])
			assert.ok(pkg[field], field);
		assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
		assert.match(pkg.repository.url, /^https:\/\//);
		assert.match(pkg.bugs.url, /^https:\/\//);
		assert.match(pkg.homepage, /^https:\/\//);
		assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
		assert.equal(pkg.dependencies, undefined, 'everything is bundled: no runtime dependencies');
		const icon = byName.get(`extension/${pkg.icon}`)!.read();
		assert.equal(icon.toString('latin1', 1, 4), 'PNG');
		assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
	});

	test('its README links images absolutely and keeps the engineering notes out', () => {
		const readme = byName.get('extension/readme.md')!.read().toString('utf8');
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
		assert.ok(images.length > 0);
		for (const image of images) assert.match(image, /^https:\/\//);
		assert.doesNotMatch(readme, /npm run bench|Where the memory goes|ESLint with one rule/);
	});
});

void describe('a clean install', () => {
	test('decides about every dependency with an install script, so npm ci has nothing to warn about', () => {
		const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
		const withScripts = Object.entries(lock.packages)
			.filter(([, p]) => p.hasInstallScript)
			.map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
		assert.ok(withScripts.length > 0);
		for (const name of withScripts) assert.equal(typeof pkg.allowScripts?.[name], 'boolean', `${name} has install scripts: allowScripts says whether they run`);
	});
});
