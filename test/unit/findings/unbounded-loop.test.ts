import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../check';

function findings(language: 'typescript' | 'deluge', source: string, settings = {}) {
	return analyze(language, source, settings).findings.filter((f) => f.id === 'unbounded-loop');
}

const PAGES = `export async function all() {
  let page = 1;
  let more = true;
  while (more) {
    const res = await fetch(\`https://www.zohoapis.com/crm/v8/Deals?page=\${page}\`);
    more = (await res.json()).info.more_records;
    page++;
  }
}`;

void describe('finding: unbounded-loop', () => {
	test('a pagination loop without a module size says which size to set', () => {
		const [finding] = findings('typescript', PAGES);
		assert.equal(
			finding.message,
			'This loop pages through Deals with no bound the code states: 10 iterations are assumed. Set moduleSizes.Deals in zoho-credits.json, or write "// zoho-credits: iterations=N" above the loop.',
		);
		assert.equal(PAGES.slice(finding.span.start, finding.span.end), 'while (more)');
		assert.deepEqual(
			finding.related.map((r) => r.message),
			['Get Records: 10 credits per run at the assumed count (of 10 credits in this loop).'],
		);
	});

	test('a configured module size or an annotation bounds the loop', () => {
		assert.deepEqual(findings('typescript', PAGES, { moduleSizes: { Deals: 1000 } }), []);
		assert.deepEqual(findings('typescript', PAGES.replace('  while (more) {', '  // zoho-credits: iterations=3\n  while (more) {')), []);
	});

	test('a Deluge while loop around a task; for each over a list is not this finding', () => {
		const [finding] = findings('deluge', 'while (more)\n{\n  zoho.crm.getRecords("Leads");\n}');
		assert.match(finding.message, /^This while loop around Zoho CRM calls has no bound the code states: 10 iterations are assumed\./);
		assert.deepEqual(findings('deluge', 'for each r in rows\n{\n  zoho.crm.getRecords("Leads");\n}'), []);
	});

	test('a while loop with no Zoho CRM call inside is not reported', () => {
		assert.deepEqual(findings('typescript', 'let i = 0;\nwhile (i < n) { i++; }'), []);
	});
});
