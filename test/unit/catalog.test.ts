import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DELUGE_TASKS } from '../../server/src/core/catalog/deluge-tasks';
import { REST_OPERATIONS } from '../../server/src/core/catalog/rest-operations';
import { delugeTaskOperation, lookupRest } from '../../server/src/core/catalog';

void describe('catalog', () => {
	test('Convert Lead costs 5 credits in every API version; reads cost 1', () => {
		for (const v of ['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']) {
			const convert = lookupRest('POST', `/crm/${v}/Leads/4150868000001/actions/convert`);
			assert.equal(convert.api, 'Convert Lead');
			assert.equal(convert.credits, 5);
			assert.equal(convert.operation, `POST /crm/${v}/Leads/{id}/actions/convert`);
		}
		assert.equal(lookupRest('GET', '/crm/v8/Leads').credits, 1);
		assert.equal(lookupRest('get', '/crm/v8/Leads').api, 'Get Records');
	});

	test('the most specific template wins over a module placeholder', () => {
		assert.equal(lookupRest('GET', '/crm/v8/Leads/search').api, 'Search Records');
		assert.equal(lookupRest('GET', '/crm/v8/Leads/123').api, 'Get Record');
		assert.equal(lookupRest('POST', '/crm/v8/Leads/upsert').api, 'Upsert Records');
		assert.equal(lookupRest('POST', '/crm/v8/Leads').api, 'Insert Records');
	});

	test('CRM paths outside the catalog cost the default 1 credit and say so', () => {
		const op = lookupRest('PATCH', '/crm/v8/Leads');
		assert.deepEqual([op.api, op.credits, op.inCatalog, op.operation], ['Zoho CRM API', 1, false, 'PATCH /crm/v8/Leads']);
		assert.equal(lookupRest('GET', '/crm/v8/settings/fields').inCatalog, false);
		assert.equal(lookupRest('GET', '/crm/bulk/v8/read/1').inCatalog, false);
	});

	test('every entry has a positive credit rule, a source and a docs link', () => {
		for (const entry of REST_OPERATIONS) {
			assert.ok(entry.credits >= 1, entry.api);
			assert.match(entry.rule, /credit/, entry.api);
			assert.match(entry.source, /^https:\/\/www\.zoho\.com\//, entry.api);
			assert.match(entry.docs, /^https:\/\/www\.zoho\.com\//, entry.api);
		}
	});

	test('every Deluge task resolves to a catalog operation of its own API version', () => {
		assert.equal(DELUGE_TASKS.length, 24);
		for (const { task } of DELUGE_TASKS) {
			const op = delugeTaskOperation(task);
			assert.equal(op.inCatalog, true, task);
			assert.match(op.operation, task.startsWith('zoho.crm.v8.') ? /\/crm\/v8\// : /\/crm\/v2\//, task);
		}
		assert.equal(delugeTaskOperation('zoho.crm.convertLead').credits, 5);
		assert.equal(delugeTaskOperation('zoho.crm.v8.convertLead').credits, 5);
		assert.equal(delugeTaskOperation('zoho.crm.bulkCreate').api, 'Insert Records');
	});
});
