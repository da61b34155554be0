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

/** The total of the items, each branch counting only its dearest arm; `chose` is true when that lowered the sum. */
export function branchTotal(items: readonly Costed[], branches: readonly BranchFact[]): { total: number; chose: boolean } {
	// The branches no arm of another branch holds; the others are counted inside their arm.
	const outer = branches.filter((b) => !branches.some((o) => o !== b && o.arms.some((arm) => within(arm, b.span))));
	let total = 0;
	let chose = false;
	const inArm = new Set<Costed>();
	for (const branch of outer) {
		const arms = branch.arms.map((arm) => {
			const armItems = items.filter((i) => within(arm, i.span));
			for (const i of armItems) inArm.add(i);
			const inner = branches.filter((b) => b !== branch && within(arm, b.span));
			const result = branchTotal(armItems, inner);
			chose ||= result.chose;
			return result.total;
		});
		const best = arms.length > 0 ? Math.max(...arms) : 0;
		if (arms.filter((a) => a > 0).length > 1) chose = true;
		total += best;
	}
	for (const i of items) if (!inArm.has(i)) total += i.value;
	return { total, chose };
}
