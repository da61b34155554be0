import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RECOGNIZERS } from '../../server/src/core/scan/typescript/recognizers';
import { analyze, check, checkWorkspace } from './check';

// Prices from the catalog's rules: reads, searches and metadata 1 credit; Convert Lead 5; a write of
// up to 10 records 1; COQL by LIMIT (≤ 200: 1, ≤ 1,000: 2, ≤ 2,000: 3); unknown operations the default 1.

void describe('the recognizer registry', () => {
	test('each family is one recognizer, tried in a fixed order', () => {
		assert.deepEqual(
			RECOGNIZERS.map((r) => r.family),
			['fetch', 'axios', 'got', 'request', 'superagent', 'node-https', 'zoho-sdk', 'zcrmsdk', 'widget-sdk', 'zdk-client-script', 'zoho-mcp'],
		);
	});
});

void describe('widget JS SDK (the ZOHO global)', () => {
	test('record, metadata and configuration wrappers, coql by its LIMIT, and requests through a connection', () => {
		check(
			'javascript',
			`
async function load(id) {
  const lead = await ZOHO.CRM.API.getRecord({ Entity: 'Leads', RecordID: id });
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  const calls = await ZOHO.CRM.API.getAllRecords({ Entity: 'Calls', sort_order: 'asc', per_page: 200, page: 1 });
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  const me = await ZOHO.CRM.CONFIG.getCurrentUser();
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Users 1 cr = 1/run
  const fields = await ZOHO.CRM.META.getFields({ Entity: 'Leads' });
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Fields 1 cr = 1/run
  const rows = await ZOHO.CRM.API.coql({ select_query: 'select id from Deals where Stage = "Won" limit 2000' });
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3 cr = 3/run
  await window.ZOHO.CRM.API.deleteRecord({ Entity: 'Tasks', RecordID: id });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
  await ZOHO.CRM.CONNECTION.invoke('crmoauth', { method: 'GET', url: 'https://www.zohoapis.com/crm/v2.1/Deals/' + id });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  return [lead, calls, me, fields, rows];
}`,
		);
	});

	test('other ZOHO namespaces, functions, outside requests and a local ZOHO are no CRM API calls', () => {
		const analysis = analyze(
			'javascript',
			`
ZOHO.embeddedApp.init();
ZOHO.CRM.UI.Record.open({ Entity: 'Leads', RecordID: '1' });
ZOHO.CRM.HTTP.get({ url: 'https://api.example.com/rates' });
ZOHO.CRM.FUNCTIONS.execute('score_lead', { arguments: '{}' });
function local(ZOHO) { return ZOHO.CRM.API.getRecord({ Entity: 'Leads', RecordID: '1' }); }
`,
		);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => c.call.callee),
			[],
		);
	});

	test('the global under its own name (`const ZOHO = window.ZOHO`) is the widget SDK still', () => {
		// Get Records: 1 credit, five pages (a visible bound of 5); a COQL query with LIMIT 500 through a connection: 2.
		check(
			'javascript',
			`
const ZOHO = window.ZOHO;
export async function loadAll() {
  for (let page = 1; page <= 5; page++) {
    await ZOHO.CRM.API.getAllRecords({ Entity: 'Leads', page, per_page: 200 });
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×5 = 5/run
  }
  await ZOHO.CRM.CONNECTION.invoke('crm', { url: 'https://www.zohoapis.com.au/crm/v8/coql', method: 'POST', parameters: { select_query: 'select id from Deals limit 500' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 2 cr = 2/run
}
`,
		);
	});
});

void describe("NestJS's HttpService", () => {
	test('injected into a service: its verbs, and its axios instance called or used by verb', () => {
		// Insert of one record: 1 credit (the module a parameter, so other operations on that path are possible: `?`); Get Record: 1; Search Records: 1.
		check(
			'typescript',
			`import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
@Injectable()
export class ZohoService {
  private readonly apiUrl = 'https://www.zohoapis.com';
  constructor(private readonly httpService: HttpService) {}
  async create(recordType: string, record: object) {
    return this.httpService.axiosRef({ method: 'POST', url: \`\${this.apiUrl}/crm/v6/\${recordType}\`, data: { data: [record] } });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1? cr = 1/run
  }
  async lead(id: string) {
    return firstValueFrom(this.httpService.get(\`https://www.zohoapis.com/crm/v2/Leads/\${id}\`));
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  }
  async search(email: string) {
    return this.httpService.axiosRef.get(\`\${this.apiUrl}/crm/v6/Contacts/search\`, { params: { email } });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  }
}
`,
		);
	});
});

void describe('client scripts, MCP tools and the legacy SDK held anywhere', () => {
	test('ZDK.HTTP.request in a client script', () => {
		check(
			'javascript',
			`
const contact = ZDK.HTTP.request({ url: 'https://www.zohoapis.com/crm/v6/Contacts/' + contactId, method: 'GET', headers: { Authorization: auth } });
//              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
const rates = ZDK.HTTP.request({ url: 'https://api.example.com/rates', method: 'GET' });
`,
		);
	});

	test('tools of the Zoho MCP server called by name, by any client', () => {
		// A one-record create in the tool's body: 1; tags added to the one id listed: 1.
		check(
			'typescript',
			`
import axios from 'axios';
export async function sync(client: McpClient, id: string) {
  await callMcpTool('ZohoCRM_getRecords', { module: 'Deals', page: 1 });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await client.callTool({ name: 'ZohoCRM_searchRecords', arguments: { module: 'Leads', criteria: '(Email:equals:a@b.c)' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await callMcpTool('ZohoCRM_convertLead', { path_variables: { id } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await callMcpTool('ZohoCRM_createRecords', { path_variables: { module: 'Leads' }, body: { data: [{ Last_Name: 'x' }] } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  await axios.post('https://www.zohoapis.com/crm/v7/Contacts/actions/add_tags', { ids: [id], tags: [{ name: 'vip' }] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Add Tags To Multiple Records 1 cr = 1/run
  await callMcpTool('ZohoBooks_getInvoices', {});
  await callMcpTool('tools/list', {});
}`,
		);
	});

	test('the legacy SDK reached through a client passed around, in a file that requires zcrmsdk', () => {
		check(
			'javascript',
			`
const zcrmsdk = require('zcrmsdk');
class Zoho {
  async client() { await zcrmsdk.initialize(); this.client = zcrmsdk; return this.client; }
  async records(client, input) {
    return client.API.MODULES.get(input);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  }
  async search(client, word) {
    return client.API.MODULES.search({ module: 'Accounts', params: { word } });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  }
}
module.exports = Zoho;`,
		);
	});

	test('the legacy SDK under its own name, from a helper or a fork of the package; other clients of that shape are not it', () => {
		// Create Records of one record (an input whose body holds one): 1 credit; Get Records: 1.
		check(
			'javascript',
			`
const sdk = require('zoho-crm-nodejs-sdk');
async function insert(input) {
  const ZCRMRestClient = await sails.helpers.zoho.client.get();
  return ZCRMRestClient.API.MODULES.post({ module: 'Leads', body: { data: [input] } });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
}
async function list(app) {
  await app.ZCRMRestClient.API.MODULES.get({ module: 'Deals' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  return app.client.API.MODULES.get({ module: 'Deals' });
}
module.exports = { insert, list };`,
		);
	});
});

void describe('options objects passed to wrappers', () => {
	test('the URL, method and body of options a wrapper hands to request, axios or fetch', () => {
		// requestPromise(options): COQL with LIMIT 500 = 2; zohoRequest with a one-record body: Create Records 1;
		// fetchWithTimeout with a one-record upsert: 1. Each request line inside is shown as its first caller makes it.
		checkWorkspace(`//- /w/lib/http.ts
export async function fetchWithTimeout(input: string, init: RequestInit = {}, timeoutMs = 10000) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), timeoutMs);
  return fetch(input, { ...init, signal: controller.signal });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1 cr = 1/run
}
//- /w/lib/zoho.js
const request = require('request');
function requestPromise(options) {
  return new Promise((resolve, reject) => {
    request(options, (error, response, body) => (error ? reject(error) : resolve(body)));
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 2 cr = 2/run
  });
}
async function zohoRequest(method, path, { params, data } = {}) {
  const axios = require('axios');
  return axios({ method, url: 'https://www.zohoapis.com' + path, params, data });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
}
async function coql(token) {
  const options = { method: 'POST', url: 'https://www.zohoapis.com/crm/v2/coql', headers: { Authorization: 'Zoho-oauthtoken ' + token }, body: { select_query: 'select id from Leads limit 500' }, json: true };
  return requestPromise(options);
//       ^^^^^^^^^^^^^^^^^^^^^^^ requestPromise() 2 cr = 2/run
}
async function insertOne(record) {
  return zohoRequest('post', '/crm/v8/Contacts', { data: { data: [record] } });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
}
module.exports = { coql, insertOne };
//- /w/lib/leads.ts
import { fetchWithTimeout } from '@/lib/http';
export async function upsertLead(lead: object) {
  return fetchWithTimeout('https://www.zohoapis.com/crm/v8/Leads/upsert', { method: 'POST', body: JSON.stringify({ data: [lead] }) }, 15000);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fetchWithTimeout() 1 cr = 1/run
}
`);
	});

	test("a client whose base is Zoho CRM: the request line with the caller's path is a call of its own", () => {
		checkWorkspace(`//- /m/client.ts
import axios, { AxiosInstance } from 'axios';
export class ZohoClient {
  private http: AxiosInstance;
  constructor() {
    this.http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
  }
  async get(path: string) {
    return (await this.http.get(path)).data;
//                ^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  }
}
//- /m/tools.ts
import { ZohoClient } from './client';
const client = new ZohoClient();
export async function lead(id: string) {
  return client.get(\`/Leads/\${id}\`);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^ ZohoClient.get() 1 cr = 1/run
}
`);
	});
});

void describe('retries and early returns are alternatives, not extra calls', () => {
	test('a retry through a helper handed the function to call again is an alternative, not a second request', () => {
		// search: 1 Search Records. getContact runs search, and on a failed response hands search to a helper
		// that refreshes the token and calls it again: one of the two, 1 credit. lookup: two modules × 1 = 2.
		checkWorkspace(`//- /app/zoho/contact.js
import refreshAndRetry from './refreshAndRetry';
const search = async ({ module, mobile }) => fetch(\`https://www.zohoapis.com/crm/v5/\${module}/search?criteria=(Mobile:equals:\${mobile})\`);
//                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
const getContact = async (props) => {
  let response = await search(props);
//                     ^^^^^^^^^^^^^ search() 1 cr = 1/run
  if (!response.ok) {
    response = await refreshAndRetry(search, props);
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ search() 1 cr = 1/run
  }
  return response.json();
};
export const lookup = async (mobile) => {
  for (const module of ['Leads', 'Contacts']) await getContact({ module, mobile });
//                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ getContact() 1 cr ×2 = 2/run
};
//- /app/zoho/refreshAndRetry.js
export default async function refreshAndRetry(send, props) {
  await fetch('https://accounts.zoho.com/oauth/v2/token?grant_type=refresh_token', { method: 'POST' });
  return send(props);
}
`);
	});

	test('a catch that retries, an if that resends on 401, an early return', () => {
		// Each function makes one request per run: the dearer of its alternatives.
		check(
			'typescript',
			`
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function withCatch(refresh: () => Promise<void>) {
  try {
    return await zoho.get('/Leads');
//               ^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  } catch (error) {
    await refresh();
    return await zoho.get('/Leads');
//               ^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  }
}
export async function withStatus(send: (t: string) => Promise<Response>, token: string) {
  let result = await send(token);
  if (result.status === 401) {
    token = await refreshToken();
    result = await send(token);
  }
  const rows = await zoho.get('/Deals');
//                   ^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  if (!rows.data) {
    return await zoho.post('/Deals', { data: [{ Deal_Name: 'x' }] });
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  }
  return await zoho.put('/Deals', { data: [{ id: '1', Stage: 'Won' }] });
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1 cr = 1/run
}`,
		);
		const analysis = analyze(
			'typescript',
			`
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
async function send(token: string) {
  return zoho.post('/Leads', { data: [{ Last_Name: 'x' }] }, { headers: { Authorization: 'Zoho-oauthtoken ' + token } });
}
export async function upsert(token: string) {
  let result = await send(token);
  if (result.status === 401) {
    token = await refreshToken();
    result = await send(token);
  }
  try {
    await zoho.get('/Leads');
  } catch {
    await zoho.get('/Leads');
  }
  if (cached) return cached;
  await zoho.get('/Deals');
  await zoho.get('/Tasks');
}`,
		);
		// upsert, the one function nothing calls: send once (1, the retry is its alternative) + one of the
		// try/catch reads (1) + the rest after the early return (2) = 4.
		assert.equal(analysis.estimate.perRun, 4);
	});
});

void describe('browser scripts share their top-level functions', () => {
	test('a function one script declares, called from another script by name', () => {
		checkWorkspace(`//- /site/static/zoho.js
async function fetchRecord(module) {
  const resp = await ZOHO.CRM.API.getAllRecords({ Entity: module, per_page: 200 });
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  return resp.data;
}
//- /site/static/calls.js
async function renderCalls(name) {
  const data = await fetchRecord(name);
//                   ^^^^^^^^^^^^^^^^^ fetchRecord() 1 cr = 1/run
  return data.length;
}
//- /site/static/app.js
import { fetchRecord } from './elsewhere.js';
export async function run() {
  return fetchRecord('Calls');
}
`);
	});
});

void describe('Deluge: the retired URL tasks and the CRM hosts', () => {
	test('getUrl and postUrl to API 1.0, invokeurl to a crmplus host', () => {
		check(
			'deluge',
			`
resp = getUrl("https://crm.zoho.com/crm/private/xml/Users/getUsers?authtoken=x&scope=crmapi&type=ActiveUsers");
//     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM API 1.0 (retired since 2018) 1 cr = 1/run
updated = postUrl("https://crm.zoho.eu/crm/private/xml/Potentials/updateRecords", params);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM API 1.0 (retired since 2018) 1 cr = 1/run
page = getUrl("https://www.example.com/crm/private/xml/Leads");
queryMap = Map();
queryMap.put("select_query", "select Name from Course_Instance limit 2000");
response = invokeurl
//         ^^^^^^^^^ COQL Query 3 cr = 3/run
[
  url: "https://crmplus.zoho.sa/crm/v6/coql"
  type: POST
  parameters: queryMap.toString()
  connection: "zcrm_coql"
];
`,
		);
	});
});

void describe('a switch on a parameter', () => {
	test('a call with a literal runs its case (through fall-throughs), else the default; an unknown value the dearest case', () => {
		// get_record and find: Get Record 1 (find falls through into get_record); convert: Convert Lead 5;
		// an unknown tool: the dearest case, 5; a name no case lists: the default's search, 1.
		checkWorkspace(`//- /t/tools.ts
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function executeTool(name: string, id: string) {
  switch (name) {
    case 'find':
    case 'get_record':
      return zoho.get('/Leads/' + id);
//           ^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
    case 'convert': {
      return zoho.post('/Leads/' + id + '/actions/convert');
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
    }
    default:
      return zoho.get('/Leads/search', { params: { word: id } });
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  }
}
//- /t/use.ts
import { executeTool } from './tools';
export async function run(tool: string) {
  await executeTool('get_record', '1');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ executeTool() 1 cr = 1/run
  await executeTool('find', '1');
//      ^^^^^^^^^^^^^^^^^^^^^^^^ executeTool() 1 cr = 1/run
  await executeTool('convert', '1');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^ executeTool() 5 cr = 5/run
  await executeTool(tool, '1');
//      ^^^^^^^^^^^^^^^^^^^^^^ executeTool() 5 cr = 5/run
  await executeTool('list_everything', '1');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ executeTool() 1 cr = 1/run
}
`);
	});
});

void describe('clients in every kind of class field, and functions handed to helpers', () => {
	test('#private, static and getter-held clients', () => {
		check(
			'typescript',
			`
import axios from 'axios';
export class Zoho {
  #http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
  static shared = axios.create({ baseURL: 'https://www.zohoapis.eu/crm/v8' });
  async lead(id: string) {
    return this.#http.get(\`/Leads/\${id}\`);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  }
  static async deals() {
    return Zoho.shared.get('/Deals');
//         ^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  }
  async contacts() {
    return Zoho.shared.get('/Contacts/search', { params: { email: 'a@b.c' } });
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  }
}`,
		);
	});

	test('a function passed to a helper runs where the helper is called: retry, a cache, a token wrapper', () => {
		// getLead: Get Record 1. Each helper call runs the function it is given once: 1 each.
		checkWorkspace(`//- /h/zoho.ts
export async function getLead(id = '1') {
  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
}
export async function listLeads() {
  return fetch('https://www.zohoapis.com/crm/v8/Leads');
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
//- /h/use.ts
import { getLead, listLeads } from './zoho';
import { unstable_cache } from 'next/cache';
import { retry, withToken } from './helpers';
export const cachedLeads = unstable_cache(listLeads, ['leads']);
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ listLeads() 1 cr = 1/run
export async function run(id: string) {
  await retry(() => getLead(id), 3);
//                  ^^^^^^^^^^^ getLead() 1 cr = 1/run
  await withToken(getLead);
//      ^^^^^^^^^^^^^^^^^^ getLead() 1 cr = 1/run
  await refreshAndRetry(listLeads, { attempts: 2 });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ listLeads() 1 cr = 1/run
  [1, 2].forEach(console.log);
}
`);
	});

	test('a route, an event, a timer or a job registers a function: it stays an entry point of its own', () => {
		const [, use] = checkWorkspace(`//- /r/zoho.ts
export async function listLeads() {
  return fetch('https://www.zohoapis.com/crm/v8/Leads');
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
//- /r/app.ts
import express from 'express';
import { listLeads } from './zoho';
const router = express.Router();
router.get('/leads', listLeads);
process.on('SIGHUP', listLeads);
setInterval(listLeads, 60_000);
queue.process(listLeads);
`);
		assert.equal(use.estimate.calls.length, 0);
	});
});

void describe('hosts and SDKs as real integrations reach them', () => {
	test('the SDK by dynamic import, host and path given apart to a helper, the api_domain of a token, a data-centre switch, a per-user domain', () => {
		// Each is one request of 1 credit: Get Record (by id), Get Records (a module's list), Search Records.
		// The token request itself, another service's host and a helper given a non-Zoho host are no calls;
		// the helper's own request is shown as its first caller makes it.
		checkWorkspace(`//- /src/run.ts
import axios from 'axios';
import https from 'https';
function httpsGet(host: string, path: string, token: string) {
  return new Promise((resolve) => https.get({ hostname: host, path, headers: { Authorization: 'Zoho-oauthtoken ' + token } }, resolve));
//                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
function zohoDomain(dc: string) {
  switch (dc) {
    case 'eu':
      return 'https://www.zohoapis.eu';
    case 'in':
      return 'https://www.zohoapis.in';
    default:
      return 'https://www.zohoapis.com';
  }
}
export async function run(id: string, user: { dc: string; apiDomain: string; token: string }) {
  const { RecordOperations } = await import('@zohocrm/typescript-sdk-2.0/core/com/zoho/crm/api/record/record_operations');
  await new RecordOperations().getRecord(BigInt(id), 'Leads');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  await httpsGet('www.zohoapis.com', '/crm/v2/Leads', user.token);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ httpsGet() 1 cr = 1/run
  await httpsGet('api.example.com', '/v1/items', user.token);
  const tokenResponse = await axios.post('https://accounts.zoho.com/oauth/v2/token', null, { params: { grant_type: 'refresh_token' } });
  const { access_token, api_domain } = tokenResponse.data;
  await axios.get(\`\${api_domain}/crm/v8/Deals\`, { headers: { Authorization: \`Zoho-oauthtoken \${access_token}\` } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await fetch(\`\${zohoDomain(user.dc)}/crm/v8/Contacts/search?email=a@b.c\`);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await fetch(\`\${user.apiDomain}/crm/v2/Leads/\${id}\`, { headers: { Authorization: \`Zoho-oauthtoken \${user.token}\` } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  await fetch(\`\${user.apiDomain}/v1/items\`);
}
`);
	});
});
