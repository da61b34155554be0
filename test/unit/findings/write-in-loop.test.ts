import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../check';

void describe('finding: write-in-loop', () => {
	test('Deluge: a single-record task in a loop, with the credits the bulk form saves', () => {
		// 25 records, one call each: 25 credits; in bulk calls of up to 100 at 1 per 10: ceil(25/10) = 3, saving 22.
		const source = '// zoho-credits: iterations=25\nfor each row in rows\n{\n  zoho.crm.createRecord("Leads", row);\n}';
		const [finding, ...rest] = analyze('deluge', source).findings;
		assert.equal(rest.length, 0);
		assert.equal(finding.id, 'write-in-loop');
		assert.equal(
			finding.message,
			'Create Records writes one record a call inside a loop: 1 credit ×25 = 25 credits per run. Collected into bulk calls of up to 100 records (1 credit per 10 records), the same 25 records cost 3 credits, saving 22 credits.',
		);
	});

	test('TypeScript: a one-element data list and an update by id in a loop; a bulk write is not this finding', () => {
		const source = `for (let i = 0; i < 10; i++) {
  fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST', body: JSON.stringify({ data: [rows[i]] }) });
  fetch('https://www.zohoapis.com/crm/v8/Deals/' + i, { method: 'PUT', body: '{}' });
  fetch('https://www.zohoapis.com/crm/v8/Contacts', { method: 'POST', body: JSON.stringify({ data: [a, b, c] }) });
}`;
		assert.deepEqual(
			analyze('typescript', source).findings.map((f) => [f.id, f.message.split(':')[0]]),
			[
				['call-in-loop', 'Create Records runs inside a loop'],
				['write-in-loop', 'Upsert Records writes one record a call inside a loop'],
				['write-in-loop', 'Update Record writes one record a call inside a loop'],
			],
		);
	});
});

void describe('batched writes are quiet', () => {
	test('a loop sending slices of 100 records a call is the batching Zoho asks for; slices of 5 are not batches', () => {
		// slice(i, i + 100): 100 records a call, ceil(100/10) = 10 credits, full credits: no finding.
		// slice(i, i + 5): 5 records a call, 1 credit each, 10 iterations assumed: a call in a loop.
		const source = `export async function push(rows: object[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'POST', body: JSON.stringify({ data: rows.slice(i, i + 100) }) });
  }
  for (let i = 0; i < rows.length; i += 5) {
    await fetch('https://www.zohoapis.com/crm/v8/Contacts', { method: 'POST', body: JSON.stringify({ data: rows.slice(i, i + 5) }) });
  }
}`;
		const analysis = analyze('typescript', source);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.operation.api, c.credits]),
			[
				['Create Records', 10],
				['Create Records', 1],
			],
		);
		assert.deepEqual(
			analysis.findings.map((f) => [f.id, f.message]),
			[['call-in-loop', 'Create Records runs inside a loop: 1 credit ×10 (assumed) = 10 credits per run.']],
		);
	});
});
