import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DELUGE_TASKS, delugeTaskOperation, lookupRest, REST_OPERATIONS, SDK_METHODS } from '../../server/src/core/catalog';

function summary(method: string, path: string): [string, unknown] {
	const op = lookupRest(method, path);
	return [op.api, op.rule];
}

void describe('catalog: operations and their rules', () => {
	test('Convert Lead costs 5 credits in every API version', () => {
		for (const v of ['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']) {
			const convert = lookupRest('POST', `/crm/${v}/Leads/4150868000001/actions/convert`);
			assert.equal(convert.api, 'Convert Lead');
			assert.deepEqual(convert.rule, { kind: 'fixed', credits: 5 });
			assert.equal(convert.operation, `POST /crm/${v}/Leads/{lead_id}/actions/convert`);
			assert.equal(convert.verification, 'verified-primary');
		}
	});

	test('heavy and per-record operations from the credit table', () => {
		assert.deepEqual(summary('POST', '/crm/bulk/v8/read'), ['Create Bulk Read Job', { kind: 'fixed', credits: 50 }]);
		assert.deepEqual(summary('POST', '/crm/bulk/v8/write'), ['Create Bulk Write Job', { kind: 'fixed', credits: 500 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads/111/actions/merge'), ['Merge Records', { kind: 'fixed', credits: 50 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Deals/222/actions/send_mail'), ['Send Mail', { kind: 'fixed', credits: 20 }]);
		assert.deepEqual(summary('POST', '/crm/v8/settings/modules'), ['Create Custom Modules', { kind: 'fixed', credits: 500 }]);
		assert.deepEqual(summary('POST', '/crm/v8/settings/fields'), ['Create Field', { kind: 'fixed', credits: 10 }]);
		assert.deepEqual(summary('POST', '/crm/v8/__composite_requests'), ['Composite Request', { kind: 'fixed', credits: 1 }]);
		assert.deepEqual(summary('POST', '/crm/v8/coql'), ['COQL Query', { kind: 'coql-limit' }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads'), ['Create Records', { kind: 'per-records', per: 10, maxRecords: 100 }]);
		assert.deepEqual(summary('PUT', '/crm/v8/Leads'), ['Update Records', { kind: 'per-records', per: 10, maxRecords: 100 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads/upsert'), ['Upsert Records', { kind: 'per-records', per: 10, maxRecords: 100 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads/actions/add_tags'), ['Add Tags To Multiple Records', { kind: 'per-records', per: 50, maxRecords: 500 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads/actions/mass_delete'), ['Mass Delete By Record Id', { kind: 'per-records', per: 100 }]);
		assert.deepEqual(summary('POST', '/crm/v8/Leads/actions/mass_convert'), ['Mass Convert', { kind: 'unknown' }]);
	});

	test('the most specific template wins over placeholders', () => {
		assert.equal(lookupRest('GET', '/crm/v8/Leads').api, 'Get Records');
		assert.equal(lookupRest('GET', '/crm/v8/Leads/search').api, 'Search Records');
		assert.equal(lookupRest('GET', '/crm/v8/Leads/123').api, 'Get Record');
		assert.equal(lookupRest('GET', '/crm/v8/Leads/actions/count').api, 'Record Count');
		assert.equal(lookupRest('GET', '/crm/v8/settings/modules').api, 'Get Modules');
		assert.equal(lookupRest('GET', '/crm/v8/Leads/123/Notes').api, 'Get Related Records');
		assert.equal(lookupRest('get', '/crm/v2/Leads').operation, 'GET /crm/v2/{module_api_name}');
	});

	test('a computed segment that may mean operations of different prices takes the dearest and names the others', () => {
		const convert = lookupRest('POST', '/crm/v8/{x}/{x}/actions/convert');
		assert.deepEqual([convert.api, convert.rule, convert.alternatives], ['Convert Lead', { kind: 'fixed', credits: 5 }, ['Convert Inventory']]);
		// A computed id never turns a record into another module's literal API.
		const remove = lookupRest('DELETE', '/crm/v2/Contacts/{x}');
		assert.deepEqual([remove.api, remove.alternatives], ['Delete Record', undefined]);
		assert.deepEqual([lookupRest('GET', '/crm/v8/{x}').api, lookupRest('GET', '/crm/v8/{x}').alternatives], ['Get Records', undefined]);
	});

	test('APIs only the v2 SDKs know are in the catalog too', () => {
		const taxes = lookupRest('GET', '/crm/v2/org/taxes');
		assert.equal(taxes.inCatalog, true);
		assert.deepEqual(taxes.rule, { kind: 'fixed', credits: 1 });
	});

	test('CRM paths outside the catalog cost the default 1 credit and say so', () => {
		const op = lookupRest('PATCH', '/crm/v8/Leads/1/2/3/4/5/6');
		assert.deepEqual([op.api, op.rule, op.inCatalog, op.operation], ['Zoho CRM API', { kind: 'fixed', credits: 1 }, false, 'PATCH /crm/v8/Leads/1/2/3/4/5/6']);
	});
});

void describe('catalog: integrity of the data', () => {
	test('every REST operation has a rule of the closed set, a source and a spec', () => {
		assert.ok(REST_OPERATIONS.length >= 400, `${REST_OPERATIONS.length} operations`);
		for (const op of REST_OPERATIONS) {
			const where = `${op.method} ${op.path}`;
			assert.ok(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method), where);
			switch (op.rule.kind) {
				case 'fixed':
					assert.ok(Number.isInteger(op.rule.credits) && op.rule.credits >= 1, where);
					break;
				case 'per-records':
					assert.ok(op.rule.per > 0 && (op.rule.maxRecords === undefined || op.rule.maxRecords >= op.rule.per), where);
					break;
				case 'coql-limit':
				case 'unknown':
					break;
				default:
					assert.fail(`${where}: rule ${JSON.stringify(op.rule)}`);
			}
			assert.ok(op.sources.length > 0 && op.sources.every((s) => s.startsWith('https://')), where);
			assert.ok(op.spec.length > 0 && op.docs.startsWith('https://'), where);
			assert.ok(['verified-primary', 'secondary-only', 'unverified', 'default-rule'].includes(op.verification), where);
		}
	});

	test('every SDK method of every generation resolves to a catalog operation', () => {
		const generations = new Set(SDK_METHODS.map((m) => `${m.sdk}@${m.version}`));
		assert.deepEqual([...generations].sort(), [
			'@zohocrm/nodejs-sdk-2.0@6.1.0',
			'@zohocrm/nodejs-sdk-8.0@2.0.0',
			'@zohocrm/typescript-sdk-2.0@7.0.0',
			'@zohocrm/typescript-sdk-2.1@1.1.0',
			'@zohocrm/typescript-sdk-8.0@3.0.0',
			'zcrmsdk@0.0.20',
			'zcrmsdk@1.1.0',
		]);
		for (const m of SDK_METHODS) {
			const op = lookupRest(m.httpMethod, m.path);
			assert.equal(op.inCatalog, true, `${m.sdk} ${m.class}.${m.method} → ${m.httpMethod} ${m.path}`);
			assert.ok(m.file.length > 0);
		}
		// The 8.x generation converts a lead through its own class; the price is the same 5 credits.
		const convert = SDK_METHODS.find((m) => m.sdk === '@zohocrm/nodejs-sdk-8.0' && m.class === 'ConvertLeadOperations' && m.method === 'convertLead');
		assert.ok(convert);
		assert.deepEqual(lookupRest(convert.httpMethod, convert.path).rule, { kind: 'fixed', credits: 5 });
	});

	test('every Deluge task, v2 and v8, resolves with its source', () => {
		assert.equal(DELUGE_TASKS.length, 26);
		for (const t of DELUGE_TASKS) {
			const op = delugeTaskOperation(t.task);
			assert.equal(op.inCatalog, true, t.task);
			assert.match(t.source, /^https:\/\//, t.task);
			if (t.path) assert.match(op.operation, t.task.startsWith('zoho.crm.v8.') ? /\/crm\/v8\// : /\/crm\/v2\//, t.task);
		}
		assert.deepEqual(delugeTaskOperation('zoho.crm.convertLead').rule, { kind: 'fixed', credits: 5 });
		assert.deepEqual(delugeTaskOperation('zoho.crm.v8.bulkCreate').rule, { kind: 'per-records', per: 10, maxRecords: 100 });
		assert.equal(delugeTaskOperation('zoho.crm.createRecord').records, 1);
		assert.equal(delugeTaskOperation('zoho.crm.bulkCreate').records, undefined);
		assert.deepEqual(delugeTaskOperation('zoho.crm.getOrgVariable').rule, { kind: 'unknown' });
		assert.equal(delugeTaskOperation('zoho.crm.noSuchTask').inCatalog, false);
	});
});
