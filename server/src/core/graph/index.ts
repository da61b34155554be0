/**
 * Cross-file linking: which user function an invocation calls, through relative imports, index
 * files, default and named exports, re-exports, CommonJS `module.exports` / `exports.x`, and methods
 * of classes (also imported ones). Pure: module paths and facts in, resolutions out.
 */
import { EVERYTHING, Memo, Revisions, type Tracked } from '../memo';
import { sdkCallPath, sdkHasClass, sdkMethod, sdkOfImport } from '../catalog';
import type { CallFact, DeferredCall, FileFacts, FunctionFact, InvocationFact, Span } from '../facts';
import { crmPathOf, hasParameter, HOLE, IMPORTED, parseHttpClient, parseSdkInstance, withoutParameters, withTokenHost } from '../scan/zoho-url';

/** A call of a user function: the function's key (`path#name`), and the file and index of the invocation. */
export interface CallSiteRef {
	readonly key: string;
	readonly path: string;
	readonly index: number;
}

/** A function of the workspace: the file it is in and its name there (`zohoGet`, `ZohoClient.getRecords`). */
export interface FunctionRef {
	readonly path: string;
	readonly name: string;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** `/a/b/../c` → `/a/c`, with `/` separators. */
export function normalizePath(path: string): string {
	const out: string[] = [];
	for (const part of path.replace(/\\/g, '/').split('/')) {
		if (part === '..') out.pop();
		else if (part !== '.' && part !== '') out.push(part);
	}
	return (path.startsWith('/') ? '/' : '') + out.join('/');
}

function dirname(path: string): string {
	const i = path.lastIndexOf('/');
	return i <= 0 ? '/' : path.slice(0, i);
}

interface ExportTarget {
	readonly path: string;
	/** The local name in that file, or undefined when the export is the whole module (a namespace). */
	readonly local?: string;
	/** Set when the export is an official SDK's class or namespace, passed on from the SDK package. */
	readonly sdk?: { readonly sdk: string; readonly name: string };
}

/** An export passed on from an SDK package: `export { RecordOperations } from '@zohocrm/…'`. */
function sdkExport(specifier: string, imported: string): ExportTarget | undefined {
	const sdk = isRelativeSpecifier(specifier) ? undefined : sdkOfImport(specifier);
	return sdk ? { path: '', sdk: { sdk, name: imported } } : undefined;
}

function isRelativeSpecifier(specifier: string): boolean {
	return specifier.startsWith('.') || specifier.startsWith('/');
}

/** The dependency every use of a Deluge function by its global name has: the names all Deluge files declare. */
const DELUGE_NAMES = '\u0000deluge-functions';

/** The functions other code calls, by `path#name`. */
export interface CalledFunctions {
	has(key: string): boolean;
	keys(): IterableIterator<string>;
}

/**
 * The workspace's files, linked. Every cached answer remembers which files it read, so `update`
 * drops only the answers that depend on the changed file; adding or removing a file, which can
 * change how any import resolves, drops them all.
 */
export class Graph {
	private readonly modules: Map<string, FileFacts>;
	/** Every answer below records the files it read in this log of changes; memos built on it drop what a change made stale. */
	readonly revisions = new Revisions();
	private readonly exportCache = new Memo<ExportTarget | undefined>(this.revisions);
	private readonly exportsInProgress = new Set<string>();
	private readonly callCache = new Memo<readonly CallFact[]>(this.revisions);
	/** Each file's calls of functions, linked; a file whose answer is dropped is counted again. */
	private readonly calledFrom = new Memo<readonly CallSiteRef[]>(this.revisions, (path) => this.recount.add(path));
	/** Files whose calls `calledCounts` must count again: changed, or linked again since. */
	private readonly recount: Set<string>;
	/** Call sites by the function they call, assembled from `calledFrom` when first asked after a change. */
	private callerIndex: Map<string, CallSiteRef[]> | undefined;
	private called: CalledFunctions | undefined;
	/** How many call sites name each function, and what each file's calls added to those counts. */
	private readonly calledCounts = new Map<string, number>();
	private readonly calledContributions = new Map<string, readonly CallSiteRef[]>();
	private globals: Map<string, FunctionRef[]> | undefined;
	/** Workspace files by the name an import ends with (`zoho` for `…/zoho.ts` and `…/zoho/index.ts`). */
	private byName: Map<string, string[]> | undefined;
	/** Files specifiers resolved to, by the importing folder (the importing file, for an alias) and specifier, while no file appears or goes. */
	private readonly resolved = new Map<string, string | undefined>();
	/** Top-level functions of browser scripts by name. */
	private scriptGlobals: Map<string, FunctionRef[]> | undefined;

	constructor(modules: ReadonlyMap<string, FileFacts>) {
		this.modules = new Map(modules);
		this.recount = new Set(modules.keys());
	}

	facts(path: string): FileFacts | undefined {
		this.revisions.read(path);
		return this.modules.get(path);
	}

	/** Runs a computation and returns the files it read; the enclosing computation depends on them too. */
	track<T>(compute: () => T): Tracked<T> {
		return this.revisions.track(compute);
	}

	/** Replaces (or, with undefined, removes) a file's facts and drops what depended on them. */
	update(path: string, facts: FileFacts | undefined): void {
		const before = this.modules.get(path);
		if (facts) this.modules.set(path, facts);
		else this.modules.delete(path);
		this.called = undefined;
		this.recount.add(path);
		// A file that appeared or went may change how any import resolves: everything is stale.
		const namesChanged = delugeNames(before) !== delugeNames(facts);
		const stale = !before !== !facts ? [EVERYTHING] : namesChanged ? [path, DELUGE_NAMES] : [path];
		if (namesChanged) {
			this.globals = undefined;
			this.scriptGlobals = undefined;
		}
		if (!before !== !facts) {
			this.byName = undefined;
			this.resolved.clear();
		}
		this.revisions.changed(stale);
	}

	/** The file a specifier names, trying the extensions and index files module resolution tries. */
	resolveModule(from: string, specifier: string): string | undefined {
		// Every call of an imported function resolves its import again: the answer is kept by folder and specifier.
		const relative = isRelativeSpecifier(specifier);
		const key = `${relative ? dirname(from) : from}\0${specifier}`;
		if (this.resolved.has(key)) return this.resolved.get(key);
		const found = relative ? this.resolveRelative(from, specifier) : this.resolveAlias(from, specifier);
		this.resolved.set(key, found);
		return found;
	}

	private resolveRelative(from: string, specifier: string): string | undefined {
		const base = normalizePath(specifier.startsWith('/') ? specifier : `${dirname(from)}/${specifier}`);
		const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
		// TypeScript ESM writes `./x.js` for `./x.ts`.
		const m = /\.(m|c)?js$/.exec(base);
		if (m) candidates.push(base.slice(0, -m[0].length) + `.${m[1] ?? ''}ts`, base.slice(0, -m[0].length) + '.tsx');
		return candidates.find((c) => this.modules.has(c));
	}

	/**
	 * The file a path alias names (`@/lib/zoho`, `~/crm`, `src/zoho/zoho.service` under a `baseUrl`): the
	 * workspace file whose path ends with the alias's path, nearest the importing file when several do.
	 * Packages live outside the workspace, so a package name finds no file.
	 */
	private resolveAlias(from: string, specifier: string): string | undefined {
		const rest = specifier.replace(/^(?:[@~#]\/|[~#])/, '');
		if (rest === '' || rest.includes('..')) return undefined;
		if (!this.byName) {
			this.byName = new Map();
			for (const path of this.modules.keys()) {
				const stem = path.replace(/\.[cm]?[jt]sx?$/, '');
				const name = stem.endsWith('/index') ? stem.slice(stem.lastIndexOf('/', stem.length - 7) + 1, -6) : stem.slice(stem.lastIndexOf('/') + 1);
				const list = this.byName.get(name) ?? [];
				list.push(path);
				this.byName.set(name, list);
			}
		}
		// `~/zoho/contact/index.js` names the folder's index file, as `~/zoho/contact` does.
		const wanted = rest.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
		const name = wanted.slice(wanted.lastIndexOf('/') + 1);
		let best: string | undefined;
		let bestShared = -1;
		for (const path of this.byName.get(name) ?? []) {
			const stem = path.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
			if (!stem.endsWith(`/${wanted}`)) continue;
			let shared = 0;
			while (shared < path.length && shared < from.length && path[shared] === from[shared]) shared++;
			if (shared > bestShared) {
				best = path;
				bestShared = shared;
			}
		}
		return best;
	}

	/** Where an exported name of a module comes from, following re-exports. */
	resolveExport(path: string, name: string, depth = 0): ExportTarget | undefined {
		const key = `${path}\u0000${name}`;
		if (this.exportsInProgress.has(key) || depth > 20) {
			// A cycle of re-exports, cut here: the answer around it depends on this file too.
			this.revisions.read(path);
			return undefined;
		}
		this.exportsInProgress.add(key);
		try {
			return this.exportCache.cached(key, () => this.findExport(path, name, depth));
		} finally {
			this.exportsInProgress.delete(key);
		}
	}

	private findExport(path: string, name: string, depth: number): ExportTarget | undefined {
		const facts = this.facts(path);
		if (!facts) return undefined;
		const exports = facts.exports ?? [];
		for (const e of exports) {
			if (e.exported !== name) continue;
			if (e.local !== undefined) return this.throughImport(path, e.local, depth) ?? { path, local: e.local };
			if (e.from) {
				const target = this.resolveModule(path, e.from.specifier);
				if (!target) return sdkExport(e.from.specifier, e.from.imported);
				return e.from.imported === '*' ? { path: target } : this.resolveExport(target, e.from.imported, depth + 1);
			}
		}
		for (const e of exports) {
			if (e.exported !== '*' || !e.from) continue;
			const target = this.resolveModule(path, e.from.specifier);
			const found = target && this.resolveExport(target, name, depth + 1);
			if (found) return found;
		}
		// A CommonJS module imported as a default: `module.exports = { a, b }` has no default of its own.
		if (name === 'default' && exports.length > 0) return { path };
		return undefined;
	}

	/** A local name that is itself imported (`import { a } from './b'; export { a }`): where it really is. */
	private throughImport(path: string, local: string, depth: number): ExportTarget | undefined {
		const imported = this.facts(path)?.imports?.find((i) => i.local === local);
		if (!imported) return undefined;
		const target = this.resolveModule(path, imported.specifier);
		if (!target) return sdkExport(imported.specifier, imported.imported);
		return imported.imported === '*' ? { path: target } : this.resolveExport(target, imported.imported, depth + 1);
	}

	/** A function by name in a module, where `member` names a method of a class or a member of a namespace. */
	private functionIn(target: ExportTarget, member: string | undefined, depth = 0): FunctionRef | undefined {
		const facts = this.facts(target.path);
		// Re-exports and namespaces can lead in a circle: past a depth no real chain needs, there is no function.
		if (!facts || depth > 20) return undefined;
		const functions = facts.functions ?? [];
		if (target.local === undefined) {
			// A namespace: the member's first part is an export of it.
			if (member === undefined) {
				// The module called as a function: its default export, when that is a name (not the module again).
				const whole = this.resolveExport(target.path, 'default') ?? { path: target.path, local: 'default' };
				return whole.local === undefined ? undefined : this.functionIn(whole, undefined, depth + 1);
			}
			const [first, ...rest] = member.split('.');
			const inner = this.resolveExport(target.path, first);
			if (inner) return this.functionIn(inner, rest.length > 0 ? rest.join('.') : undefined, depth + 1);
			// `require('./zoho').getLead()` where the module exports one object or instance (`module.exports = new Zoho()`).
			const whole = this.resolveExport(target.path, 'default');
			return whole?.local !== undefined ? this.functionIn(whole, member, depth + 1) : undefined;
		}
		const name = member === undefined ? target.local : `${target.local}.${member}`;
		if (functions.some((f) => f.name === name)) return { path: target.path, name };
		// A member of an object of functions (`zohoRepo.getRecord`), which may be imported from elsewhere.
		const inner = member === undefined ? undefined : this.resolveExport(target.path, name);
		return inner && inner.local !== name ? this.functionIn(inner, undefined, depth + 1) : undefined;
	}

	/** A template with each imported constant replaced by its value (a hole when it cannot be found). */
	resolveString(path: string, template: string, depth = 0): string {
		return template.replace(IMPORTED, (_, name: string) => {
			if (depth > 10) return HOLE;
			const [local, member] = name.split('.', 2);
			const facts = this.facts(path);
			const imported = facts?.imports?.find((i) => i.local === local);
			const module = imported && this.resolveModule(path, imported.specifier);
			if (!imported || !module) return HOLE;
			// A whole module required (`const zoho = require('./zoho')`) stands for what it exports as a whole (`module.exports = …`).
			const exportName = imported.imported === '*' ? (member ?? 'default') : member === undefined ? imported.imported : undefined;
			const target = exportName === undefined ? undefined : this.resolveExport(module, exportName);
			const value = target?.local === undefined ? undefined : this.facts(target.path)?.strings?.[target.local];
			return value === undefined ? HOLE : this.resolveString(target!.path, value, depth + 1);
		});
	}

	/**
	 * An SDK method called on an instance of an SDK class another file passes on (`import { RecordOperations }
	 * from './sdk'`, where sdk.ts re-exports the SDK's class).
	 */
	private sdkInvocation(path: string, invocation: InvocationFact): CallFact | undefined {
		const target = invocation.target;
		if (target.kind !== 'import' || !target.instance || !target.member) return undefined;
		const facts = this.facts(path);
		const imported = facts?.imports?.find((i) => i.local === target.local);
		const module = imported && this.resolveModule(path, imported.specifier);
		if (!imported || !module) return undefined;
		const parts = target.member.split('.');
		const method = parts[parts.length - 1];
		const exported = imported.imported === '*' ? this.resolveExport(module, parts[0]) : this.resolveExport(module, imported.imported);
		const sdk = exported?.sdk;
		if (!sdk) return undefined;
		// A class itself, or a namespace whose member is the class (`new ns.Record.RecordOperations()`).
		const className = sdkHasClass(sdk.sdk, sdk.name) ? sdk.name : parts.slice(imported.imported === '*' ? 1 : 0, -1).find((p) => sdkHasClass(sdk.sdk, p));
		const entry = className ? sdkMethod(sdk.sdk, className, method) : undefined;
		if (!entry) return undefined;
		return {
			span: invocation.span,
			via: 'sdk',
			callee: invocation.callee,
			method: entry.httpMethod,
			path: sdkCallPath(entry, undefined, invocation.args ?? []),
			loops: invocation.loops,
			sdk: { sdk: entry.sdk, class: entry.class, method: entry.method },
		};
	}

	/** A file's requests: those the scanner classified, and those whose imported constants make them Zoho CRM calls. */
	callsOf(path: string): readonly CallFact[] {
		return this.callCache.cached(path, () => this.findCalls(path));
	}

	private findCalls(path: string): readonly CallFact[] {
		const facts = this.facts(path);
		if (!facts) return [];
		const calls: CallFact[] = [...facts.calls];
		for (const d of facts.deferred ?? []) {
			if (d.sdk) {
				const call = sdkCall(
					d,
					this.resolveString(path, d.sdk.receiver),
					d.sdk.args.map((a) => this.resolveString(path, a)),
				);
				if (call) calls.push(call);
				continue;
			}
			const resolved = this.resolveString(path, d.url);
			const url = d.zohoToken ? withTokenHost(resolved) : resolved;
			let base = d.base === undefined ? undefined : this.resolveString(path, d.base);
			if (d.client) {
				// A verb of a value another file exports: a request only when that value is such a client.
				const client = base === undefined ? undefined : parseHttpClient(base);
				if (client?.client !== d.client) continue;
				base = client.base;
			}
			const crmPath = crmPathOf(withoutParameters(url), base === undefined ? undefined : withoutParameters(base));
			if (!crmPath) continue;
			const parametric =
				url !== withoutParameters(url) || (base !== undefined && base !== withoutParameters(base)) || d.methodParam !== undefined || d.bodyParam !== undefined;
			calls.push({
				span: d.span,
				via: 'rest',
				callee: d.callee,
				method: d.method,
				path: crmPath,
				loops: d.loops,
				...(d.records !== undefined ? { records: d.records } : {}),
				...(d.coqlLimit !== undefined ? { coqlLimit: d.coqlLimit } : {}),
				...(d.followed !== undefined ? { followed: d.followed } : {}),
				...(parametric
					? {
							template: {
								url,
								...(base !== undefined ? { base } : {}),
								...(d.methodParam !== undefined ? { method: d.methodParam } : {}),
								...(d.bodyParam !== undefined ? { body: d.bodyParam } : {}),
							},
						}
					: {}),
			});
		}
		for (const invocation of facts.invocations ?? []) {
			const call = this.sdkInvocation(path, invocation);
			if (call) calls.push(call);
		}
		calls.sort((a, b) => a.span.start - b.span.start);
		return calls;
	}

	/**
	 * A Deluge function by the name a call uses: the declaration of that exact name (`standalone.sync`),
	 * else the one declaration whose last part matches (`sync`).
	 */
	private globalFunction(name: string): FunctionRef | undefined {
		this.revisions.read(DELUGE_NAMES);
		if (!this.globals) {
			this.globals = new Map();
			for (const [path, facts] of this.modules) {
				if (facts.language !== 'deluge') continue;
				for (const f of facts.functions ?? []) {
					for (const key of new Set([f.name.toLowerCase(), `*${f.name.slice(f.name.lastIndexOf('.') + 1).toLowerCase()}`])) {
						const list = this.globals.get(key) ?? [];
						list.push({ path, name: f.name });
						this.globals.set(key, list);
					}
				}
			}
		}
		const exact = this.globals.get(name.toLowerCase());
		if (exact?.length === 1) return exact[0];
		const last = this.globals.get(`*${name.slice(name.lastIndexOf('.') + 1).toLowerCase()}`);
		return !exact && last?.length === 1 ? last[0] : exact?.[0];
	}

	/** A top-level function of a browser script, by its exact name, when one script declares it. */
	private scriptFunction(name: string): FunctionRef | undefined {
		this.revisions.read(DELUGE_NAMES);
		if (!this.scriptGlobals) {
			this.scriptGlobals = new Map();
			for (const [path, facts] of this.modules) {
				if (!facts.script) continue;
				for (const f of facts.functions ?? []) {
					if (f.name.includes('.')) continue;
					const list = this.scriptGlobals.get(f.name) ?? [];
					list.push({ path, name: f.name });
					this.scriptGlobals.set(f.name, list);
				}
			}
		}
		const found = this.scriptGlobals.get(name);
		return found?.length === 1 ? found[0] : undefined;
	}

	/**
	 * Keys (`path#name`) of the functions some other function or top-level code calls; a function
	 * calling itself does not count. Kept as counts per key, updated from the files whose calls
	 * changed, so an edit costs what that file calls, not the whole workspace. A global answer: the
	 * computation that asks does not come to depend on every file through it (views that keep
	 * results across edits compare the answer for their own functions instead).
	 */
	/**
	 * Links one file's calls of other functions ahead of `calledFunctions`, which links every file's at once:
	 * a caller that must not stop for long links the files one by one first.
	 */
	linkCalls(path: string): void {
		if (this.called) return;
		this.revisions.untracked(() => this.linkedCalls(path));
	}

	/** The functions one file's code calls, kept until something they were resolved from changes. */
	private linkedCalls(path: string): readonly CallSiteRef[] {
		return this.calledFrom.cached(path, () => this.calledBy(path));
	}

	calledFunctions(): CalledFunctions {
		if (this.called) return this.called;
		this.callerIndex = undefined;
		const change = (sites: readonly CallSiteRef[], by: number) => {
			for (const { key } of sites) {
				const n = (this.calledCounts.get(key) ?? 0) + by;
				if (n > 0) this.calledCounts.set(key, n);
				else this.calledCounts.delete(key);
			}
		};
		this.revisions.untracked(() => {
			// Dropping what the changes made stale names the files to count again.
			this.calledFrom.refresh();
			for (const path of this.recount) {
				const before = this.calledContributions.get(path);
				const now = this.modules.has(path) ? this.linkedCalls(path) : undefined;
				if (before === now) continue;
				if (before) change(before, -1);
				if (now) {
					change(now, 1);
					this.calledContributions.set(path, now);
				} else this.calledContributions.delete(path);
			}
			this.recount.clear();
		});
		const counts = this.calledCounts;
		this.called = { has: (key) => counts.has(key), keys: () => counts.keys() };
		return this.called;
	}

	/** The functions one file's code calls, with the invocation that calls each. */
	private calledBy(path: string): CallSiteRef[] {
		const facts = this.facts(path);
		const out: CallSiteRef[] = [];
		(facts?.invocations ?? []).forEach((invocation, index) => {
			const target = this.resolve(path, invocation);
			if (!target) return;
			const caller = ownerOf(facts?.functions ?? [], invocation.span);
			if (caller && target.path === path && caller.name === target.name) return;
			out.push({ key: `${target.path}#${target.name}`, path, index });
		});
		return out;
	}

	/**
	 * The call sites of a function (`path#name`) anywhere in the workspace, in file order. The answer
	 * depends on the files it names; a call added elsewhere is seen when the asker is computed again.
	 */
	callersOf(key: string): readonly CallSiteRef[] {
		this.calledFunctions();
		if (!this.callerIndex) {
			this.callerIndex = new Map();
			for (const sites of this.calledContributions.values()) {
				for (const site of sites) {
					const list = this.callerIndex.get(site.key) ?? [];
					list.push(site);
					this.callerIndex.set(site.key, list);
				}
			}
		}
		const sites = this.callerIndex.get(key) ?? [];
		for (const site of sites) this.revisions.read(site.path);
		return sites;
	}

	/** The function an invocation calls, if the workspace has it. */
	resolve(path: string, invocation: InvocationFact): FunctionRef | undefined {
		const facts = this.facts(path);
		if (!facts) return undefined;
		const target = invocation.target;
		if (target.kind === 'local') {
			if (functionNamed(facts, target.name)) return { path, name: target.name };
			return target.name.includes('.')
				? this.functionIn({ path, local: target.name.slice(0, target.name.indexOf('.')) }, target.name.slice(target.name.indexOf('.') + 1))
				: undefined;
		}
		if (target.kind === 'global') return facts.language === 'deluge' ? this.globalFunction(target.name) : this.scriptFunction(target.name);
		const imported = facts.imports?.find((i) => i.local === target.local);
		if (!imported) return undefined;
		const module = this.resolveModule(path, imported.specifier);
		if (!module) return undefined;
		if (imported.imported === '*') {
			// `ns.fn()`; a plain `require('./x')` called directly is the module's default export.
			return this.functionIn({ path: module }, target.member);
		}
		const exported = this.resolveExport(module, imported.imported);
		return exported ? this.functionIn(exported, target.member) : undefined;
	}
}

/** The Deluge function names a file declares, as one string to compare (empty for other languages). */
function delugeNames(facts: FileFacts | undefined): string {
	if (facts?.language === 'deluge') return (facts.functions ?? []).map((f) => f.name.toLowerCase()).join('\n');
	// A browser script's functions are globals too.
	return facts?.script ? `script\n${(facts.functions ?? []).map((f) => f.name).join('\n')}` : '';
}

/** True when a deferred request depends on its function's parameters: each call of the function decides it. */
export function isParametric(d: DeferredCall): boolean {
	return hasParameter(d.url) || hasParameter(d.base) || hasParameter(d.methodParam) || hasParameter(d.bodyParam) || hasParameter(d.sdk?.receiver);
}

/** An SDK method called on a receiver that turned out to be an SDK instance (`\u0006…\u0006` after resolving). */
export function sdkCall(d: DeferredCall, receiver: string, args: readonly string[]): CallFact | undefined {
	const instance = parseSdkInstance(receiver);
	const entry = instance && d.sdk ? sdkMethod(instance.sdk, instance.className, d.sdk.method) : undefined;
	if (!instance || !entry) return undefined;
	return {
		span: d.span,
		via: 'sdk',
		callee: d.callee,
		method: entry.httpMethod,
		path: sdkCallPath(entry, instance.module, args),
		loops: d.loops,
		sdk: { sdk: entry.sdk, class: entry.class, method: entry.method },
	};
}

/**
 * The innermost named function whose span holds a span: the function a call or loop belongs to (of
 * functions starting at the same place, the last listed). A file's functions are indexed once, so a
 * file of hundreds of functions does not read them all again for each of its calls.
 */
export function ownerOf(functions: readonly FunctionFact[], span: Span): FunctionFact | undefined {
	if (functions.length < INDEXED_FROM) return ownerAmong(functions, span);
	let index = OWNER_INDEXES.get(functions);
	if (index === undefined) {
		index = ownerIndex(functions);
		OWNER_INDEXES.set(functions, index);
	}
	const { sorted, up } = index;
	// The last function starting at or before the span; then, while one does not hold it, the nearest before it that holds that one.
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (sorted[mid].span.start <= span.start) low = mid + 1;
		else high = mid;
	}
	for (let i = low - 1; i >= 0; i = up[i]) {
		const f = sorted[i].span;
		if (span.end <= f.end) return sorted[i];
	}
	return undefined;
}

function ownerAmong(functions: readonly FunctionFact[], span: Span): FunctionFact | undefined {
	let owner: FunctionFact | undefined;
	for (const f of functions) {
		if (f.span.start <= span.start && span.end <= f.span.end && (!owner || f.span.start >= owner.span.start)) owner = f;
	}
	return owner;
}

/**
 * Files of this many functions or more are indexed by function once (here, which function holds a span;
 * in the estimate, what each function owns); below it a plain pass is as quick and keeps nothing in memory.
 */
export const INDEXED_FROM = 16;

/** Each file's functions by name (the first of a name), for files of many functions. */
const BY_NAME = new WeakMap<readonly FunctionFact[], Map<string, FunctionFact>>();

/** A file's function of a name (the first, when several share it). */
export function functionNamed(facts: FileFacts, name: string): FunctionFact | undefined {
	const functions = facts.functions;
	if (!functions) return undefined;
	if (functions.length < INDEXED_FROM) return functions.find((f) => f.name === name);
	let byName = BY_NAME.get(functions);
	if (!byName) {
		byName = new Map();
		for (const f of functions) if (!byName.has(f.name)) byName.set(f.name, f);
		BY_NAME.set(functions, byName);
	}
	return byName.get(name);
}

/**
 * Functions by start (then as listed), each with the function before it the search goes on to when it
 * does not hold a span (-1 for none). A function that does not hold a span starting at or after its own
 * start ends before the span ends, so any function before it that holds the span holds it too: the next
 * is the nearest earlier one holding it. Of earlier functions holding it, one that ends before another
 * starting after it is passed over: whatever it holds that the search can ask, that later one holds too,
 * and starts later. (Syntax nests; the search holds for spans that cross as well.)
 */
const OWNER_INDEXES = new WeakMap<readonly FunctionFact[], { sorted: FunctionFact[]; up: Int32Array }>();

function ownerIndex(functions: readonly FunctionFact[]): { sorted: FunctionFact[]; up: Int32Array } {
	const sorted = functions
		.map((f, i) => ({ f, i }))
		.sort((a, b) => a.f.span.start - b.f.span.start || a.i - b.i)
		.map((e) => e.f);
	const up = new Int32Array(sorted.length);
	const open: number[] = [];
	for (let i = 0; i < sorted.length; i++) {
		const f = sorted[i].span;
		while (open.length > 0 && sorted[open[open.length - 1]].span.end < f.end) open.pop();
		up[i] = open.length > 0 ? open[open.length - 1] : -1;
		open.push(i);
	}
	return { sorted, up };
}
