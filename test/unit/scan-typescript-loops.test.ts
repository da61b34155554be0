import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loopReasonText } from '../../server/src/core/explain';
import { analyze, check } from './check';

void describe('TypeScript loops: kinds and counts', () => {
	test('array callbacks over literal arrays, slices and Array.from; Promise.all over a map', () => {
		// forEach over 4 → 4; map over slice(0, 3) of an unknown list → 3; Array.from({ length: 6 }) → 6;
		// filter over an unknown list → 10 assumed; reduce over a 2-item constant → 2.
		check(
			'typescript',
			`
const STAGES = ['Won', 'Lost'];
export async function run(ids: string[]) {
  ['a', 'b', 'c', 'd'].forEach((m) => fetch('https://www.zohoapis.com/crm/v8/Leads'));
//                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×4 = 4/run
  await Promise.all(ids.slice(0, 3).map((id) => fetch('https://www.zohoapis.com/crm/v8/Leads')));
//                                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×3 = 3/run
  Array.from({ length: 6 }).forEach(() => fetch('https://www.zohoapis.com/crm/v8/Leads'));
//                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×6 = 6/run
  ids.filter(async (id) => (await fetch('https://www.zohoapis.com/crm/v8/Leads')).ok);
//                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
  await STAGES.reduce(async (p, s) => { await p; await fetch('https://www.zohoapis.com/crm/v8/Leads'); }, Promise.resolve());
//                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×2 = 2/run
}`,
		);
	});

	test('for await, for…in, do…while, chunked counters and constant bounds; nested loops multiply', () => {
		// chunks of 100 over 1,000 → 10; a constant PAGES = 4 → 4; for await and for…in → 10 assumed each;
		// nested: 4 × 10 = 40.
		check(
			'typescript',
			`
const PAGES = 4;
export async function run(stream: AsyncIterable<unknown>, map: object) {
  for (let i = 0; i < 1000; i += 100) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST', body: JSON.stringify({ data: [1] }) });
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1 cr ×10 = 10/run
  }
  for (let page = 1; page <= PAGES; page++) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×4 = 4/run
    for await (const chunk of stream) {
      await fetch('https://www.zohoapis.com/crm/v8/Leads');
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×4 ×10? = 40/run
    }
  }
  for (const key in map) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
  }
  let n = 0;
  do {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
  } while (++n < 3);
}`,
		);
	});

	test('a while loop counting up to a known limit runs that many times; one that may stop sooner does not say how often', () => {
		// page 1..MAX_PAGES (5) by 1 → 5; p 0..<3 by 1 → 3; a counter stepped inside an if → not counted (10 assumed);
		// a condition with more to it (more && q <= 50): a pagination loop, its default 10.
		check(
			'typescript',
			`
const MAX_PAGES = 5;
export async function all(flag: boolean) {
  let page = 1;
  while (page <= MAX_PAGES) {
    await fetch('https://www.zohoapis.com/crm/v2/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×5 = 5/run
    page++;
  }
  let p = 0;
  while (p < 3) {
    await fetch('https://www.zohoapis.com/crm/v2/Deals');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×3 = 3/run
    p = p + 1;
  }
  let s = 0;
  while (s < 3) {
    await fetch('https://www.zohoapis.com/crm/v2/Calls');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
    if (flag) s++;
  }
  let more = true;
  let q = 1;
  while (more && q <= 50) {
    await fetch(\`https://www.zohoapis.com/crm/v2/Contacts?page=\${q}\`);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
    q++;
  }
}`,
		);
	});

	test('annotations above a loop or on its header line win', () => {
		check(
			'typescript',
			`
export async function run(ids: string[]) {
  // zoho-credits: iterations=250
  for (const id of ids) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×250 = 250/run
  }
  while (ids.length) { // zoho-credits: iterations=7
    await fetch('https://www.zohoapis.com/crm/v8/Leads');
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×7 = 7/run
    ids.pop();
  }
  // zoho-credits: iterations=12
  await Promise.all(ids.map((id) => fetch('https://www.zohoapis.com/crm/v8/Leads')));
//                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×12 = 12/run
}`,
		);
	});
});

void describe('TypeScript loops: pagination', () => {
	const source = `import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';
export async function all() {
  let page = 1;
  let more = true;
  while (more) {
    const res = await fetch(\`https://www.zohoapis.com/crm/v8/Deals?page=\${page}&per_page=100\`);
    const body = await res.json();
    more = body.info.more_records;
    page++;
  }
  let token: string | undefined;
  do {
    const res = await new ZOHOCRMSDK.Record.RecordOperations('Leads').getRecords();
    token = next(res);
  } while (token);
}`;

	test('a page counter or a more_records flag makes a pagination loop over the module of its call', () => {
		const analysis = analyze('typescript', source);
		assert.deepEqual(
			analysis.facts.loops.map((l) => l.pagination),
			[{ module: 'Deals', perPage: 100 }, undefined],
		);
		// Unconfigured, the count is the default, and says which size to set.
		assert.equal(
			loopReasonText(analysis.estimate.calls[0].loops[0].reason),
			'default of 10 iterations: pages through Deals, whose size is not configured (moduleSizes); 1 to 100 (assumedIterations.high)',
		);
	});

	test('module sizes from the configuration give the page count', () => {
		// 25,050 Deals at 100 a page → 251 pages.
		const analysis = analyze('typescript', source, { moduleSizes: { Deals: 25050 } });
		const use = analysis.estimate.calls[0].loops[0];
		assert.deepEqual([use.iterations, use.source, loopReasonText(use.reason)], [251, 'module-size', 'pages through Deals: 25,050 records at 100 a page']);
		assert.equal(analysis.estimate.calls[0].perRun, 251);
	});

	test('a loop over the records of one page a list read returns: up to the page size the code asks for, else 200', () => {
		const pages = `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function touchLeads() {
  const resp = await zoho.get('/Leads', { params: { per_page: 50 } });
  for (const lead of resp.data.data) await zoho.post('/Leads/' + lead.id + '/actions/convert', {});
}
export async function touchContacts() {
  const { data } = await axios.get('https://www.zohoapis.com/crm/v8/Contacts/search?criteria=(Email:equals:x)');
  const rows = data.data;
  rows.forEach((row: { id: string }) => axios.get('https://www.zohoapis.com/crm/v8/Contacts/' + row.id));
}
export async function touchOther(list: { id: string }[]) {
  for (const item of list) await axios.get('https://www.zohoapis.com/crm/v8/Deals/' + item.id);
}`;
		const analysis = analyze('typescript', pages);
		// The Leads page: 50 a page as asked; the Contacts search: Zoho's 200; a parameter's list is no page.
		assert.deepEqual(
			analysis.facts.loops.map((l) => l.page),
			[{ module: 'Leads', perPage: 50 }, { module: 'Contacts', perPage: 200 }, undefined],
		);
		// Each loop counts the default 10 at the point, from 1; a page reaches its size, the plain loop assumedIterations.high.
		assert.deepEqual(
			analysis.estimate.calls.filter((c) => c.loops.length > 0).map((c) => [c.operation.api, c.perRun, c.low, c.high]),
			[
				['Convert Lead', 50, 5, 250],
				['Get Record', 10, 1, 200],
				['Get Record', 10, 1, 100],
			],
		);
	});
});
