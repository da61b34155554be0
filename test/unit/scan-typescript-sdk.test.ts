import { describe, test } from 'node:test';
import { check } from './check';

// Expectations under each call: API, credits per call (? = assumed), loop factors, credits per run.
// Worked out from the catalog rules: reads 1; writes ceil(records/10), one record (1, up to 10) when the
// count is not visible; Convert Lead 5; COQL by LIMIT, 3 when the query is not visible; Bulk Read 50; Send Mail 20.

void describe('SDK 8.x: namespace import, module in the constructor', () => {
	test('record operations, convert lead, COQL, bulk read, send mail', () => {
		check(
			'typescript',
			`
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';

export async function syncLeads(body: unknown, leadId: bigint, request: unknown, query: unknown) {
  const records = new ZOHOCRMSDK.Record.RecordOperations('Leads');
  await records.getRecords(new ZOHOCRMSDK.ParameterMap(), new ZOHOCRMSDK.HeaderMap());
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await records.upsertRecords(body);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^ Upsert Records 1? cr = 1/run
  await new ZOHOCRMSDK.ConvertLead.ConvertLeadOperations(leadId).convertLead(request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await new ZOHOCRMSDK.Coql.CoqlOperations().getRecords(query);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3? cr = 3/run
  await new ZOHOCRMSDK.BulkRead.BulkReadOperations().createBulkReadJob(request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Bulk Read Job 50 cr = 50/run
  await new ZOHOCRMSDK.SendMail.SendMailOperations(leadId, 'Deals').sendMail(request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Send Mail 20 cr = 20/run
}`,
		);
	});

	test('the TypeScript 8.x package, destructured namespaces, class fields and typed constructor parameters', () => {
		check(
			'typescript',
			`
import * as SDK from '@zohocrm/typescript-sdk-8.0';
const { Record, Tags } = SDK;

export class LeadService {
  private readonly ops = new Record.RecordOperations('Leads');
  constructor(private readonly tags: SDK.Tags.TagsOperations, private readonly other: unknown) {}

  async purge(params: unknown) {
    await this.ops.deleteRecords(params);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Records 1 cr = 1/run
    await this.tags.getTags(params);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^ Get Tags 1 cr = 1/run
    const fresh = new Tags.TagsOperations();
    await fresh.createTags(params, params);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Tags 1 cr = 1/run
  }
}`,
		);
	});
});

void describe('SDK 2.x: module as a method argument', () => {
	test('2.1 namespace import', () => {
		check(
			'typescript',
			`
import * as ZOHOCRMSDK from "@zohocrm/typescript-sdk-2.1";
async function run(request: unknown) {
  const recordOperations = new ZOHOCRMSDK.Records.RecordOperations();
  await recordOperations.getRecords("Contacts", new ZOHOCRMSDK.ParameterMap());
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await recordOperations.createRecords("Contacts", request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1? cr = 1/run
}`,
		);
	});

	test('2.0 TypeScript deep imports, typed variables and typed parameters', () => {
		check(
			'typescript',
			`
import { RecordOperations } from "@zohocrm/typescript-sdk-2.0/core/com/zoho/crm/api/record/record_operations";
import { QueryOperations } from "@zohocrm/typescript-sdk-2.0/core/com/zoho/crm/api/query/query_operations";

export async function remove(id: bigint, params: unknown, body: unknown) {
  let recordOperations: RecordOperations = new RecordOperations();
  await recordOperations.deleteRecord(id, "Leads", params);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Delete Record 1 cr = 1/run
  await new QueryOperations().getRecords(body);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3? cr = 3/run
}

export async function list(ops: RecordOperations) {
  return ops.getRecords("Accounts");
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}`,
		);
	});

	test('2.0 Node.js: require with .Property and with destructuring; zcrmsdk 1.x deep require', () => {
		check(
			'javascript',
			`
const RecordOperations = require("@zohocrm/nodejs-sdk-2.0/core/com/zoho/crm/api/record/record_operations").RecordOperations;
const { AttachmentsOperations } = require("@zohocrm/nodejs-sdk-2.0/core/com/zoho/crm/api/attachments/attachments_operations");
const Legacy = require("zcrmsdk/core/com/zoho/crm/api/record/record_operations");

async function update(request, id) {
  await new RecordOperations().updateRecords("Deals", request);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1? cr = 1/run
  const attachments = new AttachmentsOperations("Deals", id);
  await attachments.getAttachments();
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Attachments 1 cr = 1/run
  await new Legacy.RecordOperations().getRecord(id, "Leads");
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
}
module.exports = { update };`,
		);
	});

	test('a newer 2.x or later release the catalog does not hold resolves to its generation', () => {
		check(
			'typescript',
			`
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-7.0';
async function run() {
  await new ZOHOCRMSDK.Record.RecordOperations('Leads').getRecords();
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
}`,
		);
	});
});

void describe('legacy zcrmsdk object API', () => {
	test('API.MODULES, API.ACTIONS, API.SETTINGS and API.ORG with the input object', () => {
		// post with 3 literal records: ceil(3/10) = 1; put with a records variable: assumed 100 → 10.
		check(
			'javascript',
			`
const ZCRMRestClient = require('zcrmsdk');
async function run(id, rows) {
  await ZCRMRestClient.API.MODULES.get({ module: 'Leads', params: { page: 1, per_page: 200 } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
  await ZCRMRestClient.API.MODULES.post({ module: 'Contacts', body: { data: [a, b, c] } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  await ZCRMRestClient.API.MODULES.put({ module: 'Contacts', body: { data: rows } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1? cr = 1/run
  await ZCRMRestClient.API.ACTIONS.convert({ id, body: {} });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  await ZCRMRestClient.API.SETTINGS.getFields({ params: { module: 'Leads' } });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Fields 1 cr = 1/run
  await ZCRMRestClient.API.ORG.get({});
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Organization 1 cr = 1/run
}`,
		);
	});

	test('ESM default import of zcrmsdk', () => {
		check(
			'typescript',
			`
import ZCRMRestClient from 'zcrmsdk';
export const search = (word: string) =>
  ZCRMRestClient.API.MODULES.search({ module: 'Accounts', params: { word } });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run`,
		);
	});
});
