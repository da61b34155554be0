import { describe, test } from 'node:test';
import { check } from './check';

// COQL by LIMIT: ≤ 200 rows 1 credit (also Zoho's default of 200 when the query states none), ≤ 1,000 2, ≤ 2,000 3;
// a write of N records ceil(N/10); unseen records: one record (1 credit, up to 10), assumed;
// an unseen LIMIT: the most one query reads (3 credits), assumed.

void describe('Deluge maps and lists built step by step', () => {
	test("a query map put entry by entry: its LIMIT, or Zoho's default when the visible query states none", () => {
		check(
			'deluge',
			`
queryMap = Map();
queryMap.put("select_query", "select Name, id from Course_Instance where Layout is not null limit 1");
one = invokeurl
//    ^^^^^^^^^ COQL Query 1 cr = 1/run
[
  url: "https://www.zohoapis.com/crm/v6/coql"
  type: POST
  parameters: queryMap.toString()
  connection: "crm"
];
whereClause = "Contact_Name=" + contactId;
byContact = Map();
byContact.put("select_query", "select Amount from Deals where " + whereClause);
deals = invokeurl
//      ^^^^^^^^^ COQL Query 1 cr = 1/run
[
  url: "https://www.zohoapis.com/crm/v6/coql"
  type: POST
  parameters: byContact.toString()
  connection: "crm"
];
wide = Map();
wide.putAll({"select_query": "select id from Leads limit 2000"});
many = invokeurl
//     ^^^^^^^^^ COQL Query 3 cr = 3/run
[
  url: "https://www.zohoapis.com/crm/v6/coql"
  type: POST
  parameters: wide
  connection: "crm"
];
`,
		);
	});

	test('a list given one record, a list filled in a loop of known count, and one filled in a loop of unknown count', () => {
		check(
			'deluge',
			`
records = List();
records.add(lead);
body = Map();
body.put("data", records);
created = invokeurl
//        ^^^^^^^^^ Create Records 1 cr = 1/run
[
  url: "https://www.zohoapis.com/crm/v8/Leads"
  type: POST
  body: body.toString()
  connection: "crm"
];
ids = List();
for each n in leftpad(" ", 30).toList("")
{
  ids.add(n);
}
batch = Map();
batch.put("data", ids);
updated = invokeurl
//        ^^^^^^^^^ Update Records 3 cr = 3/run
[
  url: "https://www.zohoapis.com/crm/v8/Leads"
  type: PUT
  body: batch.toString()
  connection: "crm"
];
rows = List();
page = zoho.crm.getRecords("Leads");
//     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Get Records 1 cr = 1/run
for each r in page
{
  rows.add(r);
}
all = Map();
all.put("data", rows);
copied = invokeurl
//       ^^^^^^^^^ Create Records 1? cr = 1/run
[
  url: "https://www.zohoapis.com/crm/v8/Contacts"
  type: POST
  body: all.toString()
  connection: "crm"
];
`,
		);
	});
});
