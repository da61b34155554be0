/**
 * The field measurement: public Zoho CRM integrations nobody on the team wrote, labelled by hand
 * (`test/field/labels/*.json`: path, line, a hash of the trimmed line, the expected call), scanned by
 * the CLI as a user would (`zoho-credits scan .` inside each restored tree), compared label by label.
 *
 * Usage: npm run field [-- --mirrors DIR] [-- --keep]
 *   DIR holds a bare git copy of each repository as `<owner>+<name>/repo` (what the fetch tool brings);
 *   also ZOHO_CREDIT_LENS_FIELD_MIRRORS; default ../.mirror beside the project.
 * Prints JSON: recall, false positives on look-alikes, credits and loop agreement, per language and for
 * calls through wrappers, and the labels missed. A measurement like the bench, not part of npm test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

interface Label {
	readonly path: string;
	readonly line: number;
	/** The first 12 hex digits of the SHA-1 of the trimmed line text. */
	readonly hash: string;
	readonly kind: 'call' | 'lookalike';
	readonly via?: 'rest' | 'sdk' | 'deluge-task' | 'invokeurl' | 'wrapper';
	readonly operation?: string;
	readonly credits?: number | null;
	readonly inLoop?: boolean;
	readonly why?: string;
}

interface LabelFile {
	readonly repo: string;
	readonly commit: string;
	readonly language: 'typescript' | 'javascript' | 'deluge';
	readonly files: readonly string[];
	readonly labels: readonly Label[];
}

interface ReportedCall {
	readonly line: number;
	readonly api: string;
	readonly via: string;
	readonly credits: number;
	readonly inLoop: boolean;
}

function lineHash(text: string): string {
	return createHash('sha1').update(text.trim()).digest('hex').slice(0, 12);
}

/**
 * Writes the tree of a commit into `into`, blob by blob through one `git cat-file --batch`; a copy may
 * lack its largest files (they are listed, not kept): their paths are returned.
 */
function restore(gitDir: string, commit: string, into: string): string[] {
	const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
	const blobs = listing
		.split('\0')
		.filter(Boolean)
		.map((entry) => {
			const [meta, path] = entry.split('\t');
			const [mode, type, id] = meta.split(' ');
			return { mode, type, id, path };
		})
		.filter((b) => b.type === 'blob' && b.mode !== '120000');
	const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
		input: blobs.map((b) => b.id).join('\n') + '\n',
		maxBuffer: 4 * 1024 * 1024 * 1024,
	});
	const absent: string[] = [];
	let at = 0;
	for (const blob of blobs) {
		const headerEnd = out.indexOf(10, at);
		const header = out.subarray(at, headerEnd).toString('utf8');
		at = headerEnd + 1;
		if (header.endsWith(' missing')) {
			absent.push(blob.path);
			continue;
		}
		const size = Number(header.split(' ')[2]);
		const target = join(into, blob.path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, out.subarray(at, at + size));
		at += size + 1;
	}
	return absent;
}

function argument(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The language a label counts under: a Deluge repository's files are Deluge whatever their extension. */
function languageOf(file: LabelFile, path: string): string {
	if (file.language === 'deluge') return 'deluge';
	return /\.(ts|tsx|mts|cts)$/.test(path) ? 'typescript' : 'javascript';
}

interface Tally {
	calls: number;
	found: number;
	creditsCompared: number;
	creditsAgree: number;
	loopsAgree: number;
	lookalikes: number;
	falsePositives: number;
}

const tally = (): Tally => ({ calls: 0, found: 0, creditsCompared: 0, creditsAgree: 0, loopsAgree: 0, lookalikes: 0, falsePositives: 0 });

function summary(t: Tally) {
	const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
	return {
		calls: t.calls,
		found: t.found,
		recall: ratio(t.found, t.calls),
		creditsAgreement: ratio(t.creditsAgree, t.creditsCompared),
		loopAgreement: ratio(t.loopsAgree, t.found),
		lookalikes: t.lookalikes,
		falsePositives: t.falsePositives,
	};
}

function main(): void {
	const mirrors = resolve(argument('mirrors') ?? process.env.ZOHO_CREDIT_LENS_FIELD_MIRRORS ?? join(ROOT, '..', '.mirror'));
	const labelDir = join(ROOT, 'test', 'field', 'labels');
	const files: LabelFile[] = readdirSync(labelDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(labelDir, f), 'utf8')) as LabelFile);
	const work = mkdtempSync(join(tmpdir(), 'zcl-field-'));
	const byLanguage = new Map<string, Tally>();
	const wrappers = tally();
	const all = tally();
	const missed: { repo: string; path: string; line: number; via?: string; operation?: string; reported?: string }[] = [];
	const disagreements: { repo: string; path: string; line: number; expected: unknown; reported: unknown }[] = [];
	const falsePositives: { repo: string; path: string; line: number; why?: string; reported: string }[] = [];
	const problems: string[] = [];
	const notes: string[] = [];
	const repos: Record<string, { labels: number; reportedCalls: number; unlabelledInLabelledFiles: number; totals: unknown; findings: Record<string, number> }> =
		{};

	for (const file of files) {
		const [owner, name] = file.repo.split('/');
		const gitDir = join(mirrors, `${owner}+${name}`, 'repo');
		if (!existsSync(gitDir)) {
			problems.push(`${file.repo}: no copy at ${gitDir} (bring it with the fetch tool, or give --mirrors DIR)`);
			continue;
		}
		const tree = join(work, `${owner}__${name}`);
		mkdirSync(tree, { recursive: true });
		try {
			const absent = restore(gitDir, file.commit, tree);
			if (absent.length > 0)
				notes.push(
					`${file.repo}: ${absent.length} large file${absent.length === 1 ? '' : 's'} absent from the copy, left out (${absent.slice(0, 3).join(', ')}${absent.length > 3 ? ', …' : ''})`,
				);
		} catch (error) {
			problems.push(`${file.repo}: commit ${file.commit} cannot be restored (${(error as Error).message.split('\n')[0]})`);
			continue;
		}
		// As a user would: the CLI in the root of the project, nothing configured.
		const scan = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never'], {
			cwd: tree,
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
		if (scan.status !== 0) {
			problems.push(`${file.repo}: the scan exited ${scan.status}: ${scan.stderr.split('\n')[0]}`);
			continue;
		}
		const report = JSON.parse(scan.stdout) as {
			files: { path: string; calls: ReportedCall[] }[];
			totals: unknown;
			findings: { id: string; severity: string }[];
		};
		const callsOf = new Map(report.files.map((f) => [f.path, f.calls]));
		const labelled = new Set<string>();
		for (const label of file.labels) {
			labelled.add(`${label.path}:${label.line}`);
			const path = join(tree, label.path);
			const lines = existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/) : [];
			if (lineHash(lines[label.line - 1] ?? '') !== label.hash) {
				problems.push(`${file.repo}: ${label.path}:${label.line} does not hold the labelled line (hash ${label.hash})`);
				continue;
			}
			const language = languageOf(file, label.path);
			const t = byLanguage.get(language) ?? tally();
			byLanguage.set(language, t);
			const reported = (callsOf.get(label.path) ?? []).filter((c) => c.line === label.line);
			const counted = label.via === 'wrapper' ? [t, all, wrappers] : [t, all];
			if (label.kind === 'lookalike') {
				for (const x of [t, all]) x.lookalikes++;
				if (reported.length > 0) {
					for (const x of [t, all]) x.falsePositives++;
					falsePositives.push({ repo: file.repo, path: label.path, line: label.line, why: label.why, reported: reported.map((c) => c.api).join(', ') });
				}
				continue;
			}
			for (const x of counted) x.calls++;
			if (reported.length === 0) {
				missed.push({ repo: file.repo, path: label.path, line: label.line, via: label.via, operation: label.operation });
				continue;
			}
			// Several calls on one line (a chain, a nested call): the one priced like the label, else the first.
			const call = reported.find((c) => c.credits === label.credits) ?? reported[0];
			for (const x of counted) {
				x.found++;
				if (label.credits !== null && label.credits !== undefined) {
					x.creditsCompared++;
					if (call.credits === label.credits) x.creditsAgree++;
				}
				if (call.inLoop === (label.inLoop === true)) x.loopsAgree++;
			}
			if ((label.credits != null && call.credits !== label.credits) || call.inLoop !== (label.inLoop === true)) {
				disagreements.push({
					repo: file.repo,
					path: label.path,
					line: label.line,
					expected: { credits: label.credits, inLoop: label.inLoop === true, operation: label.operation },
					reported: { credits: call.credits, inLoop: call.inLoop, api: call.api },
				});
			}
		}
		const inLabelledFiles = report.files.filter((f) => file.files.includes(f.path)).flatMap((f) => f.calls.map((c) => `${f.path}:${c.line}`));
		repos[file.repo] = {
			labels: file.labels.length,
			reportedCalls: report.files.reduce((n, f) => n + f.calls.length, 0),
			unlabelledInLabelledFiles: inLabelledFiles.filter((k) => !labelled.has(k)).length,
			// What the whole project spends a day as the report totals it, and its findings by check and severity.
			totals: report.totals,
			findings: report.findings.reduce<Record<string, number>>((n, f) => ({ ...n, [`${f.id} ${f.severity}`]: (n[`${f.id} ${f.severity}`] ?? 0) + 1 }), {}),
		};
	}
	if (process.argv.includes('--keep')) process.stderr.write(`field: restored trees kept in ${work}\n`);
	else rmSync(work, { recursive: true, force: true });

	const result = {
		mirrors,
		repositories: files.length,
		labels: files.reduce((n, f) => n + f.labels.length, 0),
		all: summary(all),
		byLanguage: Object.fromEntries([...byLanguage].sort().map(([language, t]) => [language, summary(t)])),
		throughWrappers: summary(wrappers),
		repos,
		missed,
		disagreements,
		falsePositives,
		problems,
		notes,
	};
	process.stdout.write(JSON.stringify(result, null, 2) + '\n');
	if (problems.length > 0)
		process.stderr.write(`field: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
}

main();
