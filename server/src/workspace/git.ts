import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** A problem with the repository or the revision, worded for the person who typed the command. */
export class GitError extends Error {}

function git(args: string[], cwd: string): string {
	const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.error) throw new GitError(`git could not be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); is it installed?`);
	if (result.status !== 0) throw new GitError(result.stderr.trim().split('\n')[0] || `git ${args[0]} failed`);
	return result.stdout;
}

export interface BaseTree {
	/** The working directory's counterpart in the base revision's files. */
	readonly root: string;
	dispose(): void;
}

/**
 * The files of a revision, written to a temporary folder (`git archive`, then `tar`), so the same
 * scan can run on them. The working tree and the index are not touched.
 */
export function checkoutBase(ref: string, cwd: string): BaseTree {
	let top: string;
	try {
		top = git(['rev-parse', '--show-toplevel'], cwd).trim();
	} catch {
		throw new GitError(`${cwd} is not inside a git repository.`);
	}
	try {
		git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
	} catch {
		throw new GitError(`"${ref}" is not a revision of this repository.`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'zoho-credits-base-'));
	try {
		const tree = join(dir, 'tree');
		mkdirSync(tree);
		const archive = join(dir, 'base.tar');
		git(['archive', '--format=tar', '-o', archive, ref], top);
		const untar = spawnSync('tar', ['-xf', archive, '-C', tree], { encoding: 'utf8' });
		if (untar.error || untar.status !== 0) throw new GitError(`the files of ${ref} could not be unpacked: ${untar.stderr?.trim() || untar.error?.message}`);
		return { root: join(tree, relative(top, realpathSync(cwd))), dispose: () => rmSync(dir, { recursive: true, force: true }) };
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}
