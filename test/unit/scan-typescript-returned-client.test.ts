import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFile } from '../../server/src/core/analyze-texts';

function rows(text: string, path = '/w/zoho.ts'): unknown[] {
	const analysis = analyzeFile(path, path.endsWith('.js') ? 'javascript' : 'typescript', text);
	return analysis.estimate.calls.map((c) => [analysis.lines.lineOf(c.call.span.start) + 1, c.operation.operation, c.credits]);
}

void describe('clients handed out by a function', () => {
	test('a private method that makes an axios instance per call, with the base in a field', () => {
		assert.deepEqual(
			rows(`import axios from 'axios';
class ZohoService {
	private baseURL = 'https://www.zohoapis.com/crm/v3';
	private getAxiosInstance(accessToken: string) {
		return axios.create({ baseURL: this.baseURL, headers: { Authorization: \`Zoho-oauthtoken \${accessToken}\` } });
	}
	async createDeal(token: string, deal: object) {
		const api = this.getAxiosInstance(token);
		return api.post('/Deals', { data: [deal] });
	}
	async getDeals(token: string) {
		return this.getAxiosInstance(token).get('/Deals', { params: { page: 1 } });
	}
}
export default new ZohoService();
`),
			// Insert of one record: 1; list of records: 1.
			[
				[9, 'POST /crm/v3/{module_api_name}', 1],
				[12, 'GET /crm/v3/{module_api_name}', 1],
			],
		);
	});

	test('a getter, a function declaration and an arrow function that return clients', () => {
		assert.deepEqual(
			rows(
				`const axios = require('axios');
const BASE = 'https://www.zohoapis.eu/crm/v8';
function zoho() {
	const instance = axios.create({ baseURL: BASE });
	return instance;
}
const zohoBulk = () => axios.create({ baseURL: 'https://www.zohoapis.eu/crm/bulk/v8' });
class Sync {
	get client() { return zoho(); }
	async run(ids) {
		for (const id of ids) await this.client.delete('/Leads/' + id);
		await zoho().get('/Leads/search', { params: { email: 'a@b.c' } });
		await zohoBulk().get('/read/1');
	}
}
module.exports = Sync;
`,
				'/w/sync.js',
			),
			[
				[11, 'DELETE /crm/v8/{module_api_name}/{id}', 1],
				[12, 'GET /crm/v8/{module_api_name}/search', 1],
				[13, 'GET /crm/bulk/v8/read/{job_id}', 1],
			],
		);
	});

	test('look-alikes: a function returning a client of another host, a shadowed name, a returned string', () => {
		assert.deepEqual(
			rows(`import axios from 'axios';
function books() { return axios.create({ baseURL: 'https://www.zohoapis.com/books/v3' }); }
function zoho() { return axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' }); }
function url() { return 'https://www.zohoapis.com/crm/v8'; }
export async function run(zoho: () => { get(path: string): Promise<unknown> }) {
	await books().get('/invoices');
	await zoho().get('/Leads');
	await url().get('/Leads');
}
`),
			[],
		);
	});
});
