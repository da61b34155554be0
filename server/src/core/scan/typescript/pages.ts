/**
 * Loops over the records of one page a list read returns: `const resp = await axios.get('…/Leads?per_page=100');
 * for (const lead of resp.data.data)`. Such a loop runs as many times as the page holds: its high end is the
 * page size the code asks for (Zoho's largest, 200, when it asks for none).
 */
import ts from 'typescript';
import type { CallFact, LoopFact } from '../../facts';
import { unwrap } from './values';
import {
	isCallExpression,
	isElementAccessExpression,
	isFunctionLike,
	isIdentifier,
	isOmittedExpression,
	isPropertyAccessExpression,
	isSourceFile,
} from './syntax';

/** Records a page holds when the request does not say: Zoho's default and largest `per_page`. */
const DEFAULT_PER_PAGE = 200;

/** Modules whose list reads return no records to loop over as a page of a module. */
const NOT_MODULES = new Set(['settings', 'users', 'org', 'coql', 'functions', '__apis']);

/** The page a request returns, when it is a read of a module's records: its module and how many records it holds at most. */
export function pageOfRequest(call: CallFact, callText: string): LoopFact['page'] | undefined {
	const asked = /per_page\s*[=:]\s*(\d+)/.exec(callText);
	const perPage = asked ? Math.min(Number(asked[1]), DEFAULT_PER_PAGE) : DEFAULT_PER_PAGE;
	if (/^\/crm\/v[\d.]+\/coql$/.test(call.path)) return { perPage: typeof call.coqlLimit === 'number' ? Math.min(call.coqlLimit, 2000) : DEFAULT_PER_PAGE };
	if (call.method !== 'GET') return undefined;
	// /crm/v8/Leads, /crm/v8/Leads/search, /crm/v8/Leads/{id}/Notes (a related list).
	const m = /^\/crm\/v[\d.]+\/([A-Za-z]\w*)(?:\/search|\/[^/]+\/([A-Za-z]\w*))?$/.exec(call.path);
	if (!m || NOT_MODULES.has(m[1])) return undefined;
	return { module: m[2] ?? m[1], perPage };
}

/** The name an expression reads from (`resp` in `resp.data.data`, `(await r.json()).data`, `rows[0]`), if any. */
export function rootName(expr: ts.Expression): string | undefined {
	let e = unwrap(expr);
	for (;;) {
		if (isPropertyAccessExpression(e) || isElementAccessExpression(e)) e = unwrap(e.expression);
		// `r.json()`, `resp.data.data.filter(…)`: the records of the page, read or narrowed.
		else if (isCallExpression(e) && isPropertyAccessExpression(e.expression)) e = unwrap(e.expression.expression);
		else if (isIdentifier(e)) return e.text;
		else return undefined;
	}
}

/** The names a declaration binds: `resp`, or each name of `{ data }` / `[first]`. */
export function boundNames(name: ts.BindingName): string[] {
	if (isIdentifier(name)) return [name.text];
	const out: string[] = [];
	for (const element of name.elements) if (!isOmittedExpression(element)) out.push(...boundNames(element.name));
	return out;
}

/** The start of the function a node is in (0 for the module's top level). */
export function functionStartOf(node: ts.Node, source: ts.SourceFile): number {
	for (let p: ts.Node | undefined = node.parent; p; p = p.parent) if (isFunctionLike(p)) return p.getStart(source);
	return 0;
}

/**
 * Names that hold the response of a list read, by the function they are declared in: set as declarations
 * are walked, read when a loop's iterable is described.
 */
export class PageResponses {
	private readonly pages = new Map<string, LoopFact['page']>();

	/** Set while a top-level statement is walked: what it reads and writes at the module's top level (`fn` 0) is noted. */
	journal: PageJournal | undefined;

	/** After a declaration's initializer was walked: `made` is the request it made, if any. */
	declare(names: readonly string[], initializer: ts.Expression, made: { call: CallFact; text: string } | undefined, fn: number): void {
		let page: LoopFact['page'] | undefined;
		if (made) page = pageOfRequest(made.call, made.text);
		else {
			const root = rootName(initializer);
			if (root !== undefined && fn === 0) this.journal?.read(root, this);
			page = root === undefined ? undefined : this.pages.get(`${fn}:${root}`);
		}
		for (const name of names) {
			if (fn === 0) this.journal?.wrote(name);
			if (page) this.pages.set(`${fn}:${name}`, page);
			else this.pages.delete(`${fn}:${name}`);
		}
	}

	/** The page a name of the module's top level holds. */
	topLevel(name: string): LoopFact['page'] | undefined {
		return this.pages.get(`0:${name}`);
	}

	/** Puts back what a name of the module's top level holds. */
	restore(name: string, page: LoopFact['page'] | undefined): void {
		if (page) this.pages.set(`0:${name}`, page);
		else this.pages.delete(`0:${name}`);
	}

	/** The page a loop's iterable is, looked up in the function of the loop `at` and the functions around it. */
	pageOf(iterable: ts.Expression, at: ts.Node, source: ts.SourceFile): LoopFact['page'] | undefined {
		const root = this.journal || this.pages.size > 0 ? rootName(iterable) : undefined;
		if (root !== undefined) this.journal?.read(root, this);
		if (this.pages.size === 0 || root === undefined) return undefined;
		for (let p: ts.Node | undefined = at; p; p = p.parent) {
			if (isFunctionLike(p) || isSourceFile(p)) {
				const page = this.pages.get(`${isSourceFile(p) ? 0 : p.getStart(source)}:${root}`);
				if (page) return page;
			}
		}
		return undefined;
	}
}

/** What notes the top-level names one statement's walk reads and writes. */
export interface PageJournal {
	read(name: string, pages: PageResponses): void;
	wrote(name: string): void;
}
