import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/core/scan/deluge/parser';
import { analyze } from './check';

void describe('Deluge parser: constructs', () => {
	test('function headers of every shape, parameters and the body', () => {
		const script = parse(`string standalone.sync(int id, string name) { return ""; }
void automation.update_deal(map deal) { info deal; }
map fn() { return Map(); }
button.notify() { }`);
		assert.deepEqual(
			script.functions.map((f) => [f.returnType, f.name, f.params]),
			[
				['string', 'standalone.sync', ['id', 'name']],
				['void', 'automation.update_deal', ['deal']],
				['map', 'fn', []],
				['', 'button.notify', []],
			],
		);
		assert.deepEqual(script.errors, []);
	});

	test('statements: assignments, if/else if/else, for each (index), try/catch, return, info, break, continue', () => {
		const script = parse(`x = 1;
total += x * 2 - 1;
if (x == 1 && !flag) { info "one"; } else if (x > 2) { y = {"a": 1, "b": {1, 2}}; } else { y = List(); }
for each index i in {1, 2, 3} { if (i == 2) { break; } continue; }
try { r = zoho.crm.getRecordById("Leads", 1); } catch (e) { info e; }
v = if(x > 1, "a", "b");
input.Field = "v";
l = List:String();
return;`);
		assert.deepEqual(script.errors, []);
		assert.deepEqual(
			script.statements.map((s) => s.kind),
			['assign', 'assign', 'if', 'foreach', 'try', 'assign', 'assign', 'assign', 'return'],
		);
		const loop = script.statements[3];
		assert.ok(loop.kind === 'foreach' && loop.index && loop.variable === 'i' && loop.iterable.kind === 'list' && loop.iterable.items.length === 3);
		const branches = script.statements[2];
		assert.ok(branches.kind === 'if' && branches.branches.length === 3);
	});

	test('task blocks: keys with dashes and spaces, bare and quoted methods, commas between keys', () => {
		const script = parse(`resp = invokeurl
[
  url: "https://www.zohoapis.com/crm/v8/Leads"
  type: POST
  parameters: body.toString()
  content-type: "application/json",
  response-format: "json"
  connection: "crm_conn"
];
sendmail
[
  from: zoho.adminuserid
  to: "a@b.c"
  reply to: "x@y.z"
  subject: "Hi"
  message: "<b>" + name + "</b>"
]`);
		assert.deepEqual(script.errors, []);
		const task = script.statements[0].kind === 'assign' ? script.statements[0].value : undefined;
		assert.ok(task?.kind === 'task');
		assert.deepEqual([...task.params.keys()], ['url', 'type', 'parameters', 'content-type', 'response-format', 'connection']);
		const mail = script.statements[1].kind === 'expr' ? script.statements[1].expr : undefined;
		assert.ok(mail?.kind === 'task');
		assert.deepEqual([...mail.params.keys()], ['from', 'to', 'reply to', 'subject', 'message']);
	});
});

/** Malformed scripts: analysing never throws, every call is still found, and the problem is reported. */
const MALFORMED: [string, string, string[], boolean][] = [
	['missing ; before }', 'void f() { zoho.crm.getRecords("Leads") }', ['zoho.crm.getRecords'], true],
	[
		'missing ; between lines',
		'a = zoho.crm.getRecords("Leads")\nb = zoho.crm.v8.convertLead(1, Map());',
		['zoho.crm.getRecords', 'zoho.crm.v8.convertLead'],
		true,
	],
	['missing final }', 'void f()\n{\n  for each x in {1,2}\n  {\n    zoho.crm.getRecords("Leads");', ['zoho.crm.getRecords'], true],
	['extra }', 'zoho.crm.getRecords("Leads");\n}\nzoho.crm.searchRecords("Leads", "(a:equals:b)");', ['zoho.crm.getRecords', 'zoho.crm.searchRecords'], true],
	['unterminated string at the end', 'zoho.crm.getRecords("Leads");\nname = "half', ['zoho.crm.getRecords'], true],
	['unterminated block comment', 'zoho.crm.getRecords("Leads");\n/* never closed', ['zoho.crm.getRecords'], true],
	['unknown characters', 'x = 1 # 2;\nzoho.crm.getRecords("Leads");', ['zoho.crm.getRecords'], true],
	['while loop', 'while (more)\n{\n  zoho.crm.getRecords("Leads");\n}', ['zoho.crm.getRecords'], true],
	['C-style for', 'for (i = 0; i < 5; i++)\n{\n  zoho.crm.getRecords("Leads");\n}', ['zoho.crm.getRecords'], true],
	['typographic quotes', 'r = zoho.crm.getRecords(\u201cLeads\u201d);', ['zoho.crm.getRecords'], false],
	['braceless if body', 'if (x) zoho.crm.getRecords("Leads");', ['zoho.crm.getRecords'], false],
	['elseif written as one word', 'if (x) { a = 1; } elseif (y) { zoho.crm.getRecords("Leads"); }', ['zoho.crm.getRecords'], true],
	['trailing comma in a list', 'zoho.crm.bulkCreate("Leads", {m1, m2,});', ['zoho.crm.bulkCreate'], true],
	['trailing comma in arguments', 'zoho.crm.getRecords("Leads",);', ['zoho.crm.getRecords'], true],
	['= instead of == in a condition', 'if (a = 1) { zoho.crm.getRecords("Leads"); }', ['zoho.crm.getRecords'], true],
	[
		'missing ) of a call',
		'r = zoho.crm.getRecords("Leads";\nzoho.crm.v8.getRecordById("Leads", 1);',
		['zoho.crm.getRecords', 'zoho.crm.v8.getRecordById'],
		true,
	],
	[
		'missing ] of an invokeurl block',
		'r = invokeurl\n[\n  url: "https://www.zohoapis.com/crm/v8/Leads"\n  type: GET\n;\nzoho.crm.getRecords("Deals");',
		['invokeurl', 'zoho.crm.getRecords'],
		true,
	],
	['HTML-escaped operators', 'if (a &amp;&amp; b) { zoho.crm.getRecords("Leads"); }', ['zoho.crm.getRecords'], true],
	['Markdown fences around the code', '```deluge\nzoho.crm.getRecords("Leads");\n```', ['zoho.crm.getRecords'], true],
	['a header without a body', 'void automation.f()\nzoho.crm.getRecords("Leads");', ['zoho.crm.getRecords'], false],
	['foreach as one word, missing in', 'foreach x {1,2}\n{\n  zoho.crm.getRecords("Leads");\n}', ['zoho.crm.getRecords'], true],
	['a stray ) in a statement', 'zoho.crm.getRecords("Leads"));\nzoho.crm.v8.upsert("Leads", {"a": 1});', ['zoho.crm.getRecords', 'zoho.crm.v8.upsert'], true],
];

void describe('Deluge parser: recovery from malformed scripts', () => {
	for (const [name, script, expected, reported] of MALFORMED) {
		test(name, () => {
			const analysis = analyze('deluge', script);
			assert.deepEqual(
				analysis.facts.calls.map((c) => c.callee),
				expected,
			);
			if (reported) assert.ok(analysis.facts.errors.length > 0, 'an error is reported');
		});
	}

	test('every prefix of a realistic function parses without throwing', () => {
		const script = `string standalone.sync_leads(int page)
{
	url = "https://www.zohoapis.com/crm/v8/Leads/" + id + "/actions/convert";
	for each p in "1,2,3".toList()
	{
		resp = zoho.crm.getRecords("Leads", p.toLong(), 200);
		for each r in resp { if (r.get("Rating") == "Hot") { zoho.crm.v8.convertLead(r.get("id"), Map()); } }
	}
	resp = invokeurl [ url: url type: POST connection: "crm" ];
	return resp.toString();
}`;
		for (let i = 0; i <= script.length; i++) parse(script.slice(0, i));
		assert.deepEqual(parse(script).errors, []);
	});
});
