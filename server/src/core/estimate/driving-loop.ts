import type { LoopUse } from '.';

/** Of the loops given, the one whose high end lies furthest past its count: what drives a range's high end. */
export function drivingLoop(loops: Iterable<LoopUse>): LoopUse | undefined {
	let best: LoopUse | undefined;
	for (const use of loops) {
		if (use.high > use.iterations && (!best || use.high / Math.max(1, use.iterations) > best.high / Math.max(1, best.iterations))) best = use;
	}
	return best;
}
