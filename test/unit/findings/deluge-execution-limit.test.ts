import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../../server/src/core/analyze-texts';
import { resolveSettings } from '../../../server/src/core/config';
import { analyze } from '../check';

const executions = (source: string, settings: Record<string, unknown> = {}) =>
	analyze('deluge', source, settings).executions.map((e) => [e.name, e.statements.perRun, e.statements.low, e.statements.high]);

const findings = (source: string, settings: Record<string, unknown> = {}) =>
	analyze('deluge', source, settings)
		.findings.filter((f) => f.id === 'deluge-execution-limit')
		.map((f) => [f.severity, f.message]);

// Ten literal pages; each record of a page updated. The page loop runs 10 times at the point (no module
// size), 1 at the low end and 200 (the page size) at the high end.
const PAGES = `void automation.update_pages()
{
	for each page in {1,2,3,4,5,6,7,8,9,10}
	{
		recs = zoho.crm.getRecords("Leads", page, 200);
		for each r in recs
		{
			m = Map();
			m.put("Status", "Done");
			zoho.crm.updateRecord("Leads", r.get("id"), m);
		}
	}
}`;

void describe('Deluge statements executed per run', () => {
	test("Zoho's own example: a loop of two statements over five elements executes fifteen", () => {
		// "The total number of statements executed is 15 (3 statements are executed 5 times)": the for each counts too.
		assert.deepEqual(executions('void f()\n{\n\tfor each e in {1,2,3,4,5}\n\t{\n\t\ta = 1;\n\t\tb = 2;\n\t}\n}'), [['f', 15, 15, 15]]);
	});

	test('an invokeurl or sendmail block is one statement; an if/else counts its condition and the arm that executes most', () => {
		const source = `void g(string id)
{
	r = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v8/Leads/" + id
		type: GET
	];
	if (r.isEmpty())
	{
		info "none";
	}
	else
	{
		a = 1;
		b = 2;
		sendmail
		[
			from: zoho.adminuserid
			to: "ops@example.com"
			subject: "Lead"
			message: "seen"
		]
	}
}`;
		// invokeurl 1, if 1, the else arm's three (the other arm has one): 5.
		assert.deepEqual(executions(source), [['g', 5, 5, 5]]);
	});

	test('loops multiply with the same counts as the credits: point, low and high', () => {
		// The page loop's header 10 × 1 + recs 10 × 1 = 20 outside the inner loop; inside it the header and three
		// statements, 4 a record: 10 × 10 × 4 = 400 at the point, 10 × 1 × 4 = 40 at the low end, 10 × 200 × 4 = 8,000 at the high end.
		assert.deepEqual(executions(PAGES), [['automation.update_pages', 420, 60, 8020]]);
	});

	test('a script outside any function is counted as one', () => {
		const source = `for each id in {"1","2","3"}\n{\n\tstandalone.sync_lead(id);\n}\ninfo "done";`;
		// The loop header and the call, 3 times each; info once: 7 statements.
		assert.deepEqual(executions(source), [[undefined, 7, 7, 7]]);
	});
});

void describe('finding: deluge-execution-limit', () => {
	test("within Zoho CRM's 200,000 statements nothing is reported; Creator's 5,000 is passed at the high end: a warning naming the loop", () => {
		assert.deepEqual(findings(PAGES), []);
		assert.deepEqual(findings(PAGES, { delugeLimits: { product: 'creator' } }), [
			[
				'warning',
				'automation.update_pages executes about 420 statements a run, but up to 8,020 when a loop counted 10 times runs 200 times; Zoho Creator stops a function at 5,000, leaving the rest undone. Bound the loop, or state its count with `// zoho-credits: iterations=N` if it never runs that far.',
			],
		]);
		const [finding] = analyze('deluge', PAGES, { delugeLimits: { product: 'creator' } }).findings.filter((f) => f.id === 'deluge-execution-limit');
		// Related: the inner loop's header, line 6.
		assert.deepEqual(
			finding.related.map((r) => [PAGES.slice(r.span.start, r.span.end), r.message]),
			[['for each r in recs', 'this loop can run 200 times (counted 10)']],
		);
	});

	test('a point estimate past the limit the team sets is an error', () => {
		assert.deepEqual(findings(PAGES, { delugeLimits: { statements: 400 } }), [
			[
				'error',
				'automation.update_pages executes about 420 statements a run; Zoho CRM stops a function at 400, leaving the rest undone. Process the records in smaller batches (a scheduled function per page, or a bulk API).',
			],
		]);
	});

	test('calls that nest past the limit, and a function called again before it returns', () => {
		const files = [
			{ path: 'a.dg', language: 'deluge' as const, text: 'void standalone.a()\n{\n\tstandalone.b();\n}' },
			{ path: 'b.dg', language: 'deluge' as const, text: 'void standalone.b()\n{\n\tstandalone.c();\n}' },
			{ path: 'c.dg', language: 'deluge' as const, text: 'void standalone.c()\n{\n\tinfo "leaf";\n}' },
			{
				path: 'walk.dg',
				language: 'deluge' as const,
				text: 'void standalone.walk(string id)\n{\n\tfor each child in zoho.crm.getRelatedRecords("Accounts", "Accounts", id)\n\t{\n\t\tstandalone.walk(child.get("id"));\n\t}\n}',
			},
			{ path: 'start.dg', language: 'deluge' as const, text: 'void standalone.start()\n{\n\tstandalone.walk("1");\n}' },
		];
		const run = (settings: Record<string, unknown>) =>
			analyzeWorkspace(files, resolveSettings([{ values: settings, origin: 'zoho-credits.json' }])).map((a) => [
				a.path,
				a.executions[0].nesting,
				a.findings.filter((f) => f.id === 'deluge-execution-limit').map((f) => [f.severity, f.message]),
			]);
		// a → b → c: a's calls nest 2 deep, b's 1, c's none; walk calls itself, one level before it comes back.
		const recursion = [
			'warning',
			'standalone.walk is called again through standalone.walk before it returns: each level of that recursion nests one more call, and Zoho CRM stops a function whose calls nest past 75. Make sure it ends sooner, or loop instead.',
		];
		assert.deepEqual(run({}), [
			['a.dg', { depth: 2 }, []],
			['b.dg', { depth: 1 }, []],
			['c.dg', { depth: 0 }, []],
			['walk.dg', { depth: 1, recursive: 'standalone.walk' }, [recursion]],
			// Calling into a recursive function is no recursion of its own: start → walk, cut where walk comes back.
			['start.dg', { depth: 2 }, []],
		]);
		// A team limit of one nested call: a's two levels pass it.
		assert.deepEqual(run({ delugeLimits: { nestedCalls: 1 } })[0], [
			'a.dg',
			{ depth: 2 },
			[['error', "standalone.a's calls of other functions nest 2 deep; Zoho CRM stops a function whose calls nest past 1."]],
		]);
	});
});
