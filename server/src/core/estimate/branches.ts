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

	let chose = false;
	const counted = new Set<T>();
	/** What a stretch costs: its items in full, each branch in it at its dearest arm. */
	const cost = (stretch: { items: readonly T[]; branches: readonly number[] }): { total: number; counted: T[] } => {
		let total = 0;
		const parts: T[] = [];
		for (const item of stretch.items) {
			total += item.value;
			parts.push(item);
		}
		for (const b of stretch.branches) {
			const results = armsOf[b].map((arm) => cost(arms[arm]));
			const best = results.reduce<(typeof results)[number] | undefined>((most, arm) => (!most || arm.total > most.total ? arm : most), undefined);
			if (results.filter((r) => r.total > 0).length > 1) chose = true;
			if (best) {
				total += best.total;
				parts.push(...best.counted);
			}
		}
		return { total, counted: parts };
	};
	const { total, counted: parts } = cost(top);
	for (const item of parts) counted.add(item);
	return { total, chose, counted };
}
