// Turns label files written while reading a repository (each label with the `text` of its line) into the
// committed form (the text replaced by a hash of it), after checking every label against the repository
// at its commit. Usage: node scripts/field-labels.mjs [--mirrors DIR] FILE...
// The committed files go to test/field/labels/<owner>__<name>.json; no code of the repositories is kept.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--mirrors');
const mirrors = resolve(at >= 0 ? args.splice(at, 2)[1] : (process.env.ZOHO_CREDIT_LENS_FIELD_MIRRORS ?? join(root, '..', '.mirror')));
mkdirSync(join(root, 'test', 'field', 'labels'), { recursive: true });
const hash = (text) => createHash('sha1').update(text.trim()).digest('hex').slice(0, 12);

let failed = 0;
for (const input of args) {
	const file = JSON.parse(readFileSync(input, 'utf8'));
	const [owner, name] = file.repo.split('/');
	const gitDir = join(mirrors, `${owner}+${name}`, 'repo');
	const texts = new Map();
	const lineOf = (path, line) => {
		if (!texts.has(path))
			texts.set(
				path,
				execFileSync('git', ['--git-dir', gitDir, 'show', `${file.commit}:${path}`], { maxBuffer: 64 * 1024 * 1024 })
					.toString('utf8')
					.split(/\r?\n/),
			);
		return texts.get(path)[line - 1] ?? '';
	};
	const labels = [];
	for (const label of file.labels) {
		const actual = lineOf(label.path, label.line);
		if (label.text !== undefined && actual.trim() !== label.text.trim()) {
			failed++;
			console.error(`${file.repo} ${label.path}:${label.line}: the line is not the labelled text`);
			continue;
		}
		const { text: _text, ...rest } = label;
		labels.push({
			path: rest.path,
			line: rest.line,
			hash: hash(actual),
			...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'path' && k !== 'line')),
		});
	}
	const out = join(root, 'test', 'field', 'labels', `${owner}__${name}.json`);
	writeFileSync(out, JSON.stringify({ repo: file.repo, commit: file.commit, language: file.language, files: file.files, labels }, null, '\t') + '\n');
	console.log(`${out}: ${labels.length} labels`);
}
process.exitCode = failed > 0 ? 1 : 0;
