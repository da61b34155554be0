import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, check } from './check';

void describe('Deluge scanner: zoho.crm tasks', () => {
	test('v2 and v8 tasks are found with their catalog cost', () => {
		check(
			'deluge',
			`
string standalone.sync(int id)
{
  rec = zoho.crm.getRecordById("Leads", id);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  res = zoho.crm.v8.convertLead(id, Map());
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  return "";
}`,
		);
	});

	test('a task outside the catalog costs the default credit; a task Zoho gives no figure for too, assumed', () => {
		const analysis = check(
			'deluge',
			`
  x = zoho.crm.getOrgVariable("tax");
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zoho.crm.getOrgVariable 1? cr = 1/run
  y = zoho.crm.v8.someNewTask("Leads");
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zoho.crm.v8.someNewTask 1 cr = 1/run`,
		);
		const [orgVariable, unknownTask] = analysis.estimate.calls;
		assert.deepEqual([orgVariable.operation.inCatalog, orgVariable.assumed], [true, true]);
		assert.deepEqual([unknownTask.operation.inCatalog, unknownTask.assumed], [false, true]);
	});

	test('single-record tasks write one record; bulk tasks count a literal list or assume the most', () => {
		// createRecord: 1 record → 1; bulkCreate of a literal 12-item list → ceil(12/10) = 2; unknown list → 100 → 10.
		check(
			'deluge',
			`
  zoho.crm.createRecord("Leads", {"Last_Name": "a"});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  zoho.crm.v8.bulkCreate("Leads", {m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 2 cr = 2/run
  zoho.crm.bulkUpdate("Deals", rows);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 10? cr = 10/run`,
		);
	});

	test('a header-less script pasted from the Zoho editor is one body', () => {
		check(
			'deluge',
			`
  resp = zoho.crm.searchRecords("Contacts", "(Email:equals:a@b.c)");
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Search Records 1 cr = 1/run
  info resp;`,
		);
	});
});

void describe('Deluge scanner: loops', () => {
	test('a literal list gives the exact count; an unknown list the default, nested loops multiply', () => {
		// Pages {1,2,3} → 3 exact; leads unknown → 10 assumed; convertLead 5 × 3 × 10 = 150.
		check(
			'deluge',
			`
for each page in {1, 2, 3}
{
  leads = zoho.crm.getRecords("Leads", page, 200);
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×3 = 3/run
  for each lead in leads
  {
    zoho.crm.convertLead(lead.get("id"), Map());
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr ×3 ×10? = 150/run
  }
}`,
		);
	});

	test('the default loop count follows the setting', () => {
		// 4 assumed iterations × 1 credit = 4.
		check(
			'deluge',
			`
for each id in ids
{
  zoho.crm.updateRecord("Deals", id, {"Stage": "Won"});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr ×4? = 4/run
}`,
			{ defaultLoopIterations: 4 },
		);
	});

	test('a call in the loop header runs once; calls after the loop are outside it', () => {
		check(
			'deluge',
			`
for each r in zoho.crm.getRecords("Leads")
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
{
  info r;
}
  zoho.crm.createRecord("Tasks", {"Subject": "done"});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run`,
		);
	});

	test('for each index, a map literal in the body and an annotation', () => {
		// "iterations=25" overrides the unknown list; a map literal in the body is not a loop.
		check(
			'deluge',
			`
// zoho-credits: iterations=25
for each index i in rows
{
  m = {"Last_Name": "x", "Company": {"a": 1}};
  zoho.crm.createRecord("Leads", m);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr ×25 = 25/run
}`,
		);
	});

	test('an empty literal list runs the body zero times', () => {
		check(
			'deluge',
			`
for each x in {}
{
  zoho.crm.getRecords("Leads");
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×0 = 0/run
}`,
		);
	});
});

void describe('Deluge scanner: what is not a CRM call', () => {
	test('other Zoho products, system variables, comments, strings and map methods', () => {
		const analysis = analyze(
			'deluge',
			`
inv = zoho.books.getRecords("invoices", "123");
d = zoho.desk.create("x", Map());
today = zoho.currentdate;
// zoho.crm.getRecords("Leads");
/* zoho.crm.convertLead(1, Map()); */
s = "zoho.crm.getRecords(\\"Leads\\")";
id = resp.get("id");
y = x.zoho.crm.getRecords("Leads");
big = zoho.bigin.getRecords("Pipelines");`,
		);
		assert.deepEqual(analysis.estimate.calls, []);
	});
});

void describe('Deluge scanner: broken input', () => {
	test('missing braces and semicolons still yield every call', () => {
		const analysis = analyze(
			'deluge',
			`void automation.x()
{
  for each l in {1,2}
  {
    zoho.crm.getRecords("Leads")
    zoho.crm.v8.upsert("Leads", {"Last_Name": "x"}`,
		);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.operation.api, c.multiplier]),
			[
				['Get Records', 2],
				['Upsert Records', 2],
			],
		);
	});

	test('a half-typed string at the end is reported and the calls before it are kept', () => {
		const analysis = analyze(
			'deluge',
			`zoho.crm.getRecords("Leads");
name = "half typed`,
		);
		assert.equal(analysis.estimate.calls.length, 1);
		assert.ok(analysis.facts.errors.some((e) => e.code === 'unterminated-string'), JSON.stringify(analysis.facts.errors));
	});

	test('every prefix of a script analyses without throwing', () => {
		const script = `void automation.f(int id)
{
  for each p in {1,2,3} { r = zoho.crm.getRecords("Deals", p); /* c */ }
  resp = zoho.crm.v8.convertLead(id, {"overwrite": true});
}`;
		for (let i = 0; i <= script.length; i++) analyze('deluge', script.slice(0, i));
		assert.equal(analyze('deluge', script).estimate.perRun, 3 + 5);
	});
});
