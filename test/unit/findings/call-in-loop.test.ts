import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, stripExpectations } from '../check';

void describe('finding: call-in-loop', () => {
	test('valid: calls outside loops, in both languages', () => {
		assert.deepEqual(analyze('deluge', 'zoho.crm.getRecords("Leads");').findings, []);
		assert.deepEqual(analyze('typescript', "fetch('https://www.zohoapis.com/crm/v8/Leads');").findings, []);
		assert.deepEqual(analyze('typescript', 'for (const x of xs) { console.log(x); }').findings, []);
	});

	test('invalid: Deluge call in nested loops, message and related loops', () => {
		const source = stripExpectations(`for each p in {1,2}
{
  for each l in leads
  {
    zoho.crm.getRecordById("Leads", l);
  }
}`);
		const [finding, ...rest] = analyze('deluge', source).findings;
		assert.equal(rest.length, 0);
		assert.equal(finding.id, 'call-in-loop');
		assert.equal(finding.severity, 'warning');
		// 1 credit × 2 (literal) × 10 (default) = 20.
		assert.equal(finding.message, 'Get Record runs inside a loop: 1 credit ×2 ×10 (assumed) = 20 credits per run.');
		assert.equal(source.slice(finding.span.start, finding.span.end), 'zoho.crm.getRecordById("Leads", l)');
		assert.deepEqual(
			finding.related.map((r) => [source.slice(r.span.start, r.span.end), r.message]),
			[
				['for each p in {1,2}', 'This loop runs 2 times: literal list of 2 items.'],
				['for each l in leads', 'This loop runs 10 times: default of 10 iterations: the bound is not visible in the code; 1 to 100 (assumedIterations.high).'],
			],
		);
		assert.equal(finding.docs, 'https://www.zoho.com/crm/developer/docs/api/v8/get-records.html');
	});

	test('invalid: TypeScript for loop with a literal bound', () => {
		const source = `for (let i = 0; i < 3; i++) {
  await fetch('https://www.zohoapis.com/crm/v8/Deals');
}`;
		const [finding] = analyze('typescript', source).findings;
		assert.equal(finding.message, 'Get Records runs inside a loop: 1 credit ×3 = 3 credits per run.');
		assert.equal(source.slice(finding.related[0].span.start, finding.related[0].span.end), 'for (let i = 0; i < 3; i++)');
	});
});
