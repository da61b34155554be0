import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, check, checkWorkspace } from './check';

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

	test('single-record tasks write one record; bulk tasks count a literal list or assume one record', () => {
		// createRecord: 1 record → 1; bulkCreate of a literal 12-item list → ceil(12/10) = 2; unknown list → 1 record → 1 (up to 10).
		check(
			'deluge',
			`
  zoho.crm.createRecord("Leads", {"Last_Name": "a"});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1 cr = 1/run
  zoho.crm.v8.bulkCreate("Leads", {m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 2 cr = 2/run
  zoho.crm.bulkUpdate("Deals", rows);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Records 1? cr = 1/run`,
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
		assert.ok(
			analysis.facts.errors.some((e) => e.code === 'unterminated-string'),
			JSON.stringify(analysis.facts.errors),
		);
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

void describe('Deluge scanner: every zoho.crm task', () => {
	// By hand from the catalog: reads and single-record writes 1; Convert Lead 5; bulk writes of an unseen
	// list one record (1, assumed); tasks Zoho gives no figure for the default 1, assumed.
	const TASKS: [string, string, string, number][] = [
		['getRecords', '"Leads"', 'Get Records', 1],
		['getRecordById', '"Leads", id', 'Get Record', 1],
		['searchRecords', '"Leads", "(Email:equals:a@b.c)"', 'Search Records', 1],
		['createRecord', '"Leads", m', 'Create Records', 1],
		['updateRecord', '"Leads", id, m', 'Update Record', 1],
		['upsert', '"Leads", m', 'Upsert Records', 1],
		['bulkCreate', '"Leads", rows', 'Create Records', 1],
		['bulkUpdate', '"Leads", rows', 'Update Records', 1],
		['getRelatedRecords', '"Notes", "Leads", id', 'Get Related Records', 1],
		['updateRelatedRecord', '"Products", pid, "Deals", id, m', 'Update Related Record', 1],
		['convertLead', 'id, m', 'Convert Lead', 5],
		['attachFile', '"Leads", id, f', 'Upload Url Attachments', 1],
	];
	for (const version of ['', 'v8.']) {
		test(`zoho.crm.${version}* tasks`, () => {
			const script = TASKS.map(([task, args]) => `r = zoho.crm.${version}${task}(${args});`).join('\n');
			const analysis = analyze('deluge', script);
			assert.deepEqual(
				analysis.estimate.calls.map((c) => [c.call.task, c.operation.api, c.credits]),
				TASKS.map(([task, , api, credits]) => [`zoho.crm.${version}${task}`, api, credits]),
			);
		});
	}

	test("invokeConnector reaches the CRM only through a crm.* connector; another service's connector is no CRM call", () => {
		const analysis = analyze(
			'deluge',
			'zoho.crm.invokeConnector("zohosign.remindrecipient", m);\nname = "crm.update";\nzoho.crm.invokeConnector(name, m);\nzoho.crm.invokeConnector(which, m);',
		);
		// The Sign connector: none. A crm.* connector held in a variable: the CRM's, the default 1 credit. One not known: kept, as before.
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [analysis.lines.lineOf(c.call.span.start) + 1, c.call.task, c.credits]),
			[
				[3, 'zoho.crm.invokeConnector', 1],
				[4, 'zoho.crm.invokeConnector', 1],
			],
		);
	});

	test('vertical-solution tasks are priced at the default, assumed', () => {
		const analysis = analyze('deluge', 'v = zoho.crm.getOrgVariable("tax");\nzoho.crm.invokeConnector("crm.set", m);');
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.credits, c.assumed]),
			[
				[1, true],
				[1, true],
			],
		);
	});
});

void describe('Deluge scanner: invokeurl and invokeapi', () => {
	test('literal URLs, URLs built in variables, methods bare or quoted, COQL LIMIT from the parameters', () => {
		// POST /crm/v2/Leads with an unseen body: 10 (assumed); Convert Lead 5; GET with a quoted method 1;
		// COQL with LIMIT 1500: 3; invokeapi to the CRM service: Get Records 1.
		check(
			'deluge',
			`
  base = "https://www.zohoapis.com/crm/v8/";
  url = base + "Leads/" + id + "/actions/convert";
  q = {"select_query": "select Last_Name from Leads where Rating = 'Hot' limit 1500"};
  a = invokeurl [ url: "https://www.zohoapis.com/crm/v2/Leads" type: POST parameters: m.toString() connection: "crm" ];
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Create Records 1? cr = 1/run
  b = invokeurl [ url: url type: POST connection: "crm" ];
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr = 5/run
  c = invokeurl [ url: base + "Deals/" + id, type: "GET", connection: "crm" ];
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr = 1/run
  d = invokeurl [ url: base + "coql" type: POST parameters: q.toString() connection: "crm" ];
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ COQL Query 3 cr = 3/run
  e = invokeapi [ service: crm path: "/crm/v8/Deals" type: GET ];
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run`,
		);
	});

	test('look-alikes: token requests, other hosts and products, sendmail, other services through invokeapi', () => {
		const analysis = analyze(
			'deluge',
			`t = invokeurl [ url: "https://accounts.zoho.com/oauth/v2/token" type: POST ];
b = invokeurl [ url: "https://www.zohoapis.com/books/v3/invoices?organization_id=1" type: GET ];
o = invokeurl [ url: "https://api.example.com/crm/v2/Leads" type: GET ];
p = invokeurl [ url: someUrl type: GET ];
sendmail [ from: zoho.adminuserid to: "a@b.c" subject: "x" message: "y" ];
d = invokeapi [ service: zohodesk path: "/api/v1/tickets" type: GET ];
r = zoho.crmplus.getRecords("Leads");
s = zoho.encryption.base64Encode("x");
u = zoho.currentdate;
m = resp.get("id");
// resp = invokeurl [ url: "https://www.zohoapis.com/crm/v8/Leads" type: GET ];`,
		);
		assert.deepEqual(analysis.estimate.calls, []);
	});
});

void describe('Deluge scanner: what loops run over', () => {
	test('lists from text and padding, variables holding lists, and the records of a page', () => {
		// "1,2,3".toList() → 3; leftpad(" ", 50).toList("") → 50; a variable holding {a, b} → 2;
		// the records of a getRecords page with per_page 100 and Leads sized 40 → 40.
		check(
			'deluge',
			`
pages = "1,2,3".toList();
for each p in pages
{
  zoho.crm.getRecords("Deals", p);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×3 = 3/run
}
for each i in leftpad(" ", 50).toList("")
{
  zoho.crm.getRecords("Contacts");
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×50 = 50/run
}
ids = {a, b};
for each id in ids
{
  zoho.crm.v8.updateRecord("Leads", id, {"Rating": "Hot"});
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Update Record 1 cr ×2 = 2/run
}
leads = zoho.crm.getRecords("Leads", 1, 100);
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
for each lead in leads
{
  zoho.crm.convertLead(lead.get("id"), Map());
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Convert Lead 5 cr ×40 = 200/run
}`,
			{ moduleSizes: { Leads: 40 } },
		);
	});

	test("a list a catch sets again holds the body's value or the catch's: its length is not known", () => {
		// Before, the catch's empty list was taken: the delete ran 0 times and cost nothing. Now an unknown
		// list: the assumed 10 iterations. A list only the catch sets, and one both set alike, keep their length.
		check(
			'deluge',
			`
atts = List();
try
{
  atts = zoho.crm.getRelatedRecords("Attachments", "Deals", id);
//       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Related Records 1 cr = 1/run
  both = {1, 2};
}
catch (e)
{
  atts = List();
  only = {1, 2, 3};
  both = {3, 4};
}
for each a in atts
{
  zoho.crm.deleteRecord("Deals", a.get("id"));
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ zoho.crm.deleteRecord 1 cr ×10? = 10/run
}
for each o in only
{
  zoho.crm.getRecordById("Deals", o);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr ×3 = 3/run
}
for each b in both
{
  zoho.crm.getRecordById("Leads", b);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Record 1 cr ×2 = 2/run
}`,
		);
	});
});

void describe('Deluge functions calling each other across files', () => {
	test('standalone.x(), a plain name and thisapp are linked to the declaring file', () => {
		// sync_leads: 2 pages × 1 = 2. nightly: once (2), for each of 3 ids (6), by plain name (2).
		checkWorkspace(`//- /sync.dg
void standalone.sync_leads(string from)
{
  for each p in {1, 2}
  {
    zoho.crm.getRecords("Leads", p, 200);
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr ×2 = 2/run
  }
}
//- /nightly.dg
void automation.nightly()
{
  standalone.sync_leads("today");
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ standalone.sync_leads() 2 cr = 2/run
  for each x in "a,b,c".toList()
  {
    standalone.sync_leads(x);
//  ^^^^^^^^^^^^^^^^^^^^^^^^ standalone.sync_leads() 2 cr ×3 = 6/run
  }
  sync_leads("again");
//^^^^^^^^^^^^^^^^^^^ standalone.sync_leads() 2 cr = 2/run
  info ifnull(x, "none");
}
`);
	});
});
