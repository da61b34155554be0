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

/**
 * The total of the items, each branch counting only its dearest arm (the first, on a tie); `chose` is
 * true when that lowered the sum, and `counted` holds the items the total is made of.
 */
export function branchTotal<T extends Costed>(items: readonly T[], branches: readonly BranchFact[]): { total: number; chose: boolean; counted: Set<T> } {
	// The branches no arm of another branch holds; the others are counted inside their arm.
	const outer = branches.filter((b) => !branches.some((o) => o !== b && o.arms.some((arm) => within(arm, b.span))));
	let total = 0;
	let chose = false;
	const counted = new Set<T>();
	const inArm = new Set<T>();
	for (const branch of outer) {
		const arms = branch.arms.map((arm) => {
			const armItems = items.filter((i) => within(arm, i.span));
			for (const i of armItems) inArm.add(i);
			const inner = branches.filter((b) => b !== branch && within(arm, b.span));
			const result = branchTotal(armItems, inner);
			chose ||= result.chose;
			return result;
		});
		const best = arms.reduce<(typeof arms)[number] | undefined>((top, arm) => (!top || arm.total > top.total ? arm : top), undefined);
		if (arms.filter((a) => a.total > 0).length > 1) chose = true;
		if (best) {
			total += best.total;
			for (const i of best.counted) counted.add(i);
		}
	}
	for (const i of items) {
		if (inArm.has(i)) continue;
		total += i.value;
		counted.add(i);
	}
	return { total, chose, counted };
}
