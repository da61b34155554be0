/**
 * Incremental answers. A computation run under `Revisions.track` records the files it read; a `Memo`
 * keeps its answer with them and drops it once one of those files changes. One log of changes serves
 * every memo built on it (the graph's links, function costs, the workspace report's parts), so each
 * catches up on its next use, however many changes it missed, up to what the log keeps.
 */

/** A value with the files read to compute it. */
export interface Tracked<T> {
	readonly value: T;
	readonly deps: ReadonlySet<string>;
}

/** The dependency of everything: a change that names it makes every kept answer stale. */
export const EVERYTHING = '*';

/** How many changes the log remembers; a memo that missed more starts over. */
const LOG_SIZE = 256;

/** Distinct groups of dependencies shared between answers before the table starts again. */
const MAX_GROUPS = 50_000;

/** Counts changes, keeps what each recent one made stale, and collects what computations read. */
export class Revisions {
	revision = 0;
	private log: { readonly revision: number; readonly stale: readonly string[] }[] = [];
	/** The dependency sets being collected, innermost last. */
	private readonly frames: Set<string>[] = [];

	/** Records that the computation under way read this dependency. */
	read(dependency: string): void {
		this.frames.at(-1)?.add(dependency);
	}

	/** Records that the computation under way depends on these (an answer it reused). */
	depend(deps: ReadonlySet<string>): void {
		const top = this.frames.at(-1);
		if (top) for (const d of deps) top.add(d);
	}

	/** Runs a computation and returns what it read; the enclosing computation depends on it too. */
	track<T>(compute: () => T): Tracked<T> {
		const deps = new Set<string>();
		this.frames.push(deps);
		let value: T;
		try {
			value = compute();
		} finally {
			this.frames.pop();
		}
		this.depend(deps);
		return { value, deps: this.shared(deps) };
	}

	/**
	 * One set for each distinct group of dependencies: tens of thousands of kept answers read the same
	 * few files, and a set of its own for each would take megabytes of a large workspace's memory.
	 */
	private shared(deps: Set<string>): ReadonlySet<string> {
		const key = deps.size === 1 ? (deps.values().next().value as string) : [...deps].sort().join('\0');
		const known = this.groups.get(key);
		if (known) return known;
		// A long session meets ever new groups; past a bound the table starts again (sets already handed out stay valid).
		if (this.groups.size >= MAX_GROUPS) this.groups.clear();
		this.groups.set(key, deps);
		return deps;
	}

	private readonly groups = new Map<string, ReadonlySet<string>>();

	/** Runs a computation whose reads count for nobody: a global answer kept apart from its askers. */
	untracked<T>(compute: () => T): T {
		this.frames.push(new Set());
		try {
			return compute();
		} finally {
			this.frames.pop();
		}
	}

	/** A change: answers that read any of `stale` (or anything, for `EVERYTHING`) are stale from now on. */
	changed(stale: readonly string[]): void {
		this.revision++;
		this.log.push({ revision: this.revision, stale });
		if (this.log.length > LOG_SIZE) this.log = this.log.slice(-LOG_SIZE);
	}

	/** True when a change after `revision` made an answer that read `deps` stale (or the log no longer reaches back). */
	changedSince(revision: number, deps: ReadonlySet<string>): boolean {
		return this.staleSince(revision).some((stale) => stale === EVERYTHING || deps.has(stale));
	}

	/** What changed after `revision`: the stale dependencies, or `EVERYTHING` when the log no longer reaches back. */
	staleSince(revision: number): readonly string[] {
		if (revision === this.revision) return [];
		if (this.log.length === 0 || this.log[0].revision > revision + 1) return [EVERYTHING];
		return this.log.filter((c) => c.revision > revision).flatMap((c) => c.stale);
	}
}

/**
 * Answers by key, each dropped once something it read changes. Keys are indexed by the set of files
 * they read (answers share a few thousand such sets, `Revisions.shared`), and those sets by each file
 * in them, so a change drops the answers that read the file without a look at the others: the function
 * costs of a large workspace are tens of thousands of answers, and an edit of one file reads a few.
 */
export class Memo<T> {
	private readonly entries = new Map<string, Tracked<T>>();
	/**
	 * The keys of the kept answers, by the set of dependencies they share, and those sets by each
	 * dependency in them. Most sets are held by one answer and most files are in one set: a lone key or
	 * set is kept as it is, not in a collection of its own (thousands of those took megabytes).
	 */
	private readonly byDeps = new Map<ReadonlySet<string>, string | Set<string>>();
	private readonly depsByFile = new Map<string, ReadonlySet<string> | ReadonlySet<string>[]>();
	private revision: number;

	/** `dropped` hears of each answer a change made stale, as it is dropped. */
	constructor(
		readonly revisions: Revisions,
		private readonly dropped?: (key: string) => void,
	) {
		this.revision = revisions.revision;
	}

	get size(): number {
		this.refresh();
		return this.entries.size;
	}

	/** The kept answer for a key, if nothing it read has changed; the computation under way depends on what it read. */
	get(key: string): Tracked<T> | undefined {
		this.refresh();
		const known = this.entries.get(key);
		if (known) this.revisions.depend(known.deps);
		return known;
	}

	set(key: string, tracked: Tracked<T>): void {
		this.refresh();
		this.keep(key, tracked);
	}

	delete(key: string): void {
		const known = this.entries.get(key);
		if (!known) return;
		this.entries.delete(key);
		this.unindex(key, known.deps);
	}

	keys(): IterableIterator<string> {
		this.refresh();
		return this.entries.keys();
	}

	/** The kept answer, else `compute` run, tracked and kept (unless `keep` refuses the value). */
	cached(key: string, compute: () => T, keep?: (value: T) => boolean): T {
		const known = this.get(key);
		if (known) return known.value;
		const tracked = this.revisions.track(compute);
		if (!keep || keep(tracked.value)) this.keep(key, tracked);
		return tracked.value;
	}

	/** Drops the answers made stale by the changes since this memo last looked, telling `dropped` of each. */
	refresh(): void {
		if (this.revision === this.revisions.revision) return;
		const stale = this.revisions.staleSince(this.revision);
		this.revision = this.revisions.revision;
		if (stale.includes(EVERYTHING)) {
			if (this.dropped) for (const key of this.entries.keys()) this.dropped(key);
			this.entries.clear();
			this.byDeps.clear();
			this.depsByFile.clear();
			return;
		}
		for (const file of stale) {
			const sets = this.depsByFile.get(file);
			if (!sets) continue;
			for (const deps of Array.isArray(sets) ? [...sets] : [sets]) {
				const keys = this.byDeps.get(deps);
				if (keys === undefined) continue;
				for (const key of typeof keys === 'string' ? [keys] : [...keys]) {
					this.delete(key);
					this.dropped?.(key);
				}
			}
		}
	}

	private keep(key: string, tracked: Tracked<T>): void {
		const known = this.entries.get(key);
		if (known) this.unindex(key, known.deps);
		this.entries.set(key, tracked);
		const { deps } = tracked;
		const keys = this.byDeps.get(deps);
		if (keys === undefined) {
			this.byDeps.set(deps, key);
			for (const file of deps) {
				const sets = this.depsByFile.get(file);
				if (sets === undefined) this.depsByFile.set(file, deps);
				else if (Array.isArray(sets)) sets.push(deps);
				else this.depsByFile.set(file, [sets, deps]);
			}
		} else if (typeof keys === 'string') {
			if (keys !== key) this.byDeps.set(deps, new Set([keys, key]));
		} else keys.add(key);
	}

	/** Takes a key out of the index; a set of dependencies no answer holds any longer leaves it. */
	private unindex(key: string, deps: ReadonlySet<string>): void {
		const keys = this.byDeps.get(deps);
		if (keys === undefined) return;
		if (typeof keys !== 'string') {
			keys.delete(key);
			if (keys.size > 1) return;
			if (keys.size === 1) {
				this.byDeps.set(deps, keys.values().next().value as string);
				return;
			}
		} else if (keys !== key) return;
		this.byDeps.delete(deps);
		for (const file of deps) {
			const sets = this.depsByFile.get(file);
			if (sets === deps) this.depsByFile.delete(file);
			else if (Array.isArray(sets)) {
				const i = sets.indexOf(deps);
				if (i >= 0) sets.splice(i, 1);
				if (sets.length === 1) this.depsByFile.set(file, sets[0]);
			}
		}
	}
}
