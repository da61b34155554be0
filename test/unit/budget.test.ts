import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Edition, resolveBudget } from '../../server/src/core/budget';

// Worked out by hand from the source document's table: base + users × per-user + add-ons, capped.
const CASES: [Edition, number, number, number, boolean][] = [
	['free', 1, 0, 5000, false],
	['free', 50, 0, 5000, false],
	['free', 3, 2000, 5000, true], // 5,000 + 2,000 add-ons = 7,000, capped at 5,000
	['standard', 10, 0, 7500, false], // 5,000 + 2,500
	['standard', 380, 0, 100000, false], // 5,000 + 95,000 = exactly the maximum
	['standard', 400, 0, 100000, true], // 105,000 capped
	['professional', 10, 0, 15000, false], // 10,000 + 5,000
	['professional', 0, 0, 10000, false],
	['professional', 10, 5000, 20000, false], // add-ons count before the cap
	['professional', 1000, 0, 500000, true], // 510,000 capped
	['enterprise', 5, 0, 20000, false], // 15,000 + 5,000
	['enterprise', 985, 0, 1000000, false],
	['enterprise', 2000, 0, 1000000, true],
	['ultimate', 100, 0, 215000, false], // 15,000 + 200,000, no maximum
	['ultimate', 10000, 1, 20015001, false],
];

void describe('budget: seed table', () => {
	for (const [edition, users, addOns, daily, capped] of CASES) {
		test(`${edition}, ${users} users, ${addOns} add-on credits → ${daily}`, () => {
			const budget = resolveBudget({ edition, users, addOnCredits: addOns });
			assert.equal(budget.dailyCredits, daily);
			assert.equal(budget.capped, capped);
			assert.equal(budget.table, 'seed');
		});
	}

	test('negative and fractional counts are clamped to whole non-negative numbers', () => {
		assert.equal(resolveBudget({ edition: 'professional', users: -5, addOnCredits: -1 }).dailyCredits, 10000);
		assert.equal(resolveBudget({ edition: 'professional', users: 2.9, addOnCredits: 0 }).dailyCredits, 11000);
	});
});
