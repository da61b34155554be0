import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { FunctionFact, Span } from '../../server/src/core/facts';
import { ownerOf } from '../../server/src/core/graph';

/** The rule, read one function at a time: the holder that starts last, of those starting together the last listed. */
function reference(functions: readonly FunctionFact[], span: Span): FunctionFact | undefined {
	let owner: FunctionFact | undefined;
	for (const f of functions) if (f.span.start <= span.start && span.end <= f.span.end && (!owner || f.span.start >= owner.span.start)) owner = f;
	return owner;
}

const fact = (start: number, end: number, i: number): FunctionFact => ({ name: `f${i}`, span: { start, end }, nameSpan: { start, end: start } });

/** Spans laid out as code nests them: children inside their parent, side by side, some touching, some starting where the parent starts. */
const nestedSpans: fc.Arbitrary<[number, number][]> = fc
	.array(fc.tuple(fc.nat({ max: 6 }), fc.nat({ max: 3 }), fc.boolean()), { minLength: 16, maxLength: 120 })
	.map((plan) => {
		const out: [number, number][] = [];
		let at = 0;
		const open: number[] = [];
		for (const [gap, close, sameStart] of plan) {
			at += gap;
			// Close some of the open functions first (a closed one ends here: its successor may touch it).
			for (let k = 0; k < close && open.length > 0; k++) {
				const i = open.pop()!;
				out[i][1] = at;
				at += 1;
			}
			const start = sameStart && open.length > 0 ? out[open[open.length - 1]][0] : at;
			out.push([start, -1]);
			open.push(out.length - 1);
			at += 1;
		}
		while (open.length > 0) out[open.pop()!][1] = at++;
		return out;
	});

void describe('the function a span belongs to', () => {
	test('an indexed file answers as reading every function would, for spans that nest as code does', () => {
		fc.assert(
			fc.property(nestedSpans, fc.array(fc.tuple(fc.nat({ max: 900 }), fc.nat({ max: 40 })), { maxLength: 60 }), fc.boolean(), (spans, queries, reversed) => {
				const listed = spans.map(([start, end], i) => fact(start, end, i));
				const functions = reversed ? [...listed].reverse() : listed;
				for (const [start, length] of queries) {
					const span = { start, end: start + length };
					assert.equal(ownerOf(functions, span), reference(functions, span));
				}
				// Every function's own span, and a call just inside it.
				for (const f of functions) {
					assert.equal(ownerOf(functions, f.span), reference(functions, f.span));
					const inside = { start: f.span.start + 1, end: Math.max(f.span.start + 1, f.span.end - 1) };
					assert.equal(ownerOf(functions, inside), reference(functions, inside));
				}
			}),
			{ seed: 20261205, numRuns: 400 },
		);
	});

	test('spans that cross (not from a parse) get the same answers', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat({ max: 300 }), fc.nat({ max: 80 })), { minLength: 16, maxLength: 60 }),
				fc.array(fc.tuple(fc.nat({ max: 380 }), fc.nat({ max: 30 })), { maxLength: 40 }),
				(spans, queries) => {
					const functions = spans.map(([start, length], i) => fact(start, start + length, i));
					for (const [start, length] of queries) {
						const span = { start, end: start + length };
						assert.equal(ownerOf(functions, span), reference(functions, span));
					}
				},
			),
			{ seed: 20261205, numRuns: 300 },
		);
	});

	test('by hand: methods of a class, a callback inside one, and top-level code', () => {
		// A class 0–1000 with 20 methods of 40 characters; the fifth holds a callback 170–190.
		const functions = [fact(0, 1000, 0), ...Array.from({ length: 20 }, (_, k) => fact(10 + k * 45, 50 + k * 45, k + 1)), fact(170, 190, 21)];
		assert.equal(ownerOf(functions, { start: 175, end: 180 })?.name, 'f21');
		assert.equal(ownerOf(functions, { start: 160, end: 165 })?.name, 'f4');
		// Between two methods: the class.
		assert.equal(ownerOf(functions, { start: 51, end: 54 })?.name, 'f0');
		assert.equal(ownerOf(functions, { start: 1001, end: 1010 }), undefined);
	});
});
