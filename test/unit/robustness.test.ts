import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';

// Half-typed code must never throw: every prefix of a realistic file is analysed, linked with a wrapper file.
const CLIENT = `import axios from 'axios';
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';
const BASE = 'https://www.zohoapis.com/crm/v2';
const http = axios.create({ baseURL: BASE });
export class Zoho {
  private ops = new ZOHOCRMSDK.Record.RecordOperations('Leads');
  constructor(private readonly token: string) {}
  async request(method: string, path: string, data?: unknown) {
    return axios({ method, url: \`\${BASE}\${path}\`, data, headers: { Authorization: this.token } });
  }
  async all() {
    let more = true;
    let page = 1;
    while (more) {
      const res = await this.ops.getRecords();
      more = Boolean(res); page++;
    }
    await Promise.all([1, 2, 3].map((n) => http.get(\`/Deals?page=\${n}\`)));
    for (let i = 0; i < 1000; i += 100) await this.request('POST', '/Leads/upsert', { data: [i] });
  }
}
export default Zoho;
`;

const JOB = `import Zoho from './client';
const z = new Zoho('t');
for (const id of ['a', 'b']) await z.request('GET', '/Leads/' + id);
module.exports = { run: () => z.all() };
`;

void describe('robustness: every prefix of realistic code', () => {
	test('no prefix of either file throws, and the whole files link', () => {
		for (let i = 0; i <= CLIENT.length; i += 2) {
			analyzeWorkspace([
				{ path: '/client.ts', language: 'typescript', text: CLIENT.slice(0, i) },
				{ path: '/job.ts', language: 'typescript', text: JOB },
			]);
		}
		for (let i = 0; i <= JOB.length; i++) {
			analyzeWorkspace([
				{ path: '/client.ts', language: 'typescript', text: CLIENT },
				{ path: '/job.ts', language: 'typescript', text: JOB.slice(0, i) },
			]);
		}
		const [client, job] = analyzeWorkspace([
			{ path: '/client.ts', language: 'typescript', text: CLIENT },
			{ path: '/job.ts', language: 'typescript', text: JOB },
		]);
		// request('GET', '/Leads/' + id) → Get Record 1, twice: 2 per run of the script.
		assert.deepEqual(
			job.estimate.calls.map((c) => [c.operation.api, c.credits, c.multiplier]),
			[
				['Zoho.request()', 1, 2],
				// pages of Leads (10, assumed) + 3 pages of Deals + 10 chunks of a 1-record upsert.
				['Zoho.all()', 1 * 10 + 3 + 10 * 1, 1],
			],
		);
		assert.ok(client.estimate.calls.length >= 3);
	});
});
