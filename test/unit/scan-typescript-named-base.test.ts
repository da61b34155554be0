import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFile } from '../../server/src/core/analyze-texts';
import { hoverMarkdown } from '../../server/src/core/explain-markdown';

function calls(text: string, path = '/w/zoho.service.ts') {
	const analysis = analyzeFile(path, path.endsWith('.js') ? 'javascript' : 'typescript', text);
	return {
		analysis,
		rows: analysis.estimate.calls.map((c) => [analysis.lines.lineOf(c.call.span.start) + 1, c.operation.operation, c.credits, c.call.evidence]),
	};
}

void describe('base URLs read at run time under a Zoho name', () => {
	test('a NestJS service with its bases from the ConfigService: the version the name gives', () => {
		const { rows } = calls(`import axios from 'axios';
export class ZohoCrmService {
	private readonly URL_ZOHO_API_V2 = this.configService.get<string>('URL_ZOHO_API_V2');
	constructor(private readonly configService: ConfigService) {}
	async getRecord(id: string) {
		return axios.get(\`\${this.URL_ZOHO_API_V2}/Contacts/\${id}\`, { headers: { Authorization: 'Zoho-oauthtoken x' } });
	}
	async updateDeal(deal: object) {
		return axios.put(\`\${this.configService.get('URL_ZOHO_API_V6')}/Deals\`, { data: [deal] });
	}
}
`);
		// GET one record: 1. PUT of one record (a literal list of 1): ceil(1/10) = 1.
		assert.deepEqual(rows, [
			[6, 'GET /crm/v2/{module_api_name}/{id}', 1, 'URL_ZOHO_API_V2'],
			[9, 'PUT /crm/v6/{module_api_name}', 1, 'URL_ZOHO_API_V6'],
		]);
	});

	test('process.env, destructured or not, a base with no version (v2) and a host with the path after it', () => {
		const { rows } = calls(
			`const base = process.env.ZOHO_BASE_URL;
const { ZOHO_API_DOMAIN } = process.env;
export async function createLead(lead) {
	return fetch(base + '/Leads', { method: 'POST', body: JSON.stringify({ data: [lead] }) });
}
export async function findDeals(criteria) {
	return fetch(\`\${ZOHO_API_DOMAIN}/crm/v8/Deals/search?criteria=\${criteria}\`);
}
`,
			'/w/zoho.js',
		);
		assert.deepEqual(rows, [
			[4, 'POST /crm/v2/{module_api_name}', 1, 'process.env.ZOHO_BASE_URL'],
			[7, 'GET /crm/v8/{module_api_name}/search', 1, 'ZOHO_API_DOMAIN'],
		]);
	});

	test('a Zoho-named part of the host, and a computed host with a Zoho OAuth token', () => {
		const { rows } = calls(
			`const ZOHO_BASE_DOMAIN = (process.env.ZOHO_BASE_DOMAIN || 'zohoapis.com').trim();
const CRM_BASE = \`https://www.\${ZOHO_BASE_DOMAIN}/crm/v2\`;
const host = regionHost(process.env.REGION);
export async function createLead(lead, token) {
	await fetch(\`\${CRM_BASE}/Leads\`, { method: 'POST', body: JSON.stringify({ data: [lead] }) });
	await fetch(\`https://\${host}/crm/v2/Deals\`, { headers: { Authorization: \`Zoho-oauthtoken \${token}\` } });
	await fetch(\`https://\${host}/crm/v3/objects/contacts\`, { headers: { Authorization: \`Bearer \${token}\` } });
}
`,
			'/w/zoho.js',
		);
		// Create of one record: 1; Get Records: 1. The last request carries no Zoho token: not a Zoho CRM call.
		assert.deepEqual(rows, [
			[5, 'POST /crm/v2/{module_api_name}', 1, 'ZOHO_BASE_DOMAIN'],
			[6, 'GET /crm/v2/{module_api_name}', 1, undefined],
		]);
	});

	test('the hover says what the request was taken for and why', () => {
		const { analysis } = calls("export const list = () => fetch(process.env.ZOHO_CRM_URL + '/Leads');\n");
		assert.match(
			hoverMarkdown(analysis, analysis.estimate.calls[0]),
			/Taken for Zoho CRM: the base URL is read at run time as `process\.env\.ZOHO_CRM_URL`, a name that says Zoho's API\./,
		);
	});

	test('look-alikes: the token endpoint, other Zoho services, a base with no Zoho name, a bare base, a webhook', () => {
		const { rows } = calls(`export async function run(token) {
	await fetch(\`\${process.env.ZOHO_ACCOUNTS_URL}/oauth/v2/token\`, { method: 'POST' });
	await fetch(process.env.ZOHO_BOOKS_API_URL + '/invoices');
	await fetch(process.env.ZOHO_DESK_BASE + '/tickets');
	await fetch(process.env.API_BASE_URL + '/Leads');
	await fetch(process.env.ZOHO_API_URL);
	await fetch(process.env.ZOHO_FLOW_WEBHOOK_URL, { method: 'POST' });
	await fetch(\`\${process.env.ZOHO_CLIENT_ID}/Leads\`);
}
`);
		assert.deepEqual(rows, []);
	});

	test("another Zoho service's versioned path after a Zoho-named base is no CRM request", () => {
		// Zoho Books behind the same API domain as the CRM (found in a real integration): no CRM call at all.
		const { rows } = calls(
			`const axios = require('axios');
class BooksClient {
	constructor() {
		this.apiDomain = process.env.ZOHO_API_DOMAIN || 'https://www.zohoapis.com';
		this.booksBaseUrl = \`\${this.apiDomain}/books/v3\`;
	}
	async invoices(org) {
		return axios.get(\`\${this.booksBaseUrl}/invoices?organization_id=\${org}\`);
	}
	async contact(org, id) {
		return axios.get(\`\${this.apiDomain}/books/v3/contacts/\${id}\`, { params: { organization_id: org } });
	}
	async lead(id) {
		return axios.get(\`\${this.apiDomain}/crm/v8/Leads/\${id}\`);
	}
}
module.exports = BooksClient;
`,
			'/w/books.js',
		);
		// Only the CRM request: Get Record, 1 credit.
		assert.deepEqual(rows, [[14, 'GET /crm/v8/{module_api_name}/{id}', 1, 'process.env.ZOHO_API_DOMAIN']]);
	});
});
