import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../../server/src/core/analyze-texts';
import { resolveSettings } from '../../../server/src/core/config';
import { analyze, checkWorkspace } from '../check';

void describe('finding: heavy-call-in-loop', () => {
	test('Convert Lead, Send Mail, a bulk job and a COQL query past 200 rows in a loop; small COQL is not heavy', () => {
		const source = `for (const id of ['1', '2']) {
  axios.post('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', {});
  axios.post('https://www.zohoapis.com/crm/v8/Deals/' + id + '/actions/send_mail', {});
  axios.post('https://www.zohoapis.com/crm/bulk/v8/read', {});
  axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: 'select id from Leads limit 201' });
  axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: 'select id from Leads limit 200' });
}`;
		assert.deepEqual(
			analyze('typescript', source).findings.map((f) => [f.id, f.message.split('.')[0]]),
			[
				['call-in-loop', 'COQL Query runs inside a loop: 1 credit ×2 = 2 credits per run'],
				['heavy-call-in-loop', 'Convert Lead costs 5 credits a call and runs inside a loop: ×2 = 10 credits per run'],
				['heavy-call-in-loop', 'Send Mail costs 20 credits a call and runs inside a loop: ×2 = 40 credits per run'],
				['heavy-call-in-loop', 'Create Bulk Read Job costs 50 credits a call and runs inside a loop: ×2 = 100 credits per run'],
				['heavy-call-in-loop', 'COQL Query costs 2 credits a call and runs inside a loop: ×2 = 4 credits per run'],
			],
		);
	});
});

void describe('heavy calls through functions', () => {
	test('Convert Lead reached through a helper, or two helpers deep, in a loop is heavy; a helper making only reads is a call in a loop', () => {
		// convertLead(): Convert Lead, 5 a call. touch(): Get Record 1 + convertLead() 5 = 6 a call. readLead(): 1.
		// In a loop over a literal list of 3: 15, 18 and 3 credits per run.
		const [, job] = checkWorkspace(`//- /src/zoho.ts
import axios from 'axios';
const http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function convertLead(id: string) {
  return http.post(\`/Leads/\${id}/actions/convert\`, {});
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
}
export async function readLead(id: string) {
  return http.get(\`/Leads/\${id}\`);
//       ^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
}
export async function touch(id: string) {
  await readLead(id);
//      ^^^^^^^^^^^^ readLead() 1 cr = 1/run
  await convertLead(id);
//      ^^^^^^^^^^^^^^^ convertLead() 5 cr = 5/run
}
//- /src/job.ts
import { convertLead, readLead, touch } from './zoho';
export async function nightly() {
  for (const id of ['1', '2', '3']) {
    await convertLead(id);
//        ^^^^^^^^^^^^^^^ convertLead() 5 cr ×3 = 15/run
    await touch(id);
//        ^^^^^^^^^ touch() 6 cr ×3 = 18/run
    await readLead(id);
//        ^^^^^^^^^^^^ readLead() 1 cr ×3 = 3/run
  }
}
`);
		assert.deepEqual(
			job.findings.map((f) => [f.id, f.message.split('.')[0]]),
			[
				['call-in-loop', 'readLead() runs inside a loop: 1 credit ×3 = 3 credits per run'],
				['heavy-call-in-loop', 'convertLead() (Convert Lead) costs 5 credits a call and runs inside a loop: ×3 = 15 credits per run'],
				['heavy-call-in-loop', 'touch() (Convert Lead) costs 6 credits a call and runs inside a loop: ×3 = 18 credits per run'],
			],
		);
	});
});

void describe('heavy calls through a switch on a parameter', () => {
	test('a call whose argument selects a read is a call in a loop, though another case converts', () => {
		// tool('read', id): Get Record, 1 a call; tool('convert', id): Convert Lead, 5 a call. Two ids: ×2.
		const files = [
			{
				path: '/src/tools.ts',
				language: 'typescript' as const,
				text: `import axios from 'axios';
const http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function tool(name: string, id: string) {
  switch (name) {
    case 'convert':
      return http.post(\`/Leads/\${id}/actions/convert\`, {});
    case 'read':
      return http.get(\`/Leads/\${id}\`);
  }
}
`,
			},
			{
				path: '/src/job.ts',
				language: 'typescript' as const,
				text: `import { tool } from './tools';
export async function nightly() {
  for (const id of ['1', '2']) {
    await tool('read', id);
    await tool('convert', id);
  }
}
`,
			},
		];
		const [, job] = analyzeWorkspace(files, resolveSettings([]));
		assert.deepEqual(
			job.findings.map((f) => [f.id, f.message.split('.')[0]]),
			[
				['call-in-loop', 'tool() runs inside a loop: 1 credit ×2 = 2 credits per run'],
				['heavy-call-in-loop', 'tool() (Convert Lead) costs 5 credits a call and runs inside a loop: ×2 = 10 credits per run'],
			],
		);
	});
});
