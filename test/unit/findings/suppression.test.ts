import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../check';

const LOOP = `for each id in ids
{
  zoho.crm.getRecordById("Leads", id);
  zoho.crm.getRecords("Deals");
}`;

void describe('suppression', () => {
	test("an ignore comment on the line, or alone above it, drops that line's findings only", () => {
		assert.equal(analyze('deluge', LOOP).findings.length, 2);
		const trailing = LOOP.replace('zoho.crm.getRecordById("Leads", id);', 'zoho.crm.getRecordById("Leads", id); // zoho-credits: ignore');
		assert.deepEqual(
			analyze('deluge', trailing).findings.map((f) => f.message.split(' ')[0]),
			['Get'],
		);
		const above = LOOP.replace('  zoho.crm.getRecords("Deals");', '  // zoho-credits: ignore\n  zoho.crm.getRecords("Deals");');
		assert.deepEqual(
			analyze('deluge', above).findings.map((f) => f.message),
			['Get Record runs inside a loop: 1 credit ×10 (assumed) = 10 credits per run.'],
		);
	});

	test('ignore-file drops every finding of the file, in TypeScript too; the estimate stays', () => {
		const source = "// zoho-credits: ignore-file\nfor (const id of ids) { fetch('https://www.zohoapis.com/crm/v8/Leads/' + id); }";
		const analysis = analyze('typescript', source);
		assert.deepEqual(analysis.findings, []);
		assert.equal(analysis.estimate.perRun, 10);
	});
});
