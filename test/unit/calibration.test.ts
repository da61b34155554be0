import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetOf, type FileAnalysis } from '../../server/src/core/analysis';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { lookupRest } from '../../server/src/core/catalog';
import { OrgApis, parseOrgApiList } from '../../server/src/core/catalog/org-apis';
import { type EffectiveSettings, resolveSettings } from '../../server/src/core/config';
import { compareObserved, parseObservedUsage } from '../../server/src/core/observed';
import { buildReport } from '../../server/src/core/report';
import { hover } from '../../server/src/lsp/views/hover';
import { markdownSyntax } from './markdown-syntax';

// Upserts with records the code does not show, five times; a Convert Lead; a read; a settings read.
const SYNC = `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v2' });
// zoho-credits: runs-per-day=4
export async function sync(batches: unknown[][]) {
  for (let i = 0; i < 5; i++) {
    await zoho.post('/Contacts/upsert', { data: batches[i] });
  }
  await zoho.post('/Leads/42/actions/convert', {});
  await zoho.get('/Deals');
  await zoho.get('/settings/credit_lens_probe');
}
`;

/** A saved answer of GET /crm/v8/__apis, as Zoho writes it. */
function response(apis: { path: string; method: string; min: number; max: number }[]): string {
	return JSON.stringify({
		__apis: apis.map((a) => ({
			path: a.path,
			operation_types: [{ method: a.method, oauth_scope: 'ZohoCRM.modules.ALL', min_credits: a.min, max_credits: a.max }],
		})),
	});
}

const ORG = response([
	{ path: '/crm/v8/{module_api_name}/upsert', method: 'POST', min: 1, max: 10 },
	{ path: '/crm/v8/Leads/{id}/actions/convert', method: 'POST', min: 7, max: 7 },
	{ path: '/crm/v8/{module_api_name}', method: 'GET', min: 1, max: 3 },
	{ path: '/crm/v8/settings/credit_lens_probe', method: 'GET', min: 2, max: 2 },
]);

function orgApis(text = ORG): OrgApis {
	const parsed = parseOrgApiList(text, { importedAt: '2026-11-20' });
	assert.deepEqual(parsed.errors, []);
	return new OrgApis(parsed.value!);
}

function analyse(extra: Partial<EffectiveSettings> = {}, values: Record<string, unknown> = { edition: 'professional', users: 10 }): FileAnalysis {
	const settings = { ...resolveSettings([{ values, origin: 'settings' }]), ...extra };
	return analyzeWorkspace([{ path: '/w/sync.ts', language: 'typescript', text: SYNC }], settings)[0];
}

void describe('the org API list', () => {
	test('a saved __apis answer is read, one entry per method and path, sorted', () => {
		const parsed = parseOrgApiList(
			response([
				{ path: '/crm/v8/Leads', method: 'get', min: 1, max: 1 },
				{ path: '/crm/v8/Deals?x=1', method: 'GET', min: 1, max: 2 },
				{ path: '/crm/v8/Leads', method: 'GET', min: 1, max: 1 },
			]),
			{ importedAt: '2026-11-20', source: 'apis.json' },
		);
		assert.deepEqual(parsed.value, {
			version: 1,
			importedAt: '2026-11-20',
			source: 'apis.json',
			apis: [
				{ method: 'GET', path: '/crm/v8/Deals', min: 1, max: 2 },
				{ method: 'GET', path: '/crm/v8/Leads', min: 1, max: 1 },
			],
		});
	});

	test('malformed lists are refused whole, each problem named by where it is', () => {
		const errors = (text: string) => parseOrgApiList(text, { importedAt: '2026-11-20' }).errors;
		assert.match(errors('{"__apis": [')[0], /^The API list is not JSON: /);
		assert.deepEqual(errors('[]'), [
			'Expected the saved answer of GET /crm/v8/__apis (an object with an "__apis" list) or a calibration file (an object with an "apis" list).',
		]);
		assert.deepEqual(errors('{"__apis": []}'), ['The API list names no operations.']);
		assert.deepEqual(
			errors(
				JSON.stringify({
					__apis: [
						{ path: '/crm/v8/Leads', operation_types: [{ method: 'GET', min_credits: 3, max_credits: 1 }] },
						{ path: 'crm/v8/Deals', operation_types: [{ method: 'FETCH', min_credits: -1, max_credits: '2' }] },
						{ path: '/crm/v8/Calls' },
						'nonsense',
					],
				}),
			),
			[
				'__apis[0].operation_types[0]: the minimum credits (3) are more than the maximum (1).',
				'__apis[1].operation_types[0]: the path must be text starting with "/", not "crm/v8/Deals".',
				'__apis[1].operation_types[0]: the method must be one of GET, POST, PUT, PATCH, DELETE, not "FETCH".',
				'__apis[1].operation_types[0]: the minimum credits must be a whole number ≥ 0, not -1.',
				'__apis[1].operation_types[0]: the maximum credits must be a whole number ≥ 0, not "2".',
				'__apis[2].operation_types: expected a list, not undefined.',
				'__apis[3]: expected an object with "path" and "operation_types", not "nonsense".',
			],
		);
		assert.deepEqual(errors('{"version": 2, "importedAt": "yesterday", "apis": [{"method": "GET", "path": "/crm/v8/Leads", "min": 1, "max": 1}]}'), [
			'version: expected 1, not 2.',
			'importedAt: expected a date such as "2026-11-25", not "yesterday".',
		]);
	});

	test('a list of many bad entries names the first 20 problems and counts the rest', () => {
		const errors = parseOrgApiList(JSON.stringify({ __apis: Array.from({ length: 1000 }, () => 'nonsense') }), { importedAt: '2026-11-20' }).errors;
		// 1,000 problems, one an entry: 20 listed, 1,000 − 20 = 980 counted.
		assert.equal(errors.length, 21);
		assert.equal(errors[0], '__apis[0]: expected an object with "path" and "operation_types", not "nonsense".');
		assert.equal(errors[19], '__apis[19]: expected an object with "path" and "operation_types", not "nonsense".');
		assert.equal(errors[20], '… and 980 more');
	});

	test('lookups: literal segments win over placeholders, any API version matches, a module placeholder never takes settings', () => {
		const apis = orgApis(
			response([
				{ path: '/crm/v8/{module_api_name}', method: 'GET', min: 1, max: 1 },
				{ path: '/crm/v8/Leads', method: 'GET', min: 2, max: 2 },
			]),
		);
		assert.equal(apis.find('GET', '/crm/v2/Leads')?.min, 2);
		assert.equal(apis.find('get', '/crm/v8/Deals')?.min, 1);
		assert.equal(apis.find('GET', '/crm/v8/settings'), undefined);
		assert.equal(apis.find('POST', '/crm/v8/Deals'), undefined);
		// A computed segment may be any module: the placeholder entry, not the Leads one, which it only might be.
		assert.equal(apis.find('GET', '/crm/v8/{x}')?.min, 1);
	});
});

void describe('ranges and the org list in the estimate', () => {
	test('without the list: hidden record counts open a range, fixed prices do not', () => {
		const analysis = analyse();
		const upsert = analysis.estimate.calls.find((c) => c.operation.api === 'Upsert Records')!;
		// Records not visible: one record (1 credit) a call, up to ceil(100/10) = 10; × 5 iterations.
		assert.deepEqual([upsert.credits, upsert.perRun, upsert.low, upsert.high], [1, 5, 5, 50]);
		const entry = analysis.entryPoints.find((e) => e.name === 'sync')!;
		// 5 + 5 (Convert Lead) + 1 (Get Records) + 1 (not in the catalog: the default); high 50 + 5 + 1 + 1.
		assert.deepEqual([entry.perRun, entry.low, entry.high], [12, 12, 57]);
		assert.deepEqual([entry.perDay, entry.perDayLow, entry.perDayHigh], [48, 48, 228]);
		assert.deepEqual(entry.apisPerDay, { 'Upsert Records': 20, 'Convert Lead': 20, 'Get Records': 4, 'Zoho CRM API': 4 });
		const report = buildReport([{ path: 'sync.ts', analysis }], budgetOf(analysis.settings));
		assert.deepEqual(report.totals, { perDay: 48, perDayLow: 48, perDayHigh: 228, shareOfDaily: 48 / 55000 });
		assert.deepEqual(report.entryPoints[0].explanation.slice(0, 2), [
			'≈ 12 (12–57) credits per run × 4 runs a day (from the annotation) = ≈ 48 (48–228) credits a day, 0.09% of the daily 55,000.',
			"The range: what the calls cost where the records, a LIMIT, how far a loop can run or your org's list leave it open, 12 at the fewest and 57 at the most per run.",
		]);
	});

	test("the org's figures override the catalog, add what it lacks, and hover says where they come from", () => {
		const analysis = analyse({ orgApis: orgApis() });
		const byApi = new Map(analysis.estimate.calls.map((c) => [c.operation.api, c] as const));
		assert.deepEqual([...byApi.keys()], ['Upsert Records', 'Convert Lead', 'Get Records', "GET settings credit_lens_probe (your org's API list)"]);
		// Convert Lead: the org says 7, not the catalog's 5.
		const convert = byApi.get('Convert Lead')!;
		assert.deepEqual([convert.credits, convert.low, convert.high, convert.operation.verification], [7, 7, 7, 'org-api-list']);
		// Get Records: the catalog's 1 inside the org's 1–3.
		const read = byApi.get('Get Records')!;
		assert.deepEqual([read.credits, read.low, read.high], [1, 1, 3]);
		// Unknown to the catalog, listed by the org at 2.
		assert.deepEqual(
			[
				byApi.get("GET settings credit_lens_probe (your org's API list)")!.credits,
				byApi.get("GET settings credit_lens_probe (your org's API list)")!.operation.inCatalog,
			],
			[2, true],
		);
		const entry = analysis.entryPoints.find((e) => e.name === 'sync')!;
		// 5 + 7 + 1 + 2 = 15; low 5 + 7 + 1 + 2 = 15; high 50 + 7 + 3 + 2 = 62; × 4 runs a day.
		assert.deepEqual([entry.perRun, entry.low, entry.high, entry.perDay, entry.perDayLow, entry.perDayHigh], [15, 15, 62, 60, 60, 248]);
		const at = SYNC.indexOf("zoho.post('/Leads");
		const text = (hover(analysis, at)!.contents as { value: string }).value;
		assert.match(text, /\*\*Zoho CRM: Convert Lead\*\*: 7 credits per call/);
		assert.match(text, /Credit figure: from your org’s API list \(2026-11-20\): `\/crm\/v8\/Leads\/\{id\}\/actions\/convert`, 7 credits/);
		const upsertText = (hover(analysis, SYNC.indexOf("zoho.post('/Contacts"))!.contents as { value: string }).value;
		assert.match(upsertText, /\*\*≈ 5 \(5–50\) credits per run\*\*/);
		// The loop's bound is literal: the range is the org's 1–10 per call, and no loop drives it.
		assert.match(upsertText, /your org’s min–max\)\. Findings use the point value, and the high end for one run exhausting the day\./);
	});

	test("a path from the org's list shows as code and text in the hover, never as an image", () => {
		// A backtick in the path would end a one-backtick code span and let the image out.
		const path = '/crm/v8/settings/x`![p](https://evil.example/pixel.png)`';
		const apis = orgApis(response([{ path, method: 'GET', min: 2, max: 2 }]));
		const text = `import axios from 'axios';\nconst zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });\nexport async function probe() {\n  await zoho.get('/settings/x\`![p](https://evil.example/pixel.png)\`');\n}\n`;
		const settings = { ...resolveSettings([{ values: { edition: 'professional', users: 10 }, origin: 'settings' }]), orgApis: apis };
		const [analysis] = analyzeWorkspace([{ path: '/w/probe.ts', language: 'typescript', text }], settings);
		const value = (hover(analysis, text.indexOf('zoho.get'))!.contents as { value: string }).value;
		assert.ok(!markdownSyntax(value).includes('!['), value);
		const lines = value.split('\n');
		// The name the org's list gives it (its literal segments) is text; its path is code in a two-backtick
		// fence, with a space inside each fence since the path ends with a backtick.
		assert.equal(lines[0], "**Zoho CRM: GET settings x\\`!\\[p\\](https: evil.example pixel.png)\\` (your org's API list)**: 2 credits per call");
		assert.ok(
			lines.includes('Credit figure: from your org’s API list (2026-11-20): `` /crm/v8/settings/x`![p](https://evil.example/pixel.png)` ``, 2 credits'),
			value,
		);
	});

	test('one run exhausting the day is judged at the high end, and says so', () => {
		const wide = orgApis(response([{ path: '/crm/v8/{module_api_name}', method: 'GET', min: 1, max: 6000 }]));
		const analysis = analyse({ orgApis: wide }, { edition: 'free' });
		// Point 5 + 5 + 1 + 1 = 12, below Free's 5,000; high 50 + 5 + 6,000 + 1 = 6,056, above it.
		const finding = analysis.findings.find((f) => f.id === 'single-run-exhausts');
		assert.ok(finding, 'single-run-exhausts at the high end');
		assert.match(finding.message, /^One run of sync can cost up to 6,056 credits \(the high end of ≈ 12 \(12–6,056\) credits\), more than the 5,000 credits/);
		// Without the list, the high end is 57: no such finding.
		assert.equal(
			analyse({}, { edition: 'free' }).findings.some((f) => f.id === 'single-run-exhausts'),
			false,
		);
	});
});

void describe('observed usage', () => {
	const CSV = [
		'entry_point,api,credits,date',
		'sync,,300,2026-11-20',
		'sync,,180,2026-11-21',
		',Convert Lead,40,2026-11-20',
		',"GET /crm/v8/Deals",8,2026-11-20',
		',Get Blueprint,3,',
	].join('\n');

	test('CSV beside the estimate: averaged per day, matched by name or by request, with the ratio', () => {
		const parsed = parseObservedUsage(CSV, { fileName: 'usage.csv', importedAt: '2026-11-25' });
		assert.deepEqual(parsed.errors, []);
		assert.equal(parsed.value!.rows.length, 5);
		const analysis = analyse();
		const report = buildReport([{ path: 'sync.ts', analysis }], budgetOf(analysis.settings));
		assert.deepEqual(compareObserved(report, parsed.value!), [
			// (300 + 180) / 2 days against 12 × 4 = 48.
			{ kind: 'entry-point', name: 'sync', observedPerDay: 240, days: 2, estimatedPerDay: 48, ratio: 240 / 48 },
			// 5 × 4 runs = 20 a day estimated.
			{ kind: 'api', name: 'Convert Lead', observedPerDay: 40, days: 1, estimatedPerDay: 20, ratio: 2 },
			// The request names Get Records: 1 × 4 runs.
			{ kind: 'api', name: 'Get Records', observedPerDay: 8, days: 1, estimatedPerDay: 4, ratio: 2 },
			// Spent, but by no code the scan found.
			{ kind: 'api', name: 'Get Blueprint', observedPerDay: 3, days: 1, estimatedPerDay: null, ratio: null },
		]);
	});

	test('JSON lists, semicolons, quotes and thousands separators are read alike', () => {
		const json = parseObservedUsage('[{"entryPoint": "sync", "credits": 1200, "date": "2026-11-20"}]', { fileName: 'usage.json', importedAt: '2026-11-25' });
		assert.deepEqual(json.value?.rows, [{ entryPoint: 'sync', credits: 1200, date: '2026-11-20' }]);
		const csv = parseObservedUsage('Entry Point;Credits\n"sync; nightly";"1,200"\n', { fileName: 'usage.csv', importedAt: '2026-11-25' });
		assert.deepEqual(csv.value?.rows, [{ entryPoint: 'sync; nightly', credits: 1200 }]);
	});

	test('malformed usage files are refused with the line and the reason', () => {
		const errors = (text: string, fileName = 'usage.csv') => parseObservedUsage(text, { fileName, importedAt: '2026-11-25' }).errors;
		assert.deepEqual(errors('entry_point,date\nsync,2026-11-20'), ['line 1: the header needs a "credits" column; it has "entry_point", "date".']);
		assert.deepEqual(errors('name,credits\nsync,3'), ['line 1: the header needs an "entry_point" or an "api" column.']);
		assert.deepEqual(errors('entry_point,api,credits,date\nsync,,lots,2026-11-20\n,,4,\nsync,Get Records,1,20/11/2026'), [
			'line 2: credits must be a number ≥ 0, not "lots".',
			'line 3: name an entry point or an API.',
			'line 4: name an entry point or an API, not both.',
			'line 4: the date must look like 2026-11-25, not "20/11/2026".',
		]);
		assert.deepEqual(errors(''), ['The file is empty: expected a header line such as "entry_point,api,credits,date".']);
		assert.deepEqual(errors('entry_point,credits\n'), ['The usage file holds no observations.']);
		assert.deepEqual(errors('{"observed": [{"api": "Get Records", "credits": -2}]}', 'usage.json'), ['observed[0]: credits must be a number ≥ 0, not -2.']);
		assert.match(errors('{"observed": [', 'usage.json')[0], /^The usage file is not JSON: /);
	});

	test('a file of many bad rows names the first 20 problems and counts the rest', () => {
		const bad = (rows: number) => `entry_point,credits\n${'sync,many\n'.repeat(rows)}`;
		const errors = parseObservedUsage(bad(1000), { fileName: 'usage.csv', importedAt: '2026-11-25' }).errors;
		// Rows are lines 2 to 1,001, one problem each: lines 2 to 21 listed, 1,000 − 20 = 980 counted.
		assert.equal(errors.length, 21);
		assert.equal(errors[0], 'line 2: credits must be a number ≥ 0, not "many".');
		assert.equal(errors[19], 'line 21: credits must be a number ≥ 0, not "many".');
		assert.equal(errors[20], '… and 980 more');
		// 20,020 rows: 20,000 more, with the thousands separator of every other number.
		assert.equal(parseObservedUsage(bad(20020), { fileName: 'usage.csv', importedAt: '2026-11-25' }).errors.at(-1), '… and 20,000 more');
		const json = parseObservedUsage(JSON.stringify({ observed: Array.from({ length: 1000 }, () => ({ api: 'Get Records', credits: -2 })) }), {
			fileName: 'usage.json',
			importedAt: '2026-11-25',
		}).errors;
		assert.deepEqual([json.length, json[20]], [21, '… and 980 more']);
	});

	test('an API named by its request resolves through the catalog', () => {
		assert.equal(lookupRest('POST', '/crm/v8/Leads/1/actions/convert').api, 'Convert Lead');
	});
});
