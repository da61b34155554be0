import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, check } from './check';

void describe('raw REST: URLs built the way integrations build them', () => {
	test('constants, templates, concatenations and a host handed out at run time', () => {
		check(
			'typescript',
			`
const ZOHO = 'https://www.zohoapis.eu/crm/v2';
const DEALS = \`\${ZOHO}/Deals\`;

export async function read(apiDomain: string, id: string, criteria: string, token: string, module: string) {
  await fetch(\`\${ZOHO}/Leads/\${id}\`, { headers: { Authorization: \`Zoho-oauthtoken \${token}\` } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  await fetch(\`\${apiDomain}/crm/v2/Contacts/\${id}\`, { method: 'DELETE' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
  await fetch(apiDomain + '/crm/v3/Deals/search?criteria=' + encodeURIComponent(criteria));
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  await fetch(DEALS);
//      ^^^^^^^^^^^^ Get Records 1 cr = 1/run
  const url = new URL('/crm/v8/Leads/actions/count', 'https://www.zohoapis.com');
  await fetch(url);
//      ^^^^^^^^^^ Record Count 1 cr = 1/run
  await fetch(\`https://www.zohoapis.com/crm/v8/\${module}/\${id}/actions/convert\`, { method: 'POST' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5? cr = 5/run
  await fetch(\`https://www.zohoapis.\${process.env.ZOHO_DC ?? 'com'}/crm/v8/Accounts\`);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}`,
		);
	});

	test('a URL a name holds, extended after it was set; one set to something else is no longer known', () => {
		// Search Records: 1 credit; Get Records: 1. The third URL was replaced by one unrelated: no call.
		check(
			'javascript',
			`
import axios from 'axios';
export default async function handler(req, res) {
  const { moduleApiName, criteria } = req.query;
  let url = \`https://www.zohoapis.com/crm/v2/\${moduleApiName}\`;
  if (criteria) {
    url = \`\${url}/search?criteria=\${encodeURIComponent(criteria)}\`;
  }
  await axios.get(url, { headers: { Authorization: 'Zoho-oauthtoken x' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  let list = 'https://www.zohoapis.com/crm/v2/Leads';
  list = list + '?per_page=200';
  await axios.get(list);
//      ^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  let other = 'https://www.zohoapis.com/crm/v2/Leads';
  other = process.env.NEXT_URL;
  await axios.get(other);
}
`,
		);
	});

	test('axios instances with a Zoho baseURL, in a variable and in a class field', () => {
		check(
			'typescript',
			`
import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8', timeout: 10000 });

export async function push(a: unknown, job: unknown) {
  await zoho.get('/Leads', { params: { fields: 'Last_Name' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await zoho.post('Leads/upsert', { data: [a] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1 cr = 1/run
  await axios.post('https://www.zohoapis.com/crm/bulk/v8/write', job);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Bulk Write Job 500 cr = 500/run
}

class ZohoClient {
  private http = axios.create({ baseURL: 'https://sandbox.zohoapis.com/crm/v7/' });
  remove(id: string) {
    return this.http.delete(\`Deals/\${id}\`);
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
  }
}`,
		);
	});

	test('got, node-fetch, undici, superagent and https', () => {
		check(
			'typescript',
			`
import got from 'got';
import nodeFetch from 'node-fetch';
import { request } from 'undici';
import * as undici from 'undici';
import superagent from 'superagent';
import https from 'node:https';

export async function all(c: unknown, x: unknown) {
  await got.post('https://www.zohoapis.in/crm/v8/Contacts', { json: { data: [c] } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  await got('https://www.zohoapis.in/crm/v8/Contacts/12', { method: 'DELETE' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
  const api = got.extend({ prefixUrl: 'https://www.zohoapis.jp/crm/v8' });
  await api.get('Deals');
//      ^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await nodeFetch('https://www.zohoapis.ca/crm/v8/Leads/1/actions/convert', { method: 'POST', body: '{}' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await request('https://www.zohoapis.com/crm/v8/Leads/actions/count');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Record Count 1 cr = 1/run
  await undici.fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'PUT', body: JSON.stringify({ data: [x, x] }) });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1 cr = 1/run
  await superagent.put('https://www.zohoapis.com/crm/v8/Leads/1').set('Authorization', 't').send({ data: [x] });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr = 1/run
  https.request({ hostname: 'www.zohoapis.com', path: '/crm/v2/Leads', method: 'POST' }, () => undefined).end();
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1? cr = 1/run
  https.get('https://www.zohoapis.com/crm/v2/org', () => undefined);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Organization 1 cr = 1/run
}`,
		);
	});

	test('a script with top-level loops and constants declared inside them', () => {
		check(
			'javascript',
			`
for (const id of ['1', '2', '3']) {
  const url = 'https://www.zohoapis.com/crm/v8/Leads/' + id;
  await fetch(url, { method: 'DELETE' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr ×3 = 3/run
}`,
		);
	});

	test('request and request-promise; window and globalThis fetch', () => {
		check(
			'javascript',
			`
const request = require('request');
const rp = require('request-promise-native');
async function run(cb) {
  request.post('https://www.zohoapis.com/crm/v2/Leads/upsert', { json: { data: [1] } }, cb);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1 cr = 1/run
  await rp({ uri: 'https://www.zohoapis.com/crm/v2/Leads/7/actions/convert', method: 'POST', json: true });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await window.fetch('https://www.zohoapis.com/crm/v8/Deals');
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await globalThis.fetch('https://www.zohoapis.com/crm/v8/Deals/1', { method: 'DELETE' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
}`,
		);
	});

	test('CommonJS requires of the same clients', () => {
		check(
			'javascript',
			`
const axios = require('axios').default;
const fetch = require('node-fetch');
const { request: undiciRequest } = require('undici');
const payload = { data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };

async function run() {
  await axios.patch('https://www.zohoapis.com/crm/v8/Leads', payload);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Zoho CRM API 1 cr = 1/run
  await fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'POST', body: JSON.stringify(payload) });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 2 cr = 2/run
  await undiciRequest('https://www.zohoapis.com/crm/v8/users', { method: 'GET' });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Users 1 cr = 1/run
}`,
		);
	});
});

void describe('raw REST: look-alikes that are not Zoho CRM calls', () => {
	test('token requests, other Zoho products, other CRMs, relative routes, unrelated get/post, strings never requested', () => {
		const analysis = analyze(
			'typescript',
			`
import axios from 'axios';
import express from 'express';
import superagent from 'superagent';
import https from 'https';
const router = express.Router();
const ZOHO_LEADS = 'https://www.zohoapis.com/crm/v8/Leads';
const hubspot = axios.create({ baseURL: 'https://api.hubspot.com' });
class RecordOperations { getRecords() { return []; } }

export async function lookalikes(url: string, cache: Map<string, string>, sdk: { getRecords(): void }, myFetch: (u: string) => void) {
  await fetch('https://accounts.zoho.com/oauth/v2/token', { method: 'POST' });
  await axios.post('https://accounts.zoho.eu/oauth/v2/token?grant_type=refresh_token');
  https.request({ hostname: 'accounts.zoho.com', path: '/oauth/v2/token', method: 'POST' });
  await fetch('https://www.zohoapis.com/books/v3/invoices');
  await fetch('https://desk.zoho.com/api/v1/tickets');
  await fetch('https://www.zohoapis.com/bigin/v2/Contacts');
  await fetch('https://creator.zoho.com/api/v2/owner/app/report/All');
  await superagent.get('https://mail.zoho.com/api/accounts');
  await axios.get('https://www.zohoapis.com/workdrive/api/v1/files');
  await axios.get('https://api.hubspot.com/crm/v3/objects/contacts');
  await hubspot.get('/crm/v3/objects/deals');
  await fetch('https://example.com/crm/v2/Leads');
  await fetch('https://www.zohoapis.com.evil.io/crm/v8/Leads');
  await fetch('/crm/v2/Leads');
  await fetch(url);
  // await fetch('https://www.zohoapis.com/crm/v8/Leads');
  /* axios.get('https://www.zohoapis.com/crm/v8/Deals') */
  console.log(ZOHO_LEADS);
  const link = new URL('https://www.zohoapis.com/crm/v8/Leads');
  cache.get(ZOHO_LEADS);
  router.post('/crm/v2/Leads', () => undefined);
  router.get('https://www.zohoapis.com/crm/v8/Leads', () => undefined);
  myFetch(ZOHO_LEADS);
  sdk.getRecords();
  new RecordOperations().getRecords();
  axios.isAxiosError(link);
  const deluge = 'resp = zoho.crm.getRecords("Leads");';
  await fetch(\`https://www.zohoapis.com/crm\`);
}

function shadowed(fetch: (u: string) => void) {
  fetch('https://www.zohoapis.com/crm/v8/Leads');
}`,
		);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => c.call.callee),
			[],
		);
	});
});
