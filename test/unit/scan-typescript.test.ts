import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, check } from './check';

void describe('TypeScript scanner: requests to literal Zoho CRM URLs', () => {
	test('fetch with and without a method, all versions v2..v8, and Convert Lead', () => {
		check(
			'typescript',
			`
async function f(): Promise<void> {
  await fetch('https://www.zohoapis.com/crm/v2/Leads');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await fetch("https://www.zohoapis.eu/crm/v8/Leads/4150868000001/actions/convert", { method: "POST" });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await fetch(\`https://www.zohoapis.in/crm/v5/Deals/123\`, { method: 'delete' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
}`,
		);
	});

	test('axios as a function, its verb methods and request()', () => {
		check(
			'javascript',
			`
  axios.get('https://www.zohoapis.com/crm/v8/Contacts/search?email=a@b.c');
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  axios.post('https://www.zohoapis.com.au/crm/v8/Leads/99/actions/convert', {});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  axios.put('https://www.zohoapis.jp/crm/v8/Deals', { data: records });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1? cr = 1/run
  axios('https://www.zohoapis.com.cn/crm/v7/Leads/upsert', { method: 'post' });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1? cr = 1/run
  axios({ url: 'https://sandbox.zohoapis.com/crm/v8/coql', method: 'POST', data: {} });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3? cr = 3/run
  axios.request({ url: 'https://www.zohoapis.ca/crm/v8/Leads/1/Notes' });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Related Records 1 cr = 1/run`,
		);
	});

	test('a CRM path the catalog lacks costs 1 and is marked assumed', () => {
		const analysis = check(
			'typescript',
			`
  fetch('https://www.zohoapis.sa/crm/v8/settings/no_such_api');
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM API 1 cr = 1/run`,
		);
		assert.equal(analysis.estimate.calls[0].operation.operation, 'GET /crm/v8/settings/no_such_api');
		assert.equal(analysis.estimate.calls[0].assumed, true);
	});
});

void describe('TypeScript scanner: what the body shows', () => {
	test('records of a write from a literal data list; COQL LIMIT from a literal or template query', () => {
		// 1 record → 1; 12 records → ceil(12/10) = 2; LIMIT 500 → 2; no LIMIT → 200 rows → 1;
		// LIMIT 100, 2000 (offset, count) → 3; a LIMIT held in a substitution is not visible → 3 assumed.
		check(
			'typescript',
			`
  fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'POST', body: JSON.stringify({ data: [lead] }) });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  axios.post('https://www.zohoapis.com/crm/v8/Leads/upsert', { data: [a, b, c, d, e, f, g, h, i, j, k, l] });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 2 cr = 2/run
  axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: 'select Last_Name from Leads where Email is not null limit 500' });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 2 cr = 2/run
  axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: \`select id from Deals where Stage = '\${stage}'\` });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 1 cr = 1/run
  axios({ url: 'https://www.zohoapis.com/crm/v8/coql', method: 'POST', data: { select_query: 'select id from Leads limit 100, 2000' } });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3 cr = 3/run
  axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: \`select id from Leads limit \${n}\` });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3? cr = 3/run`,
		);
	});
});

void describe('TypeScript scanner: loops', () => {
	test('literal bounds and literal arrays are exact; other loops use the default', () => {
		// for i 0..<4 → 4; for-of over 3 literal items → 3; for-of over a parameter → 10 assumed;
		// while → 10 assumed; nested for 1..=2 inside for-of list → 2 × 10.
		check(
			'typescript',
			`
async function f(ids: string[]) {
  for (let i = 0; i < 4; i++) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×4 = 4/run
  }
  for (const m of ['Leads', 'Contacts', 'Deals']) {
    await axios.get('https://www.zohoapis.com/crm/v8/Accounts');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×3 = 3/run
  }
  for (const id of ids) {
    await axios.post('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert', {});
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr ×10? = 50/run
    for (let page = 1; page <= 2; page++) {
      await fetch('https://www.zohoapis.com/crm/v8/Deals');
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? ×2 = 20/run
    }
  }
  let more = true;
  while (more) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
    more = false;
  }
}`,
		);
	});

	test('an annotation above a loop sets its count', () => {
		check(
			'typescript',
			`
// zoho-credits: iterations=250
for (const lead of leads) {
  fetch('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert', { method: 'POST' });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr ×250 = 1250/run
}`,
		);
	});
});

void describe('TypeScript scanner: what is not a CRM call', () => {
	test('token requests, other hosts and products, non-literal URLs, comments, look-alike methods', () => {
		const analysis = analyze(
			'typescript',
			`
await fetch('https://accounts.zoho.com/oauth/v2/token', { method: 'POST' });
await fetch('https://www.zohoapis.com/books/v3/invoices');
await fetch('https://desk.zoho.com/api/v1/tickets');
await fetch('https://example.com/crm/v8/Leads');
await fetch('https://www.zohoapis.com.evil.io/crm/v8/Leads');
await fetch(url);
// await fetch('https://www.zohoapis.com/crm/v8/Leads');
const docs = 'https://www.zohoapis.com/crm/v8/Leads';
cache.get('https://www.zohoapis.com/crm/v8/Leads');
router.post('https://www.zohoapis.com/crm/v8/Leads', handler);
myFetch('https://www.zohoapis.com/crm/v8/Leads');`,
		);
		assert.deepEqual(analysis.estimate.calls, []);
	});

	test('half-typed code never throws and keeps what parses', () => {
		const source = `async function f() {
  for (const x of [1, 2]) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'GET' });
  }
}`;
		for (let i = 0; i <= source.length; i++) analyze('typescript', source.slice(0, i));
		const cut = source.slice(0, source.indexOf('});') + 3);
		assert.equal(analyze('typescript', cut).estimate.perRun, 2);
	});
});
