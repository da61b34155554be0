import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Operation } from '../../server/src/core/catalog';
import type { Finding } from '../../server/src/core/findings';
import { codeActions } from '../../server/src/lsp/views/code-actions';
import { diagnostics } from '../../server/src/lsp/views/diagnostics';
import { hover } from '../../server/src/lsp/views/hover';
import { inlayHints } from '../../server/src/lsp/views/inlay-hints';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { resolveSettings } from '../../server/src/core/config';
import { analyze } from './check';

const SOURCE = `void automation.f()
{
  lead = zoho.crm.getRecordById("Leads", 1);
  for each p in {1,2,3}
  {
    zoho.crm.convertLead(p, Map());
  }
}`;
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

void describe('views', () => {
	test('hover on a call in a loop: API, price, the loop and its reason, per run, share of the day', () => {
		const analysis = analyze('deluge', SOURCE);
		const result = hover(analysis, SOURCE.indexOf('convertLead') + 3);
		assert.ok(result);
		const value = (result.contents as { value: string }).value;
		// 5 × 3 = 15 credits; 15 / 15,000 (Professional, 10 users) = 0.1%.
		assert.equal(
			value,
			[
				'**Zoho CRM: Convert Lead**: 5 credits per call',
				'',
				'`POST /crm/v2/Leads/{lead_id}/actions/convert`: 5 credits per call',
				'',
				'Credit figure: stated by Zoho ([source](https://www.zoho.com/crm/developer/docs/api/v4/api-limits.html))',
				'',
				'- ×3: loop at line 4, literal list of 3 items',
				'',
				'**15 credits per run**; at 1 run a day (assumed) that is 15 credits a day, 0.03% of the daily 55,000 credits.',
				'',
				'Budget: Professional (assumed), 10 users (assumed), current table (read 2026-11-25). [Set edition and users](command:zohoCredits.selectEdition)',
				'',
				'[Zoho documentation](https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html)',
			].join('\n'),
		);
		assert.deepEqual(result.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 34 } });
	});

	test('hover on a write states the per-record rule, how firm its figure is, and the assumption it needs', () => {
		const source = '  zoho.crm.bulkCreate("Leads", rows);\n  zoho.crm.v8.bulkUpdate("Deals", {a, b, c, d, e, f, g, h, i, j, k});';
		const analysis = analyze('deluge', source);
		const unknown = (hover(analysis, 5)!.contents as { value: string }).value.split('\n');
		assert.deepEqual(unknown.slice(0, 7), [
			'**Zoho CRM: Create Records**: 1 credit per call',
			'',
			'`POST /crm/v2/{module_api_name}`: 1 credit per 10 records, rounded up; at most 100 records per call',
			'',
			'Credit figure: from third-party copies of Zoho’s limits page, not confirmed on it ([source](https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html))',
			'',
			'record count not visible: assumed 1 record (1 credit), up to 100, the most one call takes (10 credits) (assumed)',
		]);
		// 11 records in a literal list: ceil(11/10) = 2.
		const known = (hover(analysis, source.indexOf('bulkUpdate'))!.contents as { value: string }).value;
		assert.ok(known.includes('\n11 records → ceil(11/10) = 2 credits\n'), known);
	});

	test('hover names where a configured default loop count came from', () => {
		const analysis = analyze('deluge', 'for each x in xs\n{\n  zoho.crm.getRecords("Leads");\n}', { defaultLoopIterations: 4 });
		const value = (hover(analysis, analysis.facts.calls[0].span.start)!.contents as { value: string }).value;
		assert.ok(
			value.includes(
				'- ×4: loop at line 1, default of 4 iterations: the bound is not visible in the code; 1 to 100 (assumedIterations.high) (assumed; the default count is from settings)',
			),
			value,
		);
		// 1 × 4 at the point, 1 × 1 to 1 × 100 as the loop's range; the loop drives the high end.
		assert.ok(value.includes('**≈ 4 (1–100) credits per run**'), value);
		assert.ok(value.includes('; the loop at line 1 can run up to 100 times (counted 4). Findings use the point value'), value);
	});

	test('no hover away from calls, entry points and loops', () => {
		const analysis = analyze('deluge', SOURCE);
		assert.equal(hover(analysis, SOURCE.indexOf('lead =')), null);
		// A loop with no Zoho CRM call inside has nothing to say.
		const plain = analyze('deluge', 'for each x in {1,2}\n{\n  info x;\n}');
		assert.equal(hover(plain, 2), null);
	});

	test('hover on a loop header: its count and why, and the calls it multiplies', () => {
		const analysis = analyze('deluge', SOURCE);
		const value = (hover(analysis, SOURCE.indexOf('for each') + 2)!.contents as { value: string }).value;
		// convertLead: 5 × 3 = 15 a run.
		assert.equal(
			value,
			[
				'**Loop ×3**: literal list of 3 items',
				'',
				'It multiplies:',
				'- line 6: Convert Lead, 5 credits ×3 (loop at line 4: literal list of 3 items) = 15 credits',
				'',
				'**15 credits per run** inside this loop.',
			].join('\n'),
		);
	});

	test('hover on a loop with an assumed count and an if/else inside: the dearest branch, and how to state the count', () => {
		const text = 'for each x in xs\n{\n  if (x > 1)\n  {\n    zoho.crm.convertLead(x, Map());\n  }\n  else\n  {\n    zoho.crm.getRecords("Leads");\n  }\n}';
		const analysis = analyze('deluge', text);
		const value = (hover(analysis, 3)!.contents as { value: string }).value;
		// convertLead 5 × 10 (default) = 50, 5 × 1 to 5 × 100; getRecords 1 × 10 = 10, 1 to 100; one arm runs: 50 (5–500).
		const why = 'default of 10 iterations: the bound is not visible in the code; 1 to 100 (assumedIterations.high)';
		assert.equal(
			value,
			[
				`**Loop ×10**: ${why} (assumed)`,
				'',
				'It multiplies:',
				`- line 5: Convert Lead, 5 credits ×10 (loop at line 1: ${why}, assumed) = ≈ 50 (5–500) credits`,
				`- line 9: Get Records, 1 credit ×10 (loop at line 1: ${why}, assumed) = ≈ 10 (1–100) credits`,
				'',
				'**≈ 50 (5–500) credits per run** inside this loop, counting only the dearest branch of each if/else.',
				'',
				'State the count with `// zoho-credits: iterations=N` on the line above the loop.',
			].join('\n'),
		);
	});

	test('hover through a wrapper names its file as it is: a percent sign is no URI escape', () => {
		const convert = (name: string) =>
			`export async function ${name}(id: string) {\n  return fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });\n}\n`;
		const job =
			"import { convertA } from './100%';\nimport { convertB } from './x%41';\nexport async function job() {\n  await convertA('1');\n  await convertB('2');\n}\n";
		const analyses = analyzeWorkspace(
			[
				{ path: '/w/100%.ts', language: 'typescript', text: convert('convertA') },
				{ path: '/w/x%41.ts', language: 'typescript', text: convert('convertB') },
				{ path: '/w/job.ts', language: 'typescript', text: job },
			],
			resolveSettings([]),
		);
		const value = (name: string) => (hover(analyses[2], job.indexOf(`${name}('`))!.contents as { value: string }).value;
		// "100%.ts" is no valid escape sequence (decoding it threw); "x%41.ts" is not "xA.ts".
		assert.ok(value('convertA').includes('`convertA()` (100%.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (100%.ts)'), value('convertA'));
		assert.ok(value('convertB').includes('`convertB()` (x%41.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (x%41.ts)'), value('convertB'));
		// A file known by its URI (not the case for workspace files, whose paths are paths) is named by the URI's decoded path.
		const both = `${convert('convertA')}export async function job() {\n  await convertA('1');\n}\n`;
		const [byUri] = analyzeWorkspace([{ path: 'file:///w/a%20b.ts', language: 'typescript', text: both }], resolveSettings([]));
		const uriValue = (hover(byUri, both.indexOf("convertA('"))!.contents as { value: string }).value;
		assert.ok(uriValue.includes('`convertA()` (a b.ts) → `POST /crm/v8/Leads/{lead_id}/actions/convert` (a b.ts)'), uriValue);
	});

	test('inlay hints sit at the end of each costly line; modes all, loops, off', () => {
		const analysis = analyze('deluge', SOURCE);
		const all = inlayHints(analysis, WHOLE, 'all');
		assert.deepEqual(
			all.map((h) => [h.position, h.label]),
			[
				[{ line: 2, character: 44 }, '1 cr'],
				[{ line: 5, character: 35 }, '×3 → 15 cr/run'],
			],
		);
		assert.deepEqual(
			inlayHints(analysis, WHOLE, 'loops').map((h) => h.label),
			['×3 → 15 cr/run'],
		);
		assert.deepEqual(inlayHints(analysis, WHOLE, 'off'), []);
		const firstLineOnly = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
		assert.deepEqual(
			inlayHints(analysis, firstLineOnly, 'all').map((h) => h.label),
			['1 cr'],
		);
	});

	test('a line spending 1% of the day or more says so; past the warning share it is flagged', () => {
		const hintFor = (runs: number) => {
			const text = `// zoho-credits: runs-per-day=${runs}\nvoid automation.f()\n{\n  for each p in {1,2,3}\n  {\n    zoho.crm.convertLead(p, Map());\n  }\n}\n`;
			const [analysis] = analyzeWorkspace(
				[{ path: '/w/f.dg', language: 'deluge', text }],
				resolveSettings([{ values: { edition: 'professional', users: 10 }, origin: 'settings' }]),
			);
			return inlayHints(analysis, WHOLE, 'all').map((h) => h.label);
		};
		// Convert Lead 5 × 3 = 15 a run. Of 55,000 a day: 1 run 0.03% (not shown), 100 runs 1,500 = 2.7%,
		// 2,200 runs 33,000 = 60% (past the warning share of 50%).
		assert.deepEqual(hintFor(1), ['×3 → 15 cr/run']);
		assert.deepEqual(hintFor(100), ['×3 → 15 cr/run (2.7% a day)']);
		assert.deepEqual(hintFor(2200), ['⚠ ×3 → 15 cr/run (60% a day)']);
	});

	test('Deluge syntax problems show as information beside the findings; TypeScript leaves its own to TypeScript', () => {
		const source = 'for each p in {1,2}\n{\n  zoho.crm.getRecords("Leads");\n';
		const shown = diagnostics(analyze('deluge', source), 'file:///f.dg', false);
		assert.deepEqual(
			shown.map((d) => [d.code, d.severity, d.message]),
			[
				['call-in-loop', 2, 'Get Records runs inside a loop: 1 credit ×2 = 2 credits per run.'],
				['unclosed-block', 3, 'This "{" is never closed with "}".'],
			],
		);
		assert.deepEqual(diagnostics(analyze('typescript', 'const x = ;\n'), 'file:///f.ts', false), []);
	});

	test('two calls on one line share one hint with their sum', () => {
		const source = '  a = zoho.crm.getRecords("Leads"); b = zoho.crm.v8.convertLead(1, Map());';
		const hints = inlayHints(analyze('deluge', source), WHOLE, 'all');
		assert.deepEqual(
			hints.map((h) => h.label),
			['6 cr/run'],
		);
	});

	test('diagnostics carry severity, source, code, docs and related loops when the client shows them', () => {
		const analysis = analyze('deluge', SOURCE);
		const [d] = diagnostics(analysis, 'file:///f.dg', true);
		assert.equal(d.severity, DiagnosticSeverity.Warning);
		assert.equal(d.source, 'Zoho Credit Lens');
		assert.equal(d.code, 'heavy-call-in-loop');
		// The squiggle covers the callee, `zoho.crm.convertLead` (20 characters), not its arguments.
		assert.deepEqual(d.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 24 } });
		assert.deepEqual(d.relatedInformation?.[0].location, {
			uri: 'file:///f.dg',
			range: { start: { line: 3, character: 2 }, end: { line: 3, character: 23 } },
		});
		assert.equal(diagnostics(analysis, 'file:///f.dg', false)[0].relatedInformation, undefined);
	});

	test('diagnostics, hover and code actions pass on only the parsed URL, and drop a link that is no documentation page', () => {
		const source = 'for each p in {1,2,3}\n{\n  zoho.crm.convertLead(p, Map());\n}';
		const analysis = analyze('deluge', source);
		// A catalog entry and its finding with odd links, as a broken catalog could hold them.
		const call = analysis.estimate.calls[0] as { operation: Operation };
		call.operation = { ...call.operation, docs: 'https://zoho.com\\@evil.example/', sources: ['https://user:secret@www.zoho.com/limits.html'] };
		const findings = analysis.findings as Finding[];
		findings[0] = { ...findings[0], docs: 'https://zoho.com\\@evil.example/' };
		const shown = diagnostics(analysis, 'file:///f.dg', false);
		assert.deepEqual(shown[0].codeDescription, { href: 'https://zoho.com/@evil.example/' });
		const value = (hover(analysis, source.indexOf('convertLead'))!.contents as { value: string }).value.split('\n');
		// The source has a user name: no link; the page is linked as parsed.
		assert.ok(value.includes('Credit figure: stated by Zoho'), value.join('\n'));
		assert.equal(value.at(-1), '[Zoho documentation](https://zoho.com/@evil.example/)');
		const line = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
		const open = codeActions(analysis, 'file:///f.dg', line, shown).find((a) => a.command?.command === 'zohoCredits.server.openDocumentation');
		assert.deepEqual(open?.command?.arguments, ['https://zoho.com/@evil.example/']);
		// A page that is not documentation gets no link and no action at all.
		call.operation = { ...call.operation, docs: 'https://evil.example/' };
		findings[0] = { ...findings[0], docs: 'https://evil.example/' };
		assert.equal(diagnostics(analysis, 'file:///f.dg', false)[0].codeDescription, undefined);
		assert.ok(!(hover(analysis, source.indexOf('convertLead'))!.contents as { value: string }).value.includes('evil.example'));
		assert.equal(
			codeActions(analysis, 'file:///f.dg', line, shown).find((a) => a.command?.command === 'zohoCredits.server.openDocumentation'),
			undefined,
		);
	});
});

void describe('hover on a flagged call, where the editor opens the reasoning from a link', () => {
	const source = 'for each p in {1,2,3}\n{\n  zoho.crm.convertLead(p, Map());\n}\nzoho.crm.getRecords("Leads");';
	const at = source.indexOf('convertLead');

	test('is short: the operation, its credits, the loops, per run and per day, and the link; the finding is not repeated', () => {
		const analysis = analyze('deluge', source);
		assert.deepEqual(
			analysis.findings.map((f) => f.id),
			['heavy-call-in-loop'],
		);
		const value = (hover(analysis, at, 'file:///f.dg')!.contents as { value: string }).value;
		// Convert Lead 5 × 3 = 15 a run; once a day (assumed): 15 of 55,000 = 0.03%.
		const args = encodeURIComponent(JSON.stringify(['file:///f.dg', source.indexOf('zoho.crm.convertLead')]));
		assert.deepEqual(value.split('\n'), [
			'**Zoho CRM: Convert Lead**: 5 credits per call',
			'',
			'Loops: ×3 (loop at line 1)',
			'',
			'**15 credits per run**; 15 credits a day at 1 run (assumed), 0.03% of 55,000.',
			'',
			`[How this figure is reached](command:zohoCredits.explainCall?${args}) · [Zoho documentation](https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html)`,
		]);
		assert.doesNotMatch(value, /Move it out of the loop|Budget:/);
	});

	test('a call nothing flags, and any call where the editor cannot follow the link, hover whole', () => {
		const analysis = analyze('deluge', source);
		const unflagged = (hover(analysis, source.indexOf('getRecords'), 'file:///f.dg')!.contents as { value: string }).value;
		assert.match(unflagged, /^\*\*Zoho CRM: Get Records\*\*: 1 credit per call\n/);
		assert.match(unflagged, /\nBudget: /);
		const whole = (hover(analysis, at)!.contents as { value: string }).value;
		assert.match(whole, /\n- ×3: loop at line 1, literal list of 3 items\n/);
		assert.match(whole, /\nBudget: /);
	});
});
