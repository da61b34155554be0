import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { checkWorkspace } from './check';

// An axios instance made in one file (`axios.create({ baseURL })`) and called in others, as real apps
// keep their Zoho client in `config/` or `lib/`. Get Records, Search Records, Delete Record: 1 credit;
// a write of 1 record: 1; of 100 records: ceil(100/10) = 10; COQL with LIMIT 10: 1.

void describe('an HTTP client instance another file exports', () => {
	test('required whole, destructured, and as a member, from CommonJS modules', () => {
		checkWorkspace(`//- /app/config/zohoHttp.js
const axios = require('axios');
module.exports = axios.create({ baseURL: 'https://www.zohoapis.in/crm/v2' });
//- /app/config/clients.js
const axios = require('axios');
const zohoHttp = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v6' });
module.exports = { zohoHttp };
//- /app/jobs/sync.js
const http = require('../config/zohoHttp');
const { zohoHttp } = require('../config/clients');
const clients = require('../config/clients');
async function run(leads) {
  await http.get('/Leads/search', { params: { criteria: '(Email:equals:a@b.c)' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await zohoHttp.post('/Contacts', { data: leads.slice(0, 100) });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 10 cr = 10/run
  await clients.zohoHttp.delete('/Contacts/1');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
}
module.exports = { run };
`);
	});

	test('a named and a default export of ES modules, called in a loop; other services and objects of functions are no request', () => {
		checkWorkspace(`//- /app/lib/zoho.ts
import axios from 'axios';
export const crm = axios.create({ baseURL: 'https://www.zohoapis.eu/crm/v8' });
export default axios.create({ baseURL: 'https://www.zohoapis.com' });
//- /app/lib/books.ts
import axios from 'axios';
const books = axios.create({ baseURL: 'https://www.zohoapis.com/books/v3' });
export default books;
//- /app/lib/helpers.ts
export default {
  get(path: string) {
    return path.length;
  },
};
//- /app/routes/deals.ts
import zoho, { crm } from '../lib/zoho';
import books from '../lib/books';
import helpers from '../lib/helpers';
export async function sync(ids: string[]) {
  await crm.get('/Leads');
//      ^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  for (const id of ids) await crm.put(\`/Deals/\${id}\`, { data: [{ Stage: 'Won' }] });
//                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr ×10? = 10/run
  await zoho.post('/crm/v2/coql', { select_query: 'select id from Leads limit 10' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 1 cr = 1/run
  await books.get('/invoices');
  helpers.get('/crm/v2/Leads');
}
`);
	});

	test('a client named like one but made by the workspace itself stays a function of the workspace', () => {
		const [, caller] = analyzeWorkspace([
			{
				path: '/app/lib/zoho.js',
				language: 'javascript',
				text: `const axios = require('axios');
function get(path) { return axios.get('https://www.zohoapis.com/crm/v2' + path); }
module.exports = { get };`,
			},
			{
				path: '/app/jobs/a.js',
				language: 'javascript',
				text: `const zoho = require('../lib/zoho');\nasync function run() { await zoho.get('/Leads'); }\nmodule.exports = { run };`,
			},
		]);
		// One call of the wrapper (its request priced through it), no direct request on the caller's line.
		assert.deepEqual(
			caller.estimate.calls.map((c) => [c.call.via, c.wrapper?.target.name]),
			[['wrapper', 'get']],
		);
	});
});
