import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { EVERYTHING, Memo, Revisions } from '../../server/src/core/memo';

void describe('Memo: answers kept with what they read', () => {
	test('answers that read the same files share one set of them, and each still drops on its own change', () => {
		const revisions = new Revisions();
		const depsOf = (...files: string[]) => revisions.track(() => files.forEach((f) => revisions.read(f))).deps;
		const a = depsOf('/job.ts', '/lib.ts');
		const b = depsOf('/lib.ts', '/job.ts', '/lib.ts');
		const c = depsOf('/job.ts');
		assert.equal(a, b, 'the same files, read in another order: one set');
		assert.deepEqual([...a].sort(), ['/job.ts', '/lib.ts']);
		assert.notEqual(a, c);
		assert.deepEqual([...c], ['/job.ts']);
		const memo = new Memo<number>(revisions);
		memo.set('a', { value: 1, deps: a });
		memo.set('c', { value: 2, deps: c });
		revisions.changed(['/lib.ts']);
		assert.deepEqual([...memo.keys()], ['c']);
	});

	test('an answer is computed once, then kept until a file it read changes', () => {
		const revisions = new Revisions();
		const memo = new Memo<string>(revisions);
		let runs = 0;
		const answer = () =>
			memo.cached('a', () => {
				runs++;
				revisions.read('/a.ts');
				return 'A';
			});
		assert.equal(answer(), 'A');
		assert.equal(answer(), 'A');
		assert.equal(runs, 1);
		revisions.changed(['/b.ts']);
		answer();
		assert.equal(runs, 1, 'a change to a file it did not read keeps it');
		revisions.changed(['/a.ts']);
		answer();
		assert.equal(runs, 2, 'a change to a file it read drops it');
	});

	test('an answer that reuses another depends on what that one read, across memos on one log', () => {
		const revisions = new Revisions();
		const inner = new Memo<number>(revisions);
		const outer = new Memo<number>(revisions);
		const innerValue = () =>
			inner.cached('x', () => {
				revisions.read('/lib.ts');
				return 2;
			});
		let outerRuns = 0;
		const outerValue = () =>
			outer.cached('y', () => {
				outerRuns++;
				revisions.read('/job.ts');
				return innerValue() * 3;
			});
		assert.equal(outerValue(), 6);
		// The inner answer is kept; the outer, computed again, must still learn that it read /lib.ts.
		outer.delete('y');
		assert.equal(outerValue(), 6);
		assert.equal(outerRuns, 2);
		revisions.changed(['/lib.ts']);
		outerValue();
		assert.equal(outerRuns, 3);
		assert.deepEqual([...revisions.track(() => outerValue()).deps].sort(), ['/job.ts', '/lib.ts']);
	});

	test('everything goes on a change of everything, and when the log no longer reaches back', () => {
		const revisions = new Revisions();
		const memo = new Memo<number>(revisions);
		memo.cached('a', () => 1);
		memo.cached('b', () => 2);
		assert.equal(memo.size, 2);
		revisions.changed([EVERYTHING]);
		assert.equal(memo.size, 0);
		memo.cached('a', () => 1);
		// 300 changes of other files: more than the log keeps (256), so the memo cannot tell and starts over.
		for (let i = 0; i < 300; i++) revisions.changed([`/other${i}.ts`]);
		assert.equal(memo.size, 0);
		memo.cached('a', () => 1);
		for (let i = 0; i < 10; i++) revisions.changed([`/other${i}.ts`]);
		assert.equal(memo.size, 1, 'a few changes of other files keep it');
	});

	test('a value `keep` refuses is returned but not kept', () => {
		const memo = new Memo<number>(new Revisions());
		let runs = 0;
		const value = () =>
			memo.cached(
				'a',
				() => ++runs,
				(n) => n > 1,
			);
		assert.equal(value(), 1);
		assert.equal(value(), 2);
		assert.equal(value(), 2);
		assert.equal(runs, 2);
	});

	test('untracked reads count for nobody', () => {
		const revisions = new Revisions();
		const { deps } = revisions.track(() => {
			revisions.read('/a.ts');
			revisions.untracked(() => revisions.read('/all.ts'));
		});
		assert.deepEqual([...deps], ['/a.ts']);
	});
	test('a change drops exactly the answers that read a changed file, whatever was set, replaced and deleted before', () => {
		const files = ['/a.ts', '/b.ts', '/c.ts', '/d.ts'];
		const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
		const step = fc.oneof(
			fc.record({ set: fc.constantFrom(...keys), reads: fc.subarray(files), value: fc.nat(9) }),
			fc.record({ changed: fc.subarray(files, { minLength: 1 }) }),
			fc.record({ deleted: fc.constantFrom(...keys) }),
		);
		fc.assert(
			fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
				const revisions = new Revisions();
				const dropped: string[] = [];
				const memo = new Memo<number>(revisions, (key) => dropped.push(key));
				// What should be kept, worked out without an index: each key's value and the files it read.
				const expected = new Map<string, { value: number; reads: readonly string[] }>();
				const expectedDrops: string[] = [];
				for (const s of steps) {
					if ('set' in s) {
						memo.set(
							s.set,
							revisions.track(() => (s.reads.forEach((f) => revisions.read(f)), s.value)),
						);
						expected.set(s.set, { value: s.value, reads: s.reads });
					} else if ('deleted' in s) {
						memo.delete(s.deleted);
						expected.delete(s.deleted);
					} else {
						revisions.changed(s.changed);
						for (const [key, { reads }] of expected)
							if (reads.some((f) => s.changed.includes(f))) {
								expected.delete(key);
								expectedDrops.push(key);
							}
						// Each memo catches up when it is next used: here, at once.
						assert.equal(memo.size, expected.size);
					}
				}
				assert.deepEqual([...memo.keys()].sort(), [...expected.keys()].sort());
				for (const [key, { value }] of expected) assert.equal(memo.get(key)?.value, value);
				assert.deepEqual(dropped.sort(), expectedDrops.sort());
			}),
			{ numRuns: 500, seed: 20261205 },
		);
	});
});
