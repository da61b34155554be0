import { describe, test } from 'node:test';
import { check } from './check';

// A write of N records: ceil(N/10) credits (add or remove tags: ceil(N/50)); records the code does not
// show: one record (1 credit, up to 10), assumed.

void describe('TypeScript and JavaScript arrays and objects built step by step', () => {
	test('ids pushed in loops of known count, a body assembled field by field, arrays mapped and spread', () => {
		check(
			'typescript',
			`
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function run(seed: string[]) {
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) ids.push(String(i));
  await zoho.post('/Contacts/actions/add_tags', { ids, tags: [{ name: 'vip' }] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Add Tags To Multiple Records 1 cr = 1/run
  const body: { data?: unknown[] } = {};
  body.data = [{ Last_Name: 'a' }, { Last_Name: 'b' }];
  await zoho.post('/Leads', body);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  const rows = { data: [] as object[] };
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) rows.data.push({ Last_Name: String(n) });
  await zoho.post('/Contacts', JSON.stringify(rows));
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 2 cr = 2/run
  const first = Array.from({ length: 15 }, (_, i) => ({ Deal_Name: String(i) }));
  const second = first.map((d) => ({ ...d, Stage: 'Won' }));
  await zoho.put('/Deals', { data: [...first, ...second] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 3 cr = 3/run
}`,
		);
	});

	test('a list filled in a loop of unknown count stays unknown; one made inside the loop holds what one iteration adds', () => {
		check(
			'javascript',
			`
const axios = require('axios');
async function sync(leads) {
  const all = [];
  for (const lead of leads) all.push(lead);
  await axios.post('https://www.zohoapis.com/crm/v8/Leads', { data: all });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1? cr = 1/run
  for (const lead of leads) {
    const one = [];
    one.push(lead);
    await axios.post('https://www.zohoapis.com/crm/v8/Contacts', { data: one });
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr ×10? = 10/run
  }
}
module.exports = { sync };`,
		);
	});

	test('rows a database read caps, a function called at once, spliced batches and lists longer than a call takes', () => {
		// findMany({ take: 50 }): up to 50 rows, one 1-record create each: 1 × 50. findAll({ limit: 120 }) mapped:
		// 120 records, more than the 100 one call takes: a full call, ceil(100/10) = 10. A chained .limit(30): 30
		// records → 3. The rows an async arrow returns from its try block (take: 25) → 3. queue.splice(0, 100): 100
		// records → 10. A cap the code computes (take: size) says nothing: the loop's default 10, assumed.
		check(
			'typescript',
			`
import axios from 'axios';
import { PrismaClient } from '@prisma/client';
import { Lead } from './models';
import db from './db';
const prisma = new PrismaClient();
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function syncPending(queue: object[], size: number) {
  const pending = await prisma.lead.findMany({ where: { synced: false }, take: 50 });
  for (const p of pending) {
    await zoho.post('/Leads', { data: [p] });
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr ×50 = 50/run
  }
  const rows = await Lead.findAll({ limit: 120 });
  await zoho.post('/Contacts', { data: rows.map((r: object) => r) });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 10 cr = 10/run
  const recent = await db('deals').select('*').limit(30);
  await zoho.put('/Deals', { data: recent });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 3 cr = 3/run
  const batch = await (async () => {
    try {
      return await prisma.deal.findMany({ take: 25 });
    } catch {
      return [];
    }
  })();
  await zoho.put('/Deals', { data: batch });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 3 cr = 3/run
  await zoho.put('/Deals', { data: queue.splice(0, 100) });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 10 cr = 10/run
  const some = await prisma.lead.findMany({ take: size });
  for (const s of some) await zoho.get('/Leads/' + s);
//                            ^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr ×10? = 10/run
}`,
		);
	});

	test('a COQL LIMIT read from the literal parts of a concatenated query, from a known constant, and from `limit offset, count`', () => {
		// COQL by LIMIT: 1–200 → 1 credit, 201–1,000 → 2, 1,001–2,000 → 3; a visible query without any LIMIT reads 200 rows → 1.
		check(
			'typescript',
			`
import axios from 'axios';
const PAGE = 500;
export async function find(email: string, stage: string) {
  await axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: "select id from Leads where Email = '" + email + "' limit 1" });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 1 cr = 1/run
  await axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: \`select id from Deals where Stage = '\${stage}' limit \${PAGE}\` });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 2 cr = 2/run
  const query = 'select id from Contacts where Stage = ' + stage + ' limit 0, 1500';
  await axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: query });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3 cr = 3/run
}`,
		);
	});
});
