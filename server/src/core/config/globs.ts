/**
 * How many patterns a glob's braces expand to: `{a,b}/{c,d}` is four, `{1..100}` a hundred. A glob of
 * seventeen brace pairs is 131,072 patterns, each tried against every path; past a limit no
 * configuration needs, a glob is refused.
 */

/** The most patterns one glob may expand to. */
export const MAX_GLOB_EXPANSIONS = 1024;

/** Braces nested deeper than this are not counted: the glob counts as too many patterns. */
const MAX_BRACE_DEPTH = 32;

const RANGE = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$/;

/** The patterns of a `{x..y}` or `{x..y..step}` group, or 1 when the text is no range. */
function rangeLength(text: string): number {
	const m = RANGE.exec(text);
	if (!m) return 1;
	const [, from, to, step] = m;
	const numeric = /\d/.test(from);
	if (numeric !== /\d/.test(to)) return 1;
	const a = numeric ? Number(from) : from.charCodeAt(0);
	const b = numeric ? Number(to) : to.charCodeAt(0);
	return Math.floor(Math.abs(b - a) / Math.max(1, Math.abs(Number(step ?? 1)))) + 1;
}

/** The patterns a glob expands to, counted without expanding it, and no more than `cap`. */
export function braceExpansions(glob: string, cap = MAX_GLOB_EXPANSIONS + 1): number {
	let index = 0;
	let tooDeep = false;
	/** A stretch up to `,` or `}` of this level: the product of its brace groups. */
	const sequence = (depth: number): number => {
		let product = 1;
		while (index < glob.length && glob[index] !== ',' && glob[index] !== '}') {
			const c = glob[index];
			if (c === '\\') index += 2;
			else if (c === '{') {
				index++;
				if (depth >= MAX_BRACE_DEPTH) {
					tooDeep = true;
					index = glob.length;
					return cap;
				}
				product = Math.min(cap, product * group(depth + 1));
			} else index++;
		}
		return product;
	};
	/** A brace group after its `{`: the sum of its alternatives; a single one may be a range. */
	const group = (depth: number): number => {
		const start = index;
		let sum = 0;
		let alternatives = 0;
		for (;;) {
			sum = Math.min(cap, sum + sequence(depth));
			alternatives++;
			// An unclosed group is plain text.
			if (index >= glob.length) return 1;
			if (glob[index++] === '}') return alternatives === 1 ? Math.min(cap, rangeLength(glob.slice(start, index - 1))) : sum;
		}
	};
	let total = 1;
	// A `,` or `}` outside braces is a plain character.
	for (;;) {
		total = Math.min(cap, total * sequence(0));
		if (index >= glob.length) return tooDeep ? cap : total;
		index++;
	}
}
