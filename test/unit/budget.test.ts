import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveBudget } from '../../server/src/core/budget';
import { type BudgetTableId, describeEdition, type Edition } from '../../shared/editions';

// Worked out by hand from the tables: base + users × per-user + add-ons, capped at the maximum.
const CASES: [BudgetTableId, Edition, number, number, number, boolean][] = [
	['seed', 'free', 1, 0, 5000, false],
	['seed', 'free', 50, 0, 5000, false],
	['seed', 'free', 3, 2000, 5000, true], // 5,000 + 2,000 add-ons = 7,000, capped at 5,000
	['seed', 'standard', 10, 0, 7500, false], // 5,000 + 2,500
	['seed', 'standard', 380, 0, 100000, false], // 5,000 + 95,000: exactly the maximum, not capped
	['seed', 'standard', 400, 0, 100000, true], // 105,000 capped
	['seed', 'professional', 0, 0, 10000, false],
	['seed', 'professional', 10, 0, 15000, false], // the default: 10,000 + 5,000
	['seed', 'professional', 10, 5000, 20000, false], // add-ons count before the cap
	['seed', 'professional', 1000, 0, 500000, true], // 510,000 capped (Zoho's own example)
	['seed', 'enterprise', 5, 0, 20000, false], // 15,000 + 5,000
	['seed', 'enterprise', 985, 0, 1000000, false],
	['seed', 'enterprise', 2000, 0, 1000000, true],
	['seed', 'ultimate', 100, 0, 215000, false], // 15,000 + 200,000, no maximum
	['seed', 'ultimate', 10000, 1, 20015001, false],
	['current', 'free', 20, 0, 5000, false],
	['current', 'standard', 10, 0, 52500, false], // 50,000 + 2,500 (Zoho's v4 example)
	['current', 'standard', 201, 0, 100000, true], // 100,250 capped
	['current', 'professional', 10, 0, 55000, false],
	['current', 'professional', 6000, 0, 3000000, true], // 50,000 + 3,000,000 capped
	['current', 'enterprise', 100, 0, 150000, false], // 50,000 + 100,000
	['current', 'enterprise', 5000, 0, 5000000, true], // 5,050,000 capped
	['current', 'ultimate', 10, 500, 70500, false], // 50,000 + 20,000 + 500
];

void describe('budget: daily allowance per table, edition, users and add-ons', () => {
	for (const [table, edition, users, addOns, daily, capped] of CASES) {
		test(`${table}: ${edition}, ${users} users, ${addOns} add-on credits → ${daily}`, () => {
			const budget = resolveBudget({ edition, users, addOnCredits: addOns, table });
			assert.equal(budget.dailyCredits, daily);
			assert.equal(budget.table, table);
			assert.equal(budget.capped, capped);
		});
	}

	test('exactly at the cap is not capped; one credit more is', () => {
		// current professional: 50,000 + 5,900 × 500 = 3,000,000 exactly.
		assert.equal(resolveBudget({ edition: 'professional', users: 5900, addOnCredits: 0, table: 'current' }).capped, false);
		assert.equal(resolveBudget({ edition: 'professional', users: 5900, addOnCredits: 1, table: 'current' }).capped, true);
	});

	test("Zoho's current table is the default; the source document's stays selectable", () => {
		// Current: 50,000 + 10 × 500 = 55,000. Seed: 10,000 + 10 × 500 = 15,000.
		assert.equal(resolveBudget({ edition: 'professional', users: 10, addOnCredits: 0 }).dailyCredits, 55000);
		assert.equal(resolveBudget({ edition: 'professional', users: 10, addOnCredits: 0 }).table, 'current');
		assert.equal(resolveBudget({ edition: 'professional', users: 10, addOnCredits: 0, table: 'seed' }).dailyCredits, 15000);
	});

	test('negative and fractional counts are clamped to whole non-negative numbers', () => {
		// Current table: 50,000 with no users; 2 users (2.9 rounded down) add 2 × 500.
		assert.equal(resolveBudget({ edition: 'professional', users: -5, addOnCredits: -1 }).dailyCredits, 50000);
		assert.equal(resolveBudget({ edition: 'professional', users: 2.9, addOnCredits: 0 }).dailyCredits, 51000);
	});

	test('concurrency per edition and the shared sub-concurrency of complex APIs', () => {
		const limits = (['free', 'standard', 'professional', 'enterprise', 'ultimate'] as Edition[]).map((edition) => {
			const b = resolveBudget({ edition, users: 1, addOnCredits: 0 });
			return [b.concurrency, b.subConcurrency];
		});
		assert.deepEqual(limits, [
			[5, 10],
			[10, 10],
			[15, 10],
			[20, 10],
			[25, 10],
		]);
	});

	test('tables are dated and sourced; editions are described in words', () => {
		const seed = resolveBudget({ edition: 'ultimate', users: 1, addOnCredits: 0, table: 'seed' });
		assert.match(seed.tableDated, /Kaizen #34/);
		assert.equal(resolveBudget({ edition: 'ultimate', users: 1, addOnCredits: 0 }).tableDated, 'read 2026-11-25');
		assert.equal(describeEdition('professional', 'seed'), '10,000 + 500 per user credits a day, at most 500,000');
		assert.equal(describeEdition('professional'), '50,000 + 500 per user credits a day, at most 3,000,000');
		assert.equal(describeEdition('ultimate', 'current'), '50,000 + 2,000 per user credits a day, no maximum');
		assert.equal(describeEdition('free'), '5,000 credits a day, at most 5,000');
	});
});
