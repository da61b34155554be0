import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CreditRule, price } from '../../server/src/core/catalog';
import { describeRule, priceAssumptionText, priceDetailText } from '../../server/src/core/explain';

const WRITE: CreditRule = { kind: 'per-records', per: 10, maxRecords: 100 };
const TAGS: CreditRule = { kind: 'per-records', per: 50, maxRecords: 500 };
const MASS_DELETE: CreditRule = { kind: 'per-records', per: 100 };
const COQL: CreditRule = { kind: 'coql-limit' };

const credits = (rule: CreditRule, inputs: Parameters<typeof price>[1]) => price(rule, inputs).credits;

void describe('credit rules at their boundaries', () => {
	test('fixed: the figure, whatever the call carries', () => {
		assert.deepEqual(price({ kind: 'fixed', credits: 5 }, { records: 300 }), { credits: 5, min: 5, max: 5 });
	});

	test('writes: ceil(records / 10), at least 1', () => {
		assert.equal(credits(WRITE, { records: 0 }), 1);
		assert.equal(credits(WRITE, { records: 1 }), 1);
		assert.equal(credits(WRITE, { records: 10 }), 1);
		assert.equal(credits(WRITE, { records: 11 }), 2);
		assert.equal(credits(WRITE, { records: 20 }), 2);
		assert.equal(credits(WRITE, { records: 21 }), 3);
		assert.equal(credits(WRITE, { records: 100 }), 10);
		assert.equal(priceDetailText(price(WRITE, { records: 11 })), '11 records → ceil(11/10) = 2');
		// Zoho takes 100 records a call: 200 are priced as a full call, 10, and the detail says why.
		assert.deepEqual([price(WRITE, { records: 200 }).credits, price(WRITE, { records: 200 }).max], [10, 10]);
		assert.equal(priceDetailText(price(WRITE, { records: 200 })), '200 records, more than the 100 one call takes → ceil(100/10) = 10');
	});

	test('writes with no visible record count assume one record, reach the most one call takes, and say so', () => {
		const p = price(WRITE, {});
		assert.deepEqual([p.credits, p.min, p.max], [1, 1, 10]);
		assert.equal(priceAssumptionText(p), 'record count not visible: assumed 1 record (1 credit), up to 100, the most one call takes (10 credits)');
	});

	test('tags: ceil(records / 50), up to 500 records', () => {
		assert.equal(credits(TAGS, { records: 50 }), 1);
		assert.equal(credits(TAGS, { records: 51 }), 2);
		assert.equal(credits(TAGS, { records: 500 }), 10);
		// Unseen: one record at the point, 500 records (10 credits) at the high end.
		assert.deepEqual([price(TAGS, {}).credits, price(TAGS, {}).max], [1, 10]);
	});

	test('mass delete: ceil(records / 100); unknown count falls to the minimum and says so', () => {
		assert.equal(credits(MASS_DELETE, { records: 100 }), 1);
		assert.equal(credits(MASS_DELETE, { records: 101 }), 2);
		const p = price(MASS_DELETE, {});
		assert.equal(p.credits, 1);
		assert.match(priceAssumptionText(p) ?? '', /record count not visible/);
	});

	test('COQL by LIMIT: 200 / 201 / 1000 / 1001 / 2000', () => {
		assert.equal(credits(COQL, { coqlLimit: 1 }), 1);
		assert.equal(credits(COQL, { coqlLimit: 200 }), 1);
		assert.equal(credits(COQL, { coqlLimit: 201 }), 2);
		assert.equal(credits(COQL, { coqlLimit: 1000 }), 2);
		assert.equal(credits(COQL, { coqlLimit: 1001 }), 3);
		assert.equal(credits(COQL, { coqlLimit: 2000 }), 3);
		assert.equal(priceDetailText(price(COQL, { coqlLimit: 1001 })), 'LIMIT 1,001 → 3');
	});

	test('COQL without a LIMIT reads 200 rows; an invisible query assumes the top tier', () => {
		const noLimit = price(COQL, { coqlLimit: null });
		assert.deepEqual([noLimit.credits, noLimit.min, noLimit.max, priceDetailText(noLimit)], [1, 1, 1, 'no LIMIT: Zoho reads 200 rows → 1']);
		const p = price(COQL, {});
		assert.deepEqual([p.credits, p.min, p.max], [3, 1, 3]);
		assert.match(priceAssumptionText(p) ?? '', /assumed LIMIT 2,000/);
	});

	test('unknown: the default 1 credit, always an assumption', () => {
		const p = price({ kind: 'unknown' }, {});
		assert.equal(p.credits, 1);
		assert.match(priceAssumptionText(p) ?? '', /no credit figure/);
	});

	test('rules in words', () => {
		assert.equal(describeRule({ kind: 'fixed', credits: 1 }), '1 credit per call');
		assert.equal(describeRule({ kind: 'fixed', credits: 500 }), '500 credits per call');
		assert.equal(describeRule(WRITE), '1 credit per 10 records, rounded up; at most 100 records per call');
		assert.equal(describeRule(MASS_DELETE), '1 credit per 100 records, rounded up');
		assert.equal(describeRule(COQL), 'by LIMIT: 1–200 rows → 1 credit, 201–1,000 → 2, 1,001–2,000 → 3');
		assert.equal(describeRule({ kind: 'unknown' }), 'not published by Zoho; priced at the default 1 credit');
	});
});
