import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hover } from '../../server/src/lsp/views/hover';
import { analyze } from './check';

/** The hover's lines for the call at `marker`, and the call's credits. */
function at(language: 'typescript' | 'deluge', source: string, marker: string): { credits: number; lines: string[] } {
	const analysis = analyze(language, source);
	const offset = source.indexOf(marker);
	const call = analysis.estimate.calls.find((c) => c.call.span.start <= offset && offset <= c.call.span.end)!;
	return { credits: call.credits, lines: (hover(analysis, offset)!.contents as { value: string }).value.split('\n') };
}

// COQL by LIMIT: 1–200 rows → 1 credit, 201–1,000 → 2, 1,001–2,000 → 3; no LIMIT reads 200 rows → 1.
// A write of N records: ceil(N/10) credits.
const TS = `import axios from 'axios';
export async function push(names: string[], rest: string) {
  const rows = { data: [] as object[] };
  for (const n of ['a', 'b', 'c']) rows.data.push({ Last_Name: n });
  await axios.post('https://www.zohoapis.com/crm/v8/Leads', JSON.stringify(rows));
  await axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: 'select id from Leads where Last_Name = ' + names[0] });
  await axios.post('https://www.zohoapis.com/crm/v8/coql', { select_query: 'select id from Leads ' + rest });
}`;

void describe('hover says what was followed where a value is built apart from the call or only partly visible', () => {
	test('a body built before the call: its records, and where they were read', () => {
		// Three pushes in a literal loop: 3 records, ceil(3/10) = 1 credit.
		const { credits, lines } = at('typescript', TS, "'https://www.zohoapis.com/crm/v8/Leads'");
		assert.equal(credits, 1);
		assert.ok(lines.includes('Followed: the body `rows` as built before the call: 3 records.'), lines.join('\n'));
	});

	test('a query computed in part: no visible part holds a LIMIT, so Zoho reads its default 200 rows', () => {
		// The computed part stands where a value goes (after `=`): it cannot hold a LIMIT. 1 credit, not the unseen 3.
		const { credits, lines } = at('typescript', TS, "'select id from Leads where");
		assert.equal(credits, 1);
		assert.ok(lines.includes('Followed: the query is partly computed and none of its visible parts holds a LIMIT: Zoho reads 200 rows.'), lines.join('\n'));
	});

	test('a query ending in a computed clause may hold a LIMIT: the top tier is assumed, and said', () => {
		const { credits, lines } = at('typescript', TS, "'select id from Leads ' + rest");
		assert.equal(credits, 3);
		assert.ok(!lines.some((l) => l.startsWith('Followed:')), lines.join('\n'));
		assert.ok(
			lines.some((l) => l.endsWith('(assumed)')),
			lines.join('\n'),
		);
	});

	test('Deluge: a query put into a map, partly computed, with its LIMIT in a visible part', () => {
		const source = `email = input.email;
m = Map();
m.put("select_query", "select id from Leads where Email = '" + email + "' limit 1");
r = invokeurl
[
	url: "https://www.zohoapis.com/crm/v8/coql"
	type: POST
	parameters: m.toString()
	connection: "crm"
];`;
		const { credits, lines } = at('deluge', source, 'invokeurl');
		assert.equal(credits, 1);
		assert.ok(
			lines.includes('Followed: the parameters `m` as built before the call; the query is partly computed; its visible parts hold LIMIT 1.'),
			lines.join('\n'),
		);
	});

	test('Deluge: a write body whose list receives one add', () => {
		const source = `rec = Map();
rec.put("Last_Name", "Lee");
l = List();
l.add(rec);
body = Map();
body.put("data", l);
r = invokeurl
[
	url: "https://www.zohoapis.com/crm/v8/Leads"
	type: POST
	body: body.toString()
	connection: "crm"
];`;
		// One add outside loops: 1 record, ceil(1/10) = 1 credit.
		const { credits, lines } = at('deluge', source, 'invokeurl');
		assert.equal(credits, 1);
		assert.ok(lines.includes('Followed: the body `body` as built before the call: 1 record.'), lines.join('\n'));
	});
});
