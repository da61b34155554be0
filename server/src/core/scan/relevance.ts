/**
 * Which files of a workspace can matter to the analysis, decided without parsing them. A TypeScript or
 * JavaScript file matters on its own when its text may name Zoho CRM (the broad markers below, or a
 * configured entry point's name), when it might trip the parser (parser traps, nesting deep enough to
 * reach the walk's limit), or when it makes Deluge calls. A file that imports one that matters, through
 * any number of files, matters too (it may call it), and so does every file such a file imports (a
 * helper, a constant, a function handed a callback). Every other file holds no call, no loop around one
 * and nothing a file that matters reads: its analysis is empty, and it is not parsed. Deluge files
 * always matter (their execution limits count every function).
 */
import { type FileFacts, type Language, MAX_NESTING, type ScanError } from '../facts';
import { parserTrap } from './typescript/parser-traps';

/**
 * Any text a recognizer could start from: every host, SDK package, widget or MCP name has "zoho" in
 * it; a CRM path, a client script's `ZDK`, the legacy SDK (`zcrmsdk`, `ZCRMRestClient`), Deluge's
 * request tasks and a COQL query may not. The official SDKs' classes (`RecordOperations`) are known by
 * name even when imported from a renamed or forked package.
 */
const MAY_NAME_ZOHO = /zoho|\bzdk\b|zcrm|invoke(?:url|api)|\/crm\/|coql/i;
const SDK_CLASS = /[A-Z]\w*Operations\b/;

/** What a file is linked by: the modules it names, and whether it is a script whose globals other scripts see. */
export interface FileLinks {
	/** Module specifiers of imports, re-exports, `require` and `import()`, as written. */
	readonly specifiers: readonly string[];
	/** No import, export or `require`: a browser script, sharing its top-level functions with the others. */
	readonly script: boolean;
}

/** One file as relevance sees it. */
export interface RelevanceInput {
	readonly language: Language;
	/** Whether the file matters whatever it imports (`mattersAlone`). */
	readonly matters: boolean;
	readonly links: FileLinks;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\n]{1,400})\1/g;
const MODULE_SYNTAX = /\b(?:import|export|require)\b/;

/** The modules a file names, read from its text by pattern: extra names (in comments, strings) only add links. */
export function linksOf(text: string): FileLinks {
	const specifiers: string[] = [];
	SPECIFIER.lastIndex = 0;
	for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) specifiers.push(m[2]);
	return { specifiers, script: !MODULE_SYNTAX.test(text) };
}

/** The names of configured entry points' functions (their last segment): a file declaring one matters. */
export function entryPointMarkers(entryPoints: readonly { readonly function?: string }[]): string[] {
	return entryPoints.flatMap((e) => (e.function ? [e.function.slice(e.function.lastIndexOf('.') + 1)] : [])).filter((name) => name.length > 0);
}

/** Whether a file matters whatever it imports (see the module's comment). */
export function mattersAlone(text: string, path: string, language: Language, markers: readonly string[] = []): boolean {
	if (language === 'deluge') return true;
	if (MAY_NAME_ZOHO.test(text) || SDK_CLASS.test(text)) return true;
	if (markers.some((marker) => text.includes(marker))) return true;
	if (parserTrap(text) !== undefined) return true;
	return nestingBound(text, !/\.(?:ts|mts|cts)$/i.test(path)) >= NESTING_MARGIN;
}

/**
 * Nesting below which a file cannot reach the walk's limit: the bound is generous (each bracket or JSX
 * element counts three levels, each chaining operator one more), so a file under it is far from the limit.
 */
const NESTING_MARGIN = Math.floor(MAX_NESTING / 2);

/**
 * An upper bound of how deep a file's syntax nests, read in one pass over its characters. Each open
 * bracket counts three levels, and inside each, the operators, dots, calls, templates, `else`s and
 * comma operators that chain expressions into each other count one (an `else` two) since the last
 * statement or sibling there began: a `;` or a comma between array items, arguments or properties
 * starts again from where the bracket opened. A closed bracket leaves one level of chain behind.
 */
export function nestingBound(text: string, jsx = true): number {
	/** The chain when each open bracket opened, and whether its commas separate siblings (or a JSX element's children). */
	const opened: number[] = [];
	const siblings: boolean[] = [];
	const elements: boolean[] = [];
	/** Open brackets that are a template's `${`: when one closes, the template's text goes on. */
	const substitutions: boolean[] = [];
	let chain = 0;
	let deepest = 0;
	const open = (commasSeparate: boolean, element = false) => {
		opened.push(chain);
		siblings.push(commasSeparate);
		elements.push(element);
		substitutions.push(false);
	};
	const close = () => {
		if (opened.length === 0) return;
		chain = opened.pop()! + 1;
		siblings.pop();
		// The next child of an element starts where its first began.
		if (elements.pop() && elements.length > 0 && elements[elements.length - 1]) chain = opened[opened.length - 1];
		return substitutions.pop();
	};
	/** Reads a template's text from `i` to its end or its next `${` (opened as a bracket); returns where it stopped. */
	const templateText = (from: number): number => {
		for (let k = from; k < text.length; k++) {
			const c = text.charCodeAt(k);
			if (c === 92 /* \\ */) k++;
			else if (c === 96 /* ` */) return k;
			else if (c === 36 /* $ */ && text.charCodeAt(k + 1) === 123 /* { */) {
				open(false);
				substitutions[substitutions.length - 1] = true;
				return k + 1;
			}
		}
		return text.length;
	};
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		// Strings and comments hold no syntax: a class list's dashes and colons are not operators. A string
		// ends at its quote or, unterminated, at the line's end, as TypeScript's scanner reads it.
		if (c === 39 /* ' */ || c === 34 /* " */) {
			i = stringEnd(text, i, c);
			continue;
		}
		if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
			const end = text.indexOf('\n', i);
			i = end < 0 ? text.length : end;
			continue;
		}
		if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
			const end = text.indexOf('*/', i + 2);
			i = end < 0 ? text.length : end + 1;
			continue;
		}
		switch (c) {
			case 40 /* ( */: {
				// Arguments and parameters are siblings; in a parenthesised expression a comma is an operator.
				const before = previousSignificant(text, i);
				chain++;
				open(isWordChar(before) || before === 41 /* ) */ || before === 93 /* ] */ || before === 62 /* > */);
				break;
			}
			case 91 /* [ */:
				chain++;
				open(true);
				break;
			case 123 /* { */: {
				// An object literal's properties are siblings; a block's statements are separated by `;`.
				const before = previousSignificant(text, i);
				open(before !== 41 /* ) */ && before !== 62 /* > (=>) */ && before !== 123 && before !== 125 && before !== 59 && before !== -1);
				break;
			}
			case 41 /* ) */:
			case 93 /* ] */:
			case 125 /* } */:
				if (close()) i = templateText(i + 1);
				break;
			case 59 /* ; */:
				chain = opened.length > 0 ? opened[opened.length - 1] : 0;
				break;
			case 44 /* , */:
				if (siblings.length > 0 && siblings[siblings.length - 1]) chain = opened[opened.length - 1];
				else chain++;
				break;
			case 60 /* < */: {
				// A JSX element opens at `<name` where no expression stands before it (`useState<T>` and `a<b` are no elements).
				const next = text.charCodeAt(i + 1);
				const before = text.charCodeAt(i - 1);
				if (jsx && next === 47 /* / */ && elements.length > 0 && elements[elements.length - 1]) {
					close();
					i = skipTo(text, i, 62 /* > */);
				} else if (jsx && isWordChar(next) && !isWordChar(before) && before !== 41 /* ) */ && before !== 93 /* ] */) {
					chain++;
					open(true, true);
				} else chain++;
				break;
			}
			case 62 /* > */:
				if (jsx && elements.length > 0 && elements[elements.length - 1] && text.charCodeAt(i - 1) === 47 /* / */) close();
				// The opening tag ends: its children start afresh, as siblings.
				else if (jsx && elements.length > 0 && elements[elements.length - 1]) chain = opened[opened.length - 1];
				else chain++;
				break;
			case 46 /* . */:
			case 43 /* + */:
			case 45 /* - */:
			case 42 /* * */:
			case 47 /* / */:
			case 37 /* % */:
			case 38 /* & */:
			case 124 /* | */:
			case 94 /* ^ */:
			case 33 /* ! */:
			case 126 /* ~ */:
			case 63 /* ? */:
			case 58 /* : */:
			case 61 /* = */:
				chain++;
				break;
			case 96 /* ` */:
				// A template after an expression tags it: `` a`x``y` `` nests like a call. Its text holds no syntax.
				chain++;
				i = templateText(i + 1);
				break;
			case 101 /* e */:
				if (keywordAt(text, i, 'else')) chain += 2;
				break;
			// `new`, `await`, `typeof`, `yield` nest what follows them.
			case 110 /* n */:
				if (keywordAt(text, i, 'new')) chain++;
				break;
			case 97 /* a */:
				if (keywordAt(text, i, 'await')) chain++;
				break;
			case 116 /* t */:
				if (keywordAt(text, i, 'typeof')) chain++;
				break;
			case 121 /* y */:
				if (keywordAt(text, i, 'yield')) chain++;
				break;
		}
		const bound = opened.length * 3 + chain;
		if (bound > deepest) deepest = bound;
	}
	return deepest;
}

/** The index of the next `c` from `i` (the end when there is none). */
function skipTo(text: string, i: number, c: number): number {
	for (let k = i; k < text.length; k++) if (text.charCodeAt(k) === c) return k;
	return text.length;
}

/** The last character before `i` that is not white space (-1 at the start). */
function previousSignificant(text: string, i: number): number {
	for (let k = i - 1; k >= 0; k--) {
		const c = text.charCodeAt(k);
		if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c;
	}
	return -1;
}

/** Where a string opened at `start` ends: its closing quote (past escapes), else the end of its line. */
function stringEnd(text: string, start: number, quote: number): number {
	for (let i = start + 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 92 /* \\ */) i++;
		else if (c === quote || c === 10 /* \n */) return i;
	}
	return text.length;
}

/** Whether `word` stands at `i` as a whole word. */
function keywordAt(text: string, i: number, word: string): boolean {
	return !isWordChar(text.charCodeAt(i - 1)) && text.startsWith(word, i) && !isWordChar(text.charCodeAt(i + word.length));
}

function isWordChar(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Extensions a specifier may leave out, and the index files a folder stands for. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** A path's name without folder and extension: `zoho` for `src/lib/zoho.ts` and for `src/lib/zoho/index.ts`. */
function nameOf(path: string): string {
	const slash = path.lastIndexOf('/');
	let name = path.slice(slash + 1);
	const dot = name.lastIndexOf('.');
	if (dot > 0 && EXTENSIONS.includes(name.slice(dot))) name = name.slice(0, dot);
	if (name === 'index' && slash > 0) {
		const folder = path.slice(0, slash);
		return folder.slice(folder.lastIndexOf('/') + 1);
	}
	return name;
}

/**
 * The files that matter: those that matter alone; every file that imports one of them, through any
 * number of files (a caller); and every file those import, through any number of files (a helper, a
 * constant, a function handed a callback). A file outside these holds no call and no one who matters
 * reads it. A specifier links to every file of its last segment's name (`./zoho`, `@/lib/zoho` and
 * `../zoho/index.js` all link to each `zoho.*` and `zoho/index.*`): more than module resolution finds,
 * never less. Browser scripts see each other's globals: each is linked to all the others both ways.
 */
export function relevantFiles(files: ReadonlyMap<string, RelevanceInput>): Set<string> {
	const paths = [...files.keys()];
	const index = new Map(paths.map((p, i) => [p, i] as const));
	// One node more: the scripts' shared globals, which every script imports and is imported by.
	const globals = paths.length;
	const imports: number[][] = Array.from({ length: paths.length + 1 }, () => []);
	const importers: number[][] = Array.from({ length: paths.length + 1 }, () => []);
	const link = (from: number, to: number) => {
		imports[from].push(to);
		importers[to].push(from);
	};
	const byName = new Map<string, number[]>();
	paths.forEach((path, i) => {
		const name = nameOf(path);
		const list = byName.get(name);
		if (list) list.push(i);
		else byName.set(name, [i]);
	});
	for (const [path, file] of files) {
		const i = index.get(path)!;
		if (file.links.script && file.language === 'javascript') {
			link(i, globals);
			link(globals, i);
		}
		for (const specifier of file.links.specifiers) {
			const name = nameOf(specifier.startsWith('.') ? joinPath(path, specifier) : specifier.replace(/\/+$/, ''));
			for (const j of byName.get(name) ?? []) if (j !== i) link(i, j);
		}
	}
	/** Every node reachable from `start` along `edges`. */
	const reach = (start: readonly number[], edges: readonly number[][]): Set<number> => {
		const seen = new Set(start);
		const stack = [...start];
		while (stack.length > 0) {
			for (const next of edges[stack.pop()!]) {
				if (seen.has(next)) continue;
				seen.add(next);
				stack.push(next);
			}
		}
		return seen;
	};
	const alone = paths.flatMap((path, i) => (files.get(path)!.matters ? [i] : []));
	const callers = reach(alone, importers);
	const relevant = reach([...callers], imports);
	return new Set(paths.filter((_, i) => relevant.has(i)));
}

/** A relative specifier from a file, as a path: `./lib/zoho` from `/w/src/a.ts` is `/w/src/lib/zoho`. */
function joinPath(from: string, specifier: string): string {
	const parts = from.split('/').slice(0, -1);
	for (const part of specifier.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

/** The facts of a file not read (it does not matter, or it cannot be read): no call, no loop, nothing linked; and why, when it could not be. */
export function unreadFacts(language: Language, ...errors: ScanError[]): FileFacts {
	return { language, calls: [], loops: [], errors };
}

/** A workspace file as read. */
export interface SourceFile {
	readonly path: string;
	readonly language: Language;
	readonly text: string;
}

/** What relevance needs of one file, from its text. */
export function relevanceOf(text: string, path: string, language: Language, markers: readonly string[] = []): RelevanceInput {
	return { language, matters: mattersAlone(text, path, language, markers), links: linksOfFile(text, language) };
}

/** What a file of a language links to: Deluge files import nothing (their functions are linked by global name). */
export function linksOfFile(text: string, language: Language): FileLinks {
	return language === 'deluge' ? { specifiers: [], script: false } : linksOf(text);
}

/** Whether two files link alike and matter alike: relevance reads them the same. */
export function sameRelevance(a: RelevanceInput | undefined, b: RelevanceInput): boolean {
	return (
		a !== undefined &&
		a.matters === b.matters &&
		a.language === b.language &&
		a.links.script === b.links.script &&
		a.links.specifiers.length === b.links.specifiers.length &&
		a.links.specifiers.every((s, i) => s === b.links.specifiers[i])
	);
}

/** The files of a workspace that can matter (`relevantFiles`), from their text alone. */
export function relevantSources(files: readonly SourceFile[], markers: readonly string[] = []): Set<string> {
	return relevantFiles(new Map(files.map((f) => [f.path, relevanceOf(f.text, f.path, f.language, markers)])));
}
