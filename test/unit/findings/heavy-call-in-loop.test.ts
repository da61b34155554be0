import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../check';

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
