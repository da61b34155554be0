/**
 * Branches take the maximum: of an if/else chain only one arm runs, so a run costs the dearest arm.
 * Calls outside every arm (the condition, the code around) count in full.
 */
import type { BranchFact, Span } from '../facts';

export interface Costed {
	readonly span: Span;
	readonly value: number;
}

function within(outer: Span, inner: Span): boolean {
	return outer.start <= inner.start && inner.end <= outer.end;
}

/** An arm of a branch, with what lies directly in it: its items, and the branches no deeper arm holds. */
interface Arm<T> {
	readonly span: Span;
	readonly branch: number;
	readonly items: T[];
	readonly branches: number[];
}

/**
 * For each span, the innermost arm that holds it (-1 for none), skipping the arms of `own[i]` (a branch
 * is not inside its own arms). One sweep in text order: spans of syntax nest or lie apart.
 */
function innermostArms(arms: readonly Arm<unknown>[], spans: readonly Span[], own: readonly number[]): number[] {
	const order = arms.map((_, i) => i).sort((a, b) => arms[a].span.start - arms[b].span.start || arms[b].span.end - arms[a].span.end);
	const queries = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
	const result: number[] = new Array<number>(spans.length).fill(-1);
	const open: number[] = [];
	let next = 0;
	for (const q of queries) {
		const span = spans[q];
		while (next < order.length && arms[order[next]].span.start <= span.start) {
			const arm = order[next++];
			while (open.length > 0 && arms[open[open.length - 1]].span.end <= arms[arm].span.start) open.pop();
			open.push(arm);
		}
		while (open.length > 0 && arms[open[open.length - 1]].span.end <= span.start && span.end > span.start) open.pop();
		for (let i = open.length - 1; i >= 0; i--) {
			const arm = arms[open[i]];
			if (arm.branch !== own[q] && within(arm.span, span)) {
				result[q] = open[i];
				break;
			}
		}
	}
	return result;
}

/**
 * The total of the items, each branch counting only its dearest arm (the first, on a tie); `chose` is
 * true when that lowered the sum, and `counted` holds the items the total is made of. Each item and
 * branch is placed in its innermost arm once, so the work grows with the file, not its square.
 */
export function branchTotal<T extends Costed>(items: readonly T[], branches: readonly BranchFact[]): { total: number; chose: boolean; counted: Set<T> } {
	// Most functions have nothing to count or no branch: the sum as it is (half of the calls in a workspace report).
	if (items.length === 0 || branches.length === 0) {
		let total = 0;
		for (const item of items) total += item.value;
		return { total, chose: false, counted: new Set(items) };
	}
	const arms: Arm<T>[] = branches.flatMap((branch, b) => branch.arms.map((span) => ({ span, branch: b, items: [], branches: [] })));
	const armsOf: number[][] = branches.map(() => []);
	arms.forEach((arm, i) => armsOf[arm.branch].push(i));
	const top: { items: T[]; branches: number[] } = { items: [], branches: [] };
	// A branch inside an arm of another counts there; the others are the outermost.
	innermostArms(
		arms,
		branches.map((b) => b.span),
		branches.map((_, b) => b),
	).forEach((arm, b) => (arm < 0 ? top : arms[arm]).branches.push(b));
	innermostArms(
		arms,
		items.map((i) => i.span),
		items.map(() => -1),
	).forEach((arm, i) => (arm < 0 ? top : arms[arm]).items.push(items[i]));

	// Arms are costed children first, in a loop (early returns can nest arms thousands deep): each arm's
	// items in full, each branch in it at its dearest arm.
	const order: number[] = [];
	const stack: number[] = [];
	for (const b of top.branches) for (const arm of armsOf[b]) stack.push(arm);
	while (stack.length > 0) {
		const arm = stack.pop()!;
		order.push(arm);
		for (const b of arms[arm].branches) for (const inner of armsOf[b]) stack.push(inner);
	}
	const armTotal = new Array<number>(arms.length).fill(0);
	const chosen = new Array<number>(branches.length).fill(-1);
	let chose = false;
	const stretchTotal = (stretch: { items: readonly T[]; branches: readonly number[] }): number => {
		let total = 0;
		for (const item of stretch.items) total += item.value;
		for (const b of stretch.branches) {
			let best = -1;
			let positive = 0;
			for (const arm of armsOf[b]) {
				if (armTotal[arm] > 0) positive++;
				if (best < 0 || armTotal[arm] > armTotal[best]) best = arm;
			}
			if (positive > 1) chose = true;
			chosen[b] = best;
			if (best >= 0) total += armTotal[best];
		}
		return total;
	};
	for (let i = order.length - 1; i >= 0; i--) armTotal[order[i]] = stretchTotal(arms[order[i]]);
	const total = stretchTotal(top);
	// The counted items: the top's, then those of each chosen arm, down the tree.
	const counted = new Set<T>(top.items);
	const walk: number[] = [];
	for (const b of top.branches) if (chosen[b] >= 0) walk.push(chosen[b]);
	while (walk.length > 0) {
		const arm = arms[walk.pop()!];
		for (const item of arm.items) counted.add(item);
		for (const b of arm.branches) if (chosen[b] >= 0) walk.push(chosen[b]);
	}
	return { total, chose, counted };
}
