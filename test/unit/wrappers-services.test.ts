import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAliasSpecifier } from '../../server/src/core/scan/typescript/values';
import { checkWorkspace } from './check';

// Services reached the way real apps reach them: injected by a DI container, exported as singletons,
// gathered into objects of functions, imported through path aliases. A wrapper call costs one run of
// the function it calls. Insert Records of one record: 1; Update Records of one record: 1; Get Records: 1;
// Search Records: 1; COQL: 1.

void describe('services reached through DI, singletons, objects of functions and path aliases', () => {
	test('a NestJS service injected through a constructor parameter, imported through baseUrl and @/ aliases', () => {
		checkWorkspace(`//- /app/src/zoho-crm/zoho-crm.service.ts
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios from 'axios';
@Injectable()
export class ZohoCrmService {
  private readonly base: string;
  constructor(private readonly configService: ConfigService) {
    this.base = this.configService.get('URL_ZOHO_API_V6');
  }
  async putData(module: string, data: object) {
    return axios.put(\`\${this.base}/\${module}\`, { data: [data] });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1? cr = 1/run
  }
}
//- /app/src/customer/customer.service.ts
import { Injectable } from '@nestjs/common';
import { ZohoCrmService } from 'src/zoho-crm/zoho-crm.service';
@Injectable()
export class CustomerService {
  constructor(private readonly zohoService: ZohoCrmService) {}
  async create(deal: object) {
    return this.zohoService.putData('Deals', deal);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ZohoCrmService.putData() 1 cr = 1/run
  }
}
//- /app/src/customer/customer.controller.ts
import { Controller, Post, Body } from '@nestjs/common';
import { CustomerService } from '@/customer/customer.service';
@Controller('customer')
export class CustomerController {
  constructor(private customers: CustomerService) {}
  @Post()
  async create(@Body() body: object) {
    return this.customers.create(body);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^ CustomerService.create() 1 cr = 1/run
  }
}
`);
	});

	test('singletons exported as default, through module.exports, and under a variable name', () => {
		checkWorkspace(`//- /s/services/zohoService.js
import axios from 'axios';
class ZohoService {
  async findLead(phone) {
    return axios.get('https://www.zohoapis.com/crm/v2/Leads/search', { params: { phone } });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  }
  async createOrUpdateLead(lead) {
    const found = await this.findLead(lead.phone);
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^ ZohoService.findLead() 1 cr = 1/run
    return axios.post('https://www.zohoapis.com/crm/v2/Leads', { data: [lead] });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  }
}
export default new ZohoService();
//- /s/utils/zohoAuth.js
const axios = require('axios');
class ZohoAuth {
  async updateDeal(id, data) {
    return axios.put(\`https://www.zohoapis.com/crm/v2/Deals/\${id}\`, { data: [data] });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr = 1/run
  }
}
module.exports = new ZohoAuth();
//- /s/utils/zohoNotes.js
const axios = require('axios');
class Notes {
  add(body) {
    return axios.post('https://www.zohoapis.com/crm/v2/Notes', { data: [body] });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Notes 1 cr = 1/run
  }
}
const notes = new Notes();
module.exports = notes;
//- /s/routes/auth.js
import zohoService from '../services/zohoService.js';
const zohoAuth = require('../utils/zohoAuth');
const notes = require('../utils/zohoNotes');
export async function signup(req) {
  await zohoService.createOrUpdateLead(req.body);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ZohoService.createOrUpdateLead() 2 cr = 2/run
  await zohoAuth.updateDeal(req.params.id, req.body);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ZohoAuth.updateDeal() 1 cr = 1/run
  await notes.add(req.body);
//      ^^^^^^^^^^^^^^^^^^^ Notes.add() 1 cr = 1/run
}
`);
	});

	test('objects of functions: members imported from other files, written inline, exported as default', () => {
		checkWorkspace(`//- /p/repo/zoho/getRecord.ts
export async function getRecord(module: string, id: string) {
  return fetch(\`https://www.zohoapis.com/crm/v2.1/\${module}/\${id}\`);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
}
//- /p/repo/zoho/index.ts
import { getRecord } from './getRecord';
export const zohoRepo = {
  getRecord,
  // The helper alone cannot see its query (the top tier, assumed); each call fills in its own text.
  async coql(query: string) {
    return fetch('https://www.zohoapis.com/crm/v2.1/coql', { method: 'POST', body: JSON.stringify({ select_query: query }) });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3? cr = 3/run
  },
  update: async (id: string, data: object) => fetch(\`https://www.zohoapis.com/crm/v2.1/Deals/\${id}\`, { method: 'PUT', body: JSON.stringify({ data: [data] }) }),
//                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr = 1/run
};
//- /p/repo/crm.ts
export default {
  async users() {
    return fetch('https://www.zohoapis.com/crm/v2.1/users');
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Users 1 cr = 1/run
  },
};
//- /p/pages/deal.ts
import { zohoRepo } from '../repo/zoho';
import crm from '../repo/crm';
export async function load(ids: string[]) {
  await crm.users();
//      ^^^^^^^^^^^ default.users() 1 cr = 1/run
  await zohoRepo.coql('select id from Deals');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRepo.coql() 1 cr = 1/run
  await zohoRepo.coql('select id from Deals limit 1500');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRepo.coql() 3 cr = 3/run
  for (const id of ids) {
    await zohoRepo.getRecord('Deals', id);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ getRecord() 1 cr ×10? = 10/run
    await zohoRepo.update(id, {});
//        ^^^^^^^^^^^^^^^^^^^^^^^ zohoRepo.update() 1 cr ×10? = 10/run
  }
}
`);
	});

	test('path aliases name workspace files; package names do not', () => {
		assert.equal(isAliasSpecifier('@/lib/zoho'), true);
		assert.equal(isAliasSpecifier('~/services/crm'), true);
		assert.equal(isAliasSpecifier('#lib/zoho'), true);
		assert.equal(isAliasSpecifier('src/zoho-crm/zoho-crm.service'), true);
		assert.equal(isAliasSpecifier('@nestjs/common'), false);
		assert.equal(isAliasSpecifier('react'), false);
		assert.equal(isAliasSpecifier('./zoho'), false);
		assert.equal(isAliasSpecifier('node:fs/promises'), false);
	});
});

void describe('modules passed around as values', () => {
	test('a CommonJS module of functions called or handed over as a whole is no function, and does not loop', () => {
		// Before, linking `zoho()` looked for the module's default in the module itself, again and again.
		checkWorkspace(`//- /c/zoho.js
const axios = require('axios');
async function lead(id) {
  return axios.get('https://www.zohoapis.com/crm/v2/Leads/' + id);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
}
module.exports = { lead };
//- /c/use.js
const zoho = require('./zoho');
async function run() {
  zoho();
  register(zoho);
  await zoho.lead('1');
//      ^^^^^^^^^^^^^^ lead() 1 cr = 1/run
}
module.exports = run;
`);
	});

	test('a wrapper that puts its base before the path unless the path is a whole URL', () => {
		// The host comes with the token (a computed base, a Zoho OAuth token): each caller's path decides the
		// request. One deal written: Create Records, 1 credit; one product read: Get Record, 1.
		checkWorkspace(`//- /app/src/zoho/zohoClient.js
const axios = require('axios');
async function zohoRequest(tenantId, { method = 'GET', url, data } = {}) {
  const base = process.env.ZOHO_API_DOMAIN || 'https://www.zohoapis.com';
  const cleanBase = base.replace(/\\/$/, '');
  const cleanPath = url.startsWith('/') ? url : \`/\${url}\`;
  const fullUrl = cleanPath.startsWith('http') ? cleanPath : \`\${cleanBase}\${cleanPath}\`;
  const res = await axios({ method, url: fullUrl, data, headers: { Authorization: 'Zoho-oauthtoken x' } });
//                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  return res.data;
}
module.exports = { zohoRequest };
//- /app/src/services/deals.js
const { zohoRequest } = require('../zoho/zohoClient');
async function createDeal(tenantId, deal) {
  return zohoRequest(tenantId, { method: 'POST', url: '/crm/v7/Deals', data: { data: [deal] } });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
}
async function getProduct(tenantId, id) {
  return zohoRequest(tenantId, { url: \`/crm/v7/Products/\${id}\` });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
}
module.exports = { createDeal, getProduct };
`);
	});

	test('a COQL query handed through two wrappers is priced by the LIMIT the first caller writes', () => {
		// COQL: no LIMIT (Zoho reads 200 rows) → 1 credit, the computed part standing where a value goes;
		// LIMIT 500 → 2. In its own view searchRecords knows no query: the top tier, 3 (1 to 3).
		checkWorkspace(`//- /app/lib/zoho.ts
import axios from 'axios';
class Client {
  private async request(method: string, path: string, data?: object) {
    return axios({ method, url: \`https://www.zohoapis.com/crm/v2\${path}\`, data });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM call (operation unknown) 1 cr = 1/run
  }
  async searchRecords(query: string) {
    return this.request('POST', '/coql', { select_query: query });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.request() 3 cr = 3/run
  }
}
export default new Client();
//- /app/routes/health.ts
import zohoClient from '../lib/zoho';
export async function health(today: Date) {
  await zohoClient.searchRecords(\`select id from Bookings where Check_Out >= '\${today.toISOString()}'\`);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.searchRecords() 1 cr = 1/run
  await zohoClient.searchRecords('select id from Bookings limit 500');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.searchRecords() 2 cr = 2/run
}
`);
	});

	test("a body set on the options after they were made, from the wrapper's parameter, is read from each caller", () => {
		// COQL with LIMIT 500 → 2 credits; no LIMIT → 1. In its own view `query` knows no LIMIT: the top tier, 3.
		checkWorkspace(`//- /app/lib/zoho.ts
class Client {
  private async request(method: string, endpoint: string, body?: unknown) {
    const options: RequestInit = { method, headers: { Authorization: 'Zoho-oauthtoken x' } };
    if (body) {
      options.body = JSON.stringify(body);
    }
    return fetch(\`https://www.zohoapis.com/crm/v6\${endpoint}\`, options);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM call (operation unknown) 1 cr = 1/run
  }
  async query(q: string) {
    return this.request('POST', '/coql', { select_query: q });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.request() 3 cr = 3/run
  }
}
export default new Client();
//- /app/jobs/report.ts
import zoho from '../lib/zoho';
export async function report() {
  await zoho.query('select id from Deals limit 500');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.query() 2 cr = 2/run
  await zoho.query('select id from Deals');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.query() 1 cr = 1/run
}
`);
	});
});
