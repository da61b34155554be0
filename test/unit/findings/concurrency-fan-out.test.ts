import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../check';

const fanOut = (count: number, call: string) => `export async function run(ids: string[]) {
  await Promise.all(ids.slice(0, ${count}).map((id) => ${call}));
}`;
const READ = "fetch('https://www.zohoapis.com/crm/v8/Leads/' + id)";
const CONVERT = "axios.post('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', {})";

function findings(source: string, edition = 'professional', more: Record<string, unknown> = {}) {
	return analyze('typescript', source, { edition, ...more }).findings.filter((f) => f.id === 'concurrency-fan-out');
}

void describe('finding: concurrency-fan-out', () => {
	test('at the edition limit nothing is reported; one more call is (Professional 15, Free 5)', () => {
		assert.deepEqual(findings(fanOut(15, READ)), []);
		const [over] = findings(fanOut(16, READ));
		assert.equal(
			over.message,
			'This starts 16 Zoho CRM calls at once; Professional allows 15 in flight per user, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most 15.',
		);
		assert.equal(over.severity, 'warning');
		assert.deepEqual(findings(fanOut(5, READ), 'free'), []);
		assert.equal(findings(fanOut(6, READ), 'free').length, 1);
	});

	test('complex APIs share the lower sub-concurrency limit of 10 in every edition', () => {
		assert.deepEqual(findings(fanOut(10, CONVERT), 'ultimate'), []);
		const [over] = findings(fanOut(11, CONVERT), 'ultimate');
		assert.equal(
			over.message,
			'This starts 11 Convert Lead calls at once; complex APIs allow 10 in flight per user in every edition, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most 10.',
		);
	});

	test('a sequential loop over as many calls is no fan-out', () => {
		const source = `export async function run(ids: string[]) {
  for (const id of ids.slice(0, 40)) await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
}`;
		assert.deepEqual(findings(source), []);
	});

	test('a list of unknown size is judged at the high end of its count, and the message says the count is assumed', () => {
		const unbounded = (call: string) => `export async function run(ids: string[]) {\n  await Promise.all(ids.map((id) => ${call}));\n}`;
		// Ten at the assumed count is within Professional's 15; up to 100 (assumedIterations.high) is not.
		const [read] = findings(unbounded(READ));
		assert.equal(
			read.message,
			'This can start up to 100 Zoho CRM calls at once (10 at the assumed count; the code does not bound the list); Professional allows 15 in flight per user, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most 15.',
		);
		const [convert] = findings(unbounded(CONVERT));
		assert.equal(
			convert.message,
			'This can start up to 100 Convert Lead calls at once (10 at the assumed count; the code does not bound the list); complex APIs allow 10 in flight per user in every edition, so the rest fail with 429 TOO_MANY_REQUESTS. Send them in batches of at most 10.',
		);
		// A high end the team sets within the limit: nothing to report.
		assert.deepEqual(findings(unbounded(READ), 'professional', { assumedIterations: { high: 15 } }), []);
	});
});
