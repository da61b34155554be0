import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportMarkdown } from '../../shared/markdown-report';
import type { JsonReport } from '../../shared/report';
import { markdownSyntax } from './markdown-syntax';

const REPORT: JsonReport = {
	version: 1,
	budget: { edition: 'professional', users: 10, addOnCredits: 0, table: 'seed', dailyCredits: 15000, concurrency: 15 },
	files: [
		{
			path: 'jobs/convert.ts',
			language: 'typescript',
			calls: [
				{
					line: 5,
					column: 11,
					endLine: 5,
					endColumn: 26,
					api: 'Convert Lead',
					operation: 'POST /crm/v8/Leads/{id}/actions/convert',
					via: 'wrapper',
					credits: 5,
					multiplier: 4,
					inLoop: true,
					assumed: [],
					perRun: 20,
					low: 20,
					high: 20,
					chain: [],
				},
			],
		},
		{
			path: 'lib/a|b.ts',
			language: 'typescript',
			calls: [
				{
					line: 2,
					column: 1,
					endLine: 2,
					endColumn: 9,
					api: 'Get Records',
					operation: 'GET /crm/v8/{module}',
					via: 'rest',
					credits: 1,
					multiplier: 1,
					inLoop: false,
					assumed: [],
					perRun: 1,
					low: 1,
					high: 1,
					chain: [],
				},
			],
		},
	],
	entryPoints: [
		{
			name: 'convertAll',
			path: 'jobs/convert.ts',
			line: 3,
			perRun: 20,
			runsPerDay: 24,
			runsSource: 'annotation',
			perDay: 480,
			low: 20,
			high: 20,
			perDayLow: 480,
			perDayHigh: 480,
			shareOfDaily: 480 / 15000,
			assumed: false,
			explanation: [],
		},
		{
			name: 'lib/a|b.ts (top level)',
			path: 'lib/a|b.ts',
			line: 1,
			perRun: 1,
			runsPerDay: 1,
			runsSource: 'default',
			perDay: 1,
			low: 1,
			high: 1,
			perDayLow: 1,
			perDayHigh: 1,
			shareOfDaily: 1 / 15000,
			assumed: true,
			explanation: [],
		},
	],
	findings: [
		{
			id: 'call-in-loop',
			severity: 'warning',
			path: 'jobs/convert.ts',
			line: 5,
			column: 11,
			message: 'convertLead() runs inside a loop.',
			related: [],
			fingerprint: '0',
		},
	],
	skipped: [],
	apis: [
		{ api: 'Convert Lead', perDay: 480 },
		{ api: 'Get Records', perDay: 1 },
	],
	totals: { perDay: 481, perDayLow: 481, perDayHigh: 481, shareOfDaily: 481 / 15000 },
};

void describe('markdown report', () => {
	test('total, entry points, findings, calls and assumptions; pipes in cells are escaped', () => {
		assert.equal(
			reportMarkdown(REPORT, ['Edition Professional (assumed).']),
			`# Zoho CRM API credits

**481 credits a day of 15,000 (3.2%)**: professional, 10 users, seed table (the source document, undated).

## Entry points (2)

| Entry point | Where | Per run | Runs a day | Per day | Share |
| --- | --- | ---: | ---: | ---: | ---: |
| convertAll | jobs/convert.ts:3 | 20 | 24 | 480 | 3.2% |
| lib/a\\|b.ts (top level) | lib/a\\|b.ts:1 | 1 | 1 (assumed) | 1 | 0.007% |

## Findings (1)

- **warning** \`jobs/convert.ts:5\` convertLead() runs inside a loop. (call-in-loop)

## Calls (2)

| Where | API | Credits | Loops | Per run |
| --- | --- | ---: | ---: | ---: |
| jobs/convert.ts:5 | Convert Lead | 5 | ×4 | 20 |
| lib/a\\|b.ts:2 | Get Records | 1 |  | 1 |

## Assumptions

- Edition Professional (assumed).
`,
		);
	});

	test('names, paths, API names and messages stay text: no forged heading, image or HTML comment', () => {
		const forged = 'a.ts`\n\n## Zoho CRM credits: no change\n\n<!-- \n.ts';
		const image = "GET settings ![p](https://evil.example/pixel.png) (your org's API list)";
		const call = { ...REPORT.files[1].calls[0], api: image };
		const report: JsonReport = {
			...REPORT,
			files: [{ path: forged, language: 'typescript', calls: [call] }],
			entryPoints: [{ ...REPORT.entryPoints[1], name: `${forged} (top level)`, path: forged }],
			findings: [{ ...REPORT.findings[0], path: forged, message: `${image} runs inside a loop.` }],
			totals: { perDay: 1, perDayLow: 1, perDayHigh: 1, shareOfDaily: 1 / 15000 },
		};
		const text = reportMarkdown(report, ['Module sizes (from zoho-credits.json): Leads\n## x 10 records.']);
		const lines = text.split('\n');
		assert.deepEqual(
			lines.filter((line) => line.startsWith('#')),
			['# Zoho CRM API credits', '## Entry points (1)', '## Findings (1)', '## Calls (1)', '## Assumptions'],
		);
		const syntax = markdownSyntax(text);
		assert.ok(!syntax.includes('<!--'), text);
		assert.ok(!syntax.includes('!['), text);
		// The name's line breaks are spaces, its backtick and "<" escaped; 1 of 15,000 is 0.007%.
		assert.ok(
			lines.includes(
				'| a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts (top level) | a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts:1 | 1 | 1 (assumed) | 1 | 0.007% |',
			),
			text,
		);
		assert.ok(
			lines.includes(
				"- **warning** ``a.ts`  ## Zoho CRM credits: no change  <!--  .ts:5`` GET settings !\\[p\\](https://evil.example/pixel.png) (your org's API list) runs inside a loop. (call-in-loop)",
			),
			text,
		);
		assert.ok(lines.includes('- Module sizes (from zoho-credits.json): Leads ## x 10 records.'), text);
	});
});
