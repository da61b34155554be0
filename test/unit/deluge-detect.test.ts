import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile } from '../../server/src/core/analyze-texts';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { extensionOf, makesDelugeCalls } from '../../server/src/core/scan/deluge/detect';
import { discover } from '../../server/src/workspace/discover';

// A workflow script as teams keep it: pasted into a file whose name says JavaScript, or nothing.
const SCRIPT = `// Marks every hot lead of the page as contacted.
leads = zoho.crm.getRecords("Leads", 1, 200);
for each lead in leads
{
	if(lead.get("Rating") == "Hot")
	{
		zoho.crm.updateRecord("Leads", lead.get("id"), {"Lead_Status":"Contacted"});
	}
}
resp = invokeurl
[
	url :"https://www.zohoapis.com/crm/v8/Deals/search?criteria=(Stage:equals:Won)"
	type :GET
	connection:"crm"
];
info resp;
`;

void describe('Deluge kept under other extensions', () => {
	test('the calls Deluge alone makes are told apart from JavaScript and prose', () => {
		assert.equal(makesDelugeCalls('x = zoho.crm.getRecordById("Leads", id);'), true);
		assert.equal(makesDelugeCalls('r = invokeurl [ url: u type: GET ];'), true);
		assert.equal(makesDelugeCalls('r = getUrl("https://crm.zoho.com/crm/private/xml/Leads/getRecords");'), true);
		// The widget SDK is upper case; an SDK namespace and prose are not Deluge calls.
		assert.equal(makesDelugeCalls('ZOHO.CRM.API.getAllRecords({ Entity: "Leads" });'), false);
		assert.equal(makesDelugeCalls('The zoho.crm namespace holds the tasks.'), false);
		assert.equal(makesDelugeCalls('await invokeUrl(url);'), false);
		assert.deepEqual(['a/b.txt', 'script', '.profile', 'x/Y.ZS', 'C:\\\\w\\\\f'].map(extensionOf), ['txt', '', '', 'zs', '']);
	});

	test('a .js file holding a Deluge script is read as Deluge, and says so', () => {
		const analysis = analyzeFile('/w/crm/mark-hot.js', 'javascript', SCRIPT);
		assert.equal(analysis.language, 'deluge');
		assert.deepEqual(analysis.facts.errors[0], {
			code: 'read-as-deluge',
			message: 'Read as Deluge: the text makes Deluge calls and reads better as Deluge than as JavaScript.',
			span: { start: 0, end: 0 },
		});
		// getRecords 1; updateRecord 1 for each of the page's leads (10, the default); the search 1.
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.operation.api, c.credits, c.multiplier]),
			[
				['Get Records', 1, 1],
				['Update Record', 1, 10],
				['Search Records', 1, 1],
			],
		);
	});

	test('Deluge that is valid JavaScript too is read as Deluge when JavaScript finds nothing in it', () => {
		// Every line of this script is also a JavaScript statement; as JavaScript it calls no known client.
		const both =
			'// find the newest record\nquery_map = Map();\nquery_map.put("sort_order", "desc");\nnewest = zoho.crm.getRecords("<Module_Name>", 1, 1, query_map, "<Connection>");\nupdated = zoho.crm.updateRecord("<Module_Name>", newest.get(0).get("id"), fields, "<Connection>");\n';
		const analysis = analyzeFile('/w/crm/newest.js', 'javascript', both);
		assert.equal(analysis.language, 'deluge');
		// getRecords of one record on one page: 1; updateRecord: 1.
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.operation.api, c.credits]),
			[
				['Get Records', 1],
				['Update Record', 1],
			],
		);
		// A client of the script's own that happens to be called zoho stays JavaScript.
		const client = 'const zoho = makeClient();\nexport async function run() {\n  return zoho.crm.getRecords("Leads");\n}\n';
		assert.equal(analyzeFile('/w/crm/client.js', 'javascript', client).language, 'javascript');
	});

	test('a .txt file and a file with no extension say how they were read', () => {
		assert.equal(scanFile(SCRIPT, '/w/Mark hot leads.txt', 'deluge').errors[0].message, 'Read as Deluge: a .txt file whose text makes Deluge calls.');
		assert.equal(scanFile(SCRIPT, '/w/mark_hot_leads', 'deluge').errors[0].message, 'Read as Deluge: a file whose text makes Deluge calls.');
		// A .dg file is Deluge by its name: nothing to say.
		assert.deepEqual(scanFile(SCRIPT, '/w/mark.dg', 'deluge').errors, []);
	});

	test('look-alikes stay JavaScript: Deluge in a template string, task names in comments and strings', () => {
		const generator = 'export const script = `\nleads = zoho.crm.getRecords("Leads");\ninfo leads;\n`;\nexport function save() { return script; }\n';
		const commented = '// zoho.crm.getRecords("Leads") is what the Deluge side does.\nconst task = "zoho.crm.updateRecord";\nexport default task;\n';
		for (const [name, text] of [
			['generator.ts', generator],
			['commented.js', commented],
		] as const) {
			const analysis = analyzeFile(`/w/${name}`, name.endsWith('.ts') ? 'typescript' : 'javascript', text);
			assert.equal(analysis.language, name.endsWith('.ts') ? 'typescript' : 'javascript', name);
			assert.deepEqual(analysis.estimate.calls, [], name);
		}
	});

	test('discovery takes .txt, .zs, .zdl and extension-less files whose text makes Deluge calls, and nothing else of them', () => {
		const root = mkdtempSync(join(tmpdir(), 'zcl-kept-'));
		mkdirSync(join(root, 'functions'));
		writeFileSync(join(root, 'functions', 'update_oncreate.zs'), SCRIPT);
		writeFileSync(join(root, 'functions', 'Fetch all leads'), SCRIPT);
		writeFileSync(join(root, 'functions', 'round robin.txt'), SCRIPT);
		writeFileSync(join(root, 'notes.txt'), 'Remember to refresh the token every hour.\n');
		writeFileSync(join(root, 'LICENSE'), 'MIT License\n');
		writeFileSync(join(root, 'Dockerfile'), 'FROM node:20\n');
		writeFileSync(join(root, 'blob'), Buffer.from([0x7a, 0x00, 0x6f]));
		const { files } = discover(root, [root]);
		assert.deepEqual(
			files.map((f) => [f.relativePath, f.language]),
			[
				['functions/Fetch all leads', 'deluge'],
				['functions/round robin.txt', 'deluge'],
				['functions/update_oncreate.zs', 'deluge'],
			],
		);
	});
});
