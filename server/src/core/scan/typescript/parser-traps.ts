/**
 * Shapes of text that TypeScript's own parser reads in super-linear time: a file holding one is not
 * parsed at all (a parse cannot be interrupted), and the reason is reported instead. Each check is one
 * linear pass over the text, and its limit lies far beyond anything real code writes.
 */

/** Modifiers in a row past which a file is not parsed: no real code writes more than a handful. */
export const MAX_REPEATED_MODIFIERS = 200;

/**
 * Parentheses holding `async`, open inside each other, past which a file is not parsed. The parser
 * tries such a parenthesis as the parameters of an async arrow function and, when that fails, reads it
 * again as an expression: each level doubles the work (18 levels take a second and a half, 30 take
 * hours). Real callbacks nest a few levels, and a function body between them starts the count again.
 */
export const MAX_NESTED_ASYNC_PARENTHESES = 10;

/**
 * `await` followed by a bracket or punctuation, past which a file is not parsed. Outside an async
 * function such an `await` is read as a name, and once the file turns out to be a module every statement
 * holding one is read again: 13,000 of them took the parser two and a half seconds, 20,000 twice that.
 */
export const MAX_BARE_AWAITS = 5000;

const MODIFIER = /\b(?:export|declare|default|abstract|async|public|private|protected|static|readonly|override|accessor)\b\s*/g;

/** The longest run of modifiers written one after another. */
export function longestModifierRun(text: string): number {
	let longest = 0;
	let run = 0;
	let end = -1;
	MODIFIER.lastIndex = 0;
	for (let m = MODIFIER.exec(text); m; m = MODIFIER.exec(text)) {
		run = m.index === end ? run + 1 : 1;
		end = m.index + m[0].length;
		if (run > longest) longest = run;
	}
	return longest;
}

const NESTING = /\basync\b|[(){}]/g;

/** A frame of the open brackets, as one number: a brace, or a parenthesis with its count and whether it holds `async`. */
const BRACE = 1;
const MARKED = 2;
const COUNT = 4;

/**
 * The most parentheses holding an `async` that are open inside each other with no brace between
 * them, in one pass. Braces and parentheses inside strings are counted too: the figure only has to be
 * small on real code and large on the shapes that trap the parser. It runs on every text, and again on
 * each edit of an open document: the expression finds each bracket and `async` without making a match,
 * and the stack holds numbers, not objects.
 */
export function deepestAsyncParentheses(text: string): number {
	// Each frame: BRACE, or a parenthesis's count (marked parentheses from the innermost brace up to it) times COUNT, plus MARKED.
	const open: number[] = [];
	let deepest = 0;
	NESTING.lastIndex = 0;
	while (NESTING.test(text)) {
		const top = open.length > 0 ? open[open.length - 1] : BRACE;
		// The last character of what was found: a bracket, or the `c` of `async`.
		switch (text.charCodeAt(NESTING.lastIndex - 1)) {
			case 40: // `(`: a parenthesis inside another carries its count on.
				open.push(top & BRACE ? 0 : top - (top % COUNT));
				break;
			case 123: // `{`
				open.push(BRACE);
				break;
			case 41: // `)`
				if (!(top & BRACE)) open.pop();
				break;
			case 125: // `}` closes the innermost brace and any parenthesis left open inside it.
				while (open.length > 0 && !(open.pop()! & BRACE));
				break;
			default:
				if (!(top & (BRACE | MARKED))) {
					const count = (top - (top % COUNT)) / COUNT + 1;
					open[open.length - 1] = count * COUNT + MARKED;
					if (count > deepest) deepest = count;
				}
		}
	}
	return deepest;
}

const BARE_AWAIT = /\bawait\s*[^\s\w$'"`]/g;

/** How many times `await` is followed by a bracket or punctuation rather than a name or a literal. */
export function bareAwaits(text: string): number {
	let count = 0;
	BARE_AWAIT.lastIndex = 0;
	while (BARE_AWAIT.exec(text)) count++;
	return count;
}

/** Why TypeScript's parser would take minutes on the text, or undefined when it reads it in linear time. */
export function parserTrap(text: string): string | undefined {
	if (longestModifierRun(text) > MAX_REPEATED_MODIFIERS) {
		return 'repeats a modifier such as `export` hundreds of times in a row, which the TypeScript parser reads in quadratic time';
	}
	if (deepestAsyncParentheses(text) > MAX_NESTED_ASYNC_PARENTHESES) {
		return `nests more than ${MAX_NESTED_ASYNC_PARENTHESES} parentheses holding \`async\` inside each other, which the TypeScript parser reads in exponential time`;
	}
	if (bareAwaits(text) > MAX_BARE_AWAITS) {
		return `has more than ${MAX_BARE_AWAITS.toLocaleString('en-US')} \`await\`s followed by a bracket or punctuation, which the TypeScript parser reads again statement by statement in quadratic time`;
	}
	return undefined;
}
