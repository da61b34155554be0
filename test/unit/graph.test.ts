import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Graph } from '../../server/src/core/graph';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { argumentMember, HOLE, listMarker, optionsArgument } from '../../server/src/core/scan/zoho-url';
import { checkWorkspace } from './check';

// A wrapper call costs one run of the function it calls: that function's requests times the loops inside it.
// zohoGet: 1 (Get Records); convert: 5 (Convert Lead); ZohoClient.upsert: 1 record × 10 rows (assumed) = 10;
// syncAll: (1 + 5) × 10 ids (assumed) + 10 = 70.
const WORKSPACE = `//- /src/zoho.ts
import axios from 'axios';
const http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v2' });
export async function zohoGet(module: string) {
  return http.get(\`/\${module}\`);
//       ^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
export async function convert(id: string) {
  return http.post(\`/Leads/\${id}/actions/convert\`);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
}
export default class ZohoClient {
  async upsert(rows: unknown[]) {
    for (const row of rows) {
      await http.post('/Contacts/upsert', { data: [row] });
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1 cr ×10? = 10/run
    }
  }
}
//- /src/index.ts
export { zohoGet } from './zoho';
export * from './zoho';
//- /src/jobs/sync.ts
import { zohoGet, convert } from '..';
import ZohoClient from '../zoho.js';
export async function syncAll(ids: string[]) {
  for (const id of ids) {
    await zohoGet('Leads');
//        ^^^^^^^^^^^^^^^^ zohoGet() 1 cr ×10? = 10/run
    await convert(id);
//        ^^^^^^^^^^^ convert() 5 cr ×10? = 50/run
  }
  const client = new ZohoClient();
  await client.upsert(ids);
//      ^^^^^^^^^^^^^^^^^^ ZohoClient.upsert() 10 cr = 10/run
}
//- /src/legacy.js
const { zohoGet } = require('./zoho');
const zoho = require('./zoho');
module.exports = { readTwice };
async function readTwice() {
  await zohoGet('Deals');
//      ^^^^^^^^^^^^^^^^ zohoGet() 1 cr = 1/run
  await zoho.convert('1');
//      ^^^^^^^^^^^^^^^^^ convert() 5 cr = 5/run
}
//- /src/service.ts
import { syncAll } from './jobs/sync';
import * as legacy from './legacy.js';
class Service {
  async run() {
    await this.nightly();
//        ^^^^^^^^^^^^^^ Service.nightly() 76 cr = 76/run
  }
  async nightly() {
    await syncAll(this.pending);
//        ^^^^^^^^^^^^^^^^^^^^^ syncAll() 70 cr = 70/run
    await legacy.readTwice();
//        ^^^^^^^^^^^^^^^^^^ readTwice() 6 cr = 6/run
  }
}
`;

void describe('wrappers across files', () => {
	test('named, default, re-exported, index, CommonJS and class-method wrappers, chained', () => {
		checkWorkspace(WORKSPACE);
	});

	test('a wrapper call carries the chain from the function down to the real request', () => {
		const analyses = checkWorkspace(WORKSPACE);
		const service = analyses.find((a) => a.path === '/src/service.ts')!;
		const nightly = service.estimate.calls.find((c) => c.operation.api === 'Service.nightly()')!;
		assert.deepEqual(
			nightly.wrapper?.chain.map((s) => `${s.path}: ${s.what}`),
			['/src/service.ts: Service.nightly()', '/src/service.ts: syncAll()', '/src/jobs/sync.ts: zohoGet()', '/src/zoho.ts: GET /crm/v2/{module_api_name}'],
		);
		assert.equal(nightly.call.via, 'wrapper');
	});

	test('functions that make no CRM request are not wrappers; recursion does not loop forever', () => {
		const analyses = checkWorkspace(`//- /a.ts
export function helper() { return 1; }
export async function poll(n: number): Promise<void> {
  await fetch('https://www.zohoapis.com/crm/v8/Leads');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  if (n > 0) await poll(n - 1);
//                 ^^^^^^^^^^^ poll() 1 cr = 1/run
  helper();
}
`);
		assert.equal(analyses[0].estimate.calls.length, 2);
		// The recursive call is counted once and said to be an assumption.
		const recursion = analyses[0].estimate.calls.find((c) => c.call.via === 'wrapper');
		assert.deepEqual([recursion?.wrapper?.recursive, recursion?.assumed], [true, true]);
	});
});

void describe('what a file costs on its own in a workspace', () => {
	test('only code nothing else calls counts: each request once, where it runs from', () => {
		const analyses = checkWorkspace(WORKSPACE);
		const perRun = Object.fromEntries(analyses.map((a) => [a.path, a.estimate.perRun]));
		// Service.run is called by nobody: its call of nightly (76) counts; everything else is reached from it.
		assert.deepEqual(perRun, { '/src/zoho.ts': 0, '/src/index.ts': 0, '/src/jobs/sync.ts': 0, '/src/legacy.js': 0, '/src/service.ts': 76 });
	});
});

void describe('URLs built from constants of other files', () => {
	test('named, namespace and CommonJS constants, an axios base from another file; another host is no call', () => {
		checkWorkspace(`//- /src/config.ts
export const ZOHO_API = 'https://www.zohoapis.com/crm/v2';
export const HUBSPOT = 'https://api.hubspot.com';
export const LEADS = \`\${ZOHO_API}/Leads\`;
//- /src/legacy-config.js
const BASE = 'https://www.zohoapis.eu/crm/v8';
module.exports = { BASE };
//- /src/use.ts
import axios from 'axios';
import { HUBSPOT, LEADS, ZOHO_API } from './config';
import * as config from './config';
const { BASE } = require('./legacy-config');
const zoho = axios.create({ baseURL: ZOHO_API });
export async function run() {
  await fetch(\`\${ZOHO_API}/Deals\`);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await fetch(LEADS + '/search?word=x');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await fetch(\`\${config.ZOHO_API}/Leads/1/actions/convert\`, { method: 'POST' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await zoho.get('/Contacts');
//      ^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await fetch(\`\${BASE}/Deals/search\`);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await fetch(\`\${HUBSPOT}/crm/v3/objects/contacts\`);
}
`);
	});
});

void describe('wrappers priced from their arguments', () => {
	test('a generic request function takes the method, path and body each call passes', () => {
		// POST /Leads with a 2-record body: ceil(2/10) = 1. zohoFetch's own request is shown as its first
		// caller makes it (GET /crm/v8/Deals); zohoRequest's is the first caller's POST /Leads.
		checkWorkspace(`//- /src/zoho.ts
import axios from 'axios';
const BASE = 'https://www.zohoapis.com/crm/v2';
export async function zohoRequest(method: string, path: string, data?: unknown) {
  return axios({ method, url: \`\${BASE}\${path}\`, data });
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM call (operation unknown) 1 cr = 1/run
}
export const getLead = (id: string) => zohoRequest('GET', \`/Leads/\${id}\`);
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
export const convert = (id: string) => zohoRequest('POST', \`/Leads/\${id}/actions/convert\`);
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 5 cr = 5/run
export async function zohoFetch(url: string, init?: RequestInit) {
  return fetch(url, init);
//       ^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
//- /src/use.ts
import { convert, getLead, zohoFetch, zohoRequest } from './zoho';
export async function run(ids: string[]) {
  await zohoRequest('POST', '/Leads', { data: [1, 2] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
  await zohoRequest('GET', '/Leads/search?email=a@b.c');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoRequest() 1 cr = 1/run
  await zohoFetch('https://www.zohoapis.com/crm/v8/Deals');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zohoFetch() 1 cr = 1/run
  await zohoFetch('https://api.example.com/items');
  for (const id of ids) {
    await getLead(id);
//        ^^^^^^^^^^^ getLead() 1 cr ×10? = 10/run
    await convert(id);
//        ^^^^^^^^^^^ convert() 5 cr ×10? = 50/run
  }
}
`);
	});
});

void describe('loops over a parameter, counted at each call', () => {
	test('a list passed, a page cap passed or left at its default, a counter bound by an argument', () => {
		// searchPages: page 1 to maxPages, 1 Search Records each. Its own view counts the default, MAX_PAGES = 5.
		// readEach: one Get Records per module; its own view knows no list: 10, assumed.
		// stepThrough: i from 0 while i < n in steps of 2: ceil(n / 2).
		// At the calls: maxPages 1 → 1; left out → 5; a computed cap → the default count 10, assumed;
		// a literal list of 2 → 2; a constant list of 3 → 3; n = 7 → ceil(7/2) = 4; forEach over 3 → 3.
		checkWorkspace(`//- /src/zoho.ts
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
const MAX_PAGES = 5;
export async function searchPages(module: string, maxPages: number = MAX_PAGES) {
  for (let page = 1; page <= maxPages; page++) {
    await zoho.get(\`/\${module}/search?page=\${page}\`);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr ×5 = 5/run
  }
}
export async function readEach(modules: string[]) {
  for (const m of modules) await zoho.get(\`/\${m}\`);
//                               ^^^^^^^^^^^^^^^^^ Get Records 1 cr ×10? = 10/run
}
export async function stepThrough(n: number) {
  for (let i = 0; i < n; i += 2) await zoho.get('/Leads/' + i);
//                                     ^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr ×10? = 10/run
}
export function touchAll(ids: string[]) {
  ids.forEach((id) => zoho.post(\`/Leads/\${id}/actions/convert\`));
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr ×10? = 50/run
}
//- /src/job.ts
import { readEach, searchPages, stepThrough, touchAll } from './zoho';
const MODULES = ['Leads', 'Contacts', 'Deals'];
export async function nightly(cap: number) {
  await searchPages('Leads', 1);
//      ^^^^^^^^^^^^^^^^^^^^^^^ searchPages() 1 cr = 1/run
  await searchPages('Deals');
//      ^^^^^^^^^^^^^^^^^^^^ searchPages() 5 cr = 5/run
  await searchPages('Deals', cap);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^ searchPages() 10 cr = 10/run
  await readEach(['Contacts', 'Leads']);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ readEach() 2 cr = 2/run
  await readEach(MODULES);
//      ^^^^^^^^^^^^^^^^^ readEach() 3 cr = 3/run
  await stepThrough(7);
//      ^^^^^^^^^^^^^^ stepThrough() 4 cr = 4/run
  touchAll(['1', '2', '3']);
//^^^^^^^^^^^^^^^^^^^^^^^^^ touchAll() 15 cr = 15/run
}
`);
	});
});

void describe('loops over a member of an options object, counted at each call', () => {
	test('a list passed as a member of the options object the function destructures or reads', () => {
		// fromModules and fromOptions: one Search Records per module; their own view knows no list: 10, assumed.
		// At the calls: a constant list of 2 under \`modules\` → 2; a literal list of 3 under \`items\` → 3; an
		// object without the member → the default count 10, assumed.
		checkWorkspace(`//- /src/lookup.js
const search = (module, mobile) => fetch(\`https://www.zohoapis.com/crm/v5/\${module}/search?criteria=\${mobile}\`);
//                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
export async function fromModules({ mobile, modules }) {
  for (const m of modules) await search(m, mobile);
//                               ^^^^^^^^^^^^^^^^^ search() 1 cr ×10? = 10/run
}
export async function fromOptions(options) {
  for (const m of options.items) await search(m, options.mobile);
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^ search() 1 cr ×10? = 10/run
}
//- /src/job.js
import { fromModules, fromOptions } from './lookup';
export async function lookup(mobile) {
  const zohoModules = ['Leads', 'Contacts'];
  await fromModules({ mobile, modules: zohoModules });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fromModules() 2 cr = 2/run
  await fromOptions({ mobile, items: ['Leads', 'Contacts', 'Deals'] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fromOptions() 3 cr = 3/run
  await fromModules({ mobile });
//      ^^^^^^^^^^^^^^^^^^^^^^^ fromModules() 10 cr = 10/run
}
`);
	});
});

void describe('members of an options object a call passes', () => {
	test('an object kept for its lists may hold any other member; request options hold no member they do not name', () => {
		const listsOnly = optionsArgument({ modules: listMarker(2) });
		assert.equal(argumentMember(listsOnly, 'modules'), listMarker(2));
		assert.equal(argumentMember(listsOnly, 'path'), HOLE);
		const request = optionsArgument({ url: '/crm/v2/Leads', modules: listMarker(2) });
		assert.equal(argumentMember(request, 'url'), '/crm/v2/Leads');
		assert.equal(argumentMember(request, 'uri'), '/crm/v2/Leads');
		assert.equal(argumentMember(request, 'method'), '');
		assert.equal(argumentMember(undefined, 'url'), '');
		assert.equal(argumentMember('text', 'url'), HOLE);
	});
});

void describe('parameters belong to their own function', () => {
	test("a constructor's parameter kept in a field, and a closure's outer parameter, are not a method's arguments", () => {
		// Client.get: the field is unknown (a host Zoho hands out), the path is get's own argument: Get Records.
		// makeClient's argument fills only its own parameter: the closure's path stays unknown, so no host, no call.
		// The requests inside Client.get and read are shown as their one caller makes them.
		checkWorkspace(`//- /client.ts
export class Client {
  constructor(private base: string) {}
  get(path: string) {
    return fetch(this.base + path);
//         ^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  }
}
export function makeClient(base: string) {
  return { get: (path: string) => fetch(base + path) };
}
export function read(path: string) {
  return fetch('https://www.zohoapis.com' + path);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}
//- /use.ts
import { Client, makeClient, read } from './client';
export async function run() {
  await new Client('https://www.zohoapis.com/crm/v8').get('/crm/v8/Leads');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Client.get() 1 cr = 1/run
  await makeClient('/crm/v8/Leads').get('https://x.example');
  await read('/crm/v8/Leads');
//      ^^^^^^^^^^^^^^^^^^^^^ read() 1 cr = 1/run
}
`);
	});
});

void describe('SDK instances handed to functions or exported to other files', () => {
	test('an untyped parameter given an SDK instance, and an instance imported from another file', () => {
		// listAll(new RecordOperations()) → getRecords on it: Get Records 1; the exported 8.x instance for Deals: Delete Record 1;
		// remove(ops) passes its parameter on: 1 per call.
		checkWorkspace(`//- /sdk.js
const { RecordOperations } = require('@zohocrm/nodejs-sdk-2.0/core/com/zoho/crm/api/record/record_operations');
async function listAll(ops) {
  return ops.getRecords('Leads');
}
async function run() {
  await listAll(new RecordOperations());
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ listAll() 1 cr = 1/run
}
module.exports = { run };
//- /deals.ts
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';
export const deals = new ZOHOCRMSDK.Record.RecordOperations('Deals');
//- /use.ts
import { deals } from './deals';
export async function remove(id: bigint) {
  await deals.deleteRecord(id);
//      ^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
}
`);
	});
});

void describe('SDK classes passed on by a module of the workspace', () => {
	test('re-exported classes and namespaces of the SDK are SDK calls where they are used', () => {
		// 2.0 RecordOperations: module as the method's argument → Get Records for Leads; 8.x ConvertLeadOperations → 5.
		checkWorkspace(`//- /sdk.ts
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';
export { RecordOperations } from '@zohocrm/typescript-sdk-2.0/core/com/zoho/crm/api/record/record_operations';
export { ZOHOCRMSDK };
//- /use.ts
import { RecordOperations, ZOHOCRMSDK } from './sdk';
import * as sdk from './sdk';
export async function run(request: unknown) {
  await new RecordOperations().getRecords('Leads');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await new ZOHOCRMSDK.ConvertLead.ConvertLeadOperations(1n).convertLead(request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await new sdk.RecordOperations().deleteRecords('Deals');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Records 1 cr = 1/run
}
`);
	});
});

void describe('path aliases', () => {
	test('an alias naming a folder index file with its extension finds it, as the folder name alone does', () => {
		const empty = { language: 'javascript' as const, calls: [], loops: [], errors: [] };
		const graph = new Graph(
			new Map([
				['/app/actions/zoho/contact/lookupContact/index.js', empty],
				['/app/actions/zoho/task/index.js', empty],
				['/app/scripts/backfill.js', empty],
			]),
		);
		const from = '/app/scripts/backfill.js';
		assert.equal(graph.resolveModule(from, '~/actions/zoho/contact/lookupContact/index.js'), '/app/actions/zoho/contact/lookupContact/index.js');
		assert.equal(graph.resolveModule(from, '~/actions/zoho/contact/lookupContact'), '/app/actions/zoho/contact/lookupContact/index.js');
		assert.equal(graph.resolveModule(from, '@/actions/zoho/task/index'), '/app/actions/zoho/task/index.js');
		assert.equal(graph.resolveModule(from, '~/actions/zoho/missing/index.js'), undefined);
	});
});

void describe('module resolution follows files that appear and go', () => {
	test('a specifier resolved to no file resolves once the file appears, and to none again once it goes', () => {
		const job = scanFile(`import { readLead } from '../zoho/client';\nexport async function run() { await readLead('1'); }\n`, '/w/jobs/run.ts', 'typescript');
		const client = scanFile(`export async function readLead(id: string) { return id; }\n`, '/w/zoho/client.ts', 'typescript');
		const graph = new Graph(new Map([['/w/jobs/run.ts', job]]));
		assert.equal(graph.resolveModule('/w/jobs/run.ts', '../zoho/client'), undefined);
		graph.update('/w/zoho/client.ts', client);
		assert.equal(graph.resolveModule('/w/jobs/run.ts', '../zoho/client'), '/w/zoho/client.ts');
		// Another file of the same folder shares the answer; an alias reaches the same file.
		assert.equal(graph.resolveModule('/w/jobs/other.ts', '../zoho/client.js'), '/w/zoho/client.ts');
		assert.equal(graph.resolveModule('/w/jobs/run.ts', '@/zoho/client'), '/w/zoho/client.ts');
		graph.update('/w/zoho/client.ts', undefined);
		assert.equal(graph.resolveModule('/w/jobs/run.ts', '../zoho/client'), undefined);
		assert.equal(graph.resolveModule('/w/jobs/run.ts', '@/zoho/client'), undefined);
	});
});
