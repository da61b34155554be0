import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetOf, DEFAULT_SETTINGS } from '../../server/src/core/analysis';
import { analyzeFile, analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { PARSER_TRAP } from '../../server/src/core/facts';
import { scanFile } from '../../server/src/core/scan/scan-file';
import {
	bareAwaits,
	deepestAsyncParentheses,
	longestModifierRun,
	MAX_BARE_AWAITS,
	MAX_NESTED_ASYNC_PARENTHESES,
	MAX_REPEATED_MODIFIERS,
} from '../../server/src/core/scan/typescript/parser-traps';
import { LIMITS, parseTeamConfig, resolveSettings } from '../../server/src/core/config';
import { braceExpansions, MAX_GLOB_EXPANSIONS } from '../../server/src/core/config/globs';
import { matchesAny } from '../../server/src/workspace/discover';
import { buildReport } from '../../server/src/core/report';
import { parseAnnotation } from '../../server/src/core/scan/annotations';
import { MAX_SYNTAX_ERRORS, scanDeluge } from '../../server/src/core/scan/deluge';
import { parse } from '../../server/src/core/scan/deluge/parser';
import { MAX_NESTING, NESTING_LIMIT } from '../../server/src/core/facts';
import { evaluate, MAX_EVALUATION_STEPS, MAX_TEXT_LENGTH, Scope } from '../../server/src/core/scan/typescript/values';

/** The first expression of `const q = …;`. */
function initializerOf(text: string): ts.Expression {
	const source = ts.createSourceFile('q.ts', text, ts.ScriptTarget.Latest, true);
	const statement = source.statements[0] as ts.VariableStatement;
	return statement.declarationList.declarations[0].initializer!;
}

// A test that hangs is a failure: each of these ran for seconds to hours before the fix.
const LIMIT = { timeout: 20_000 };

void describe('hostile input: string concatenation', () => {
	test('a chain of 40 string terms is read in linear time, each term once', LIMIT, () => {
		const scope = new Scope();
		const value = evaluate(initializerOf(`const q = ${Array(40).fill('"a"').join(' + ')};`), scope);
		assert.deepEqual(value, { kind: 'string', text: 'a'.repeat(40) });
		// 40 terms: the chain itself plus one step a term (the old reading doubled at every `+`: 2^40).
		assert.equal(scope.work.steps, 41);
	});

	test('numbers before text add up first, as JavaScript does', () => {
		assert.deepEqual(evaluate(initializerOf('const q = 1 + 2 + "/Leads" + 3;'), new Scope()), { kind: 'string', text: '3/Leads3' });
	});

	test('a file of 32 concatenated terms still shows the call beside it', LIMIT, () => {
		const text = `export const q = ${Array(32).fill('"a"').join(' + ')};\nfetch("https://www.zohoapis.com/crm/v8/Leads/" + q);\n`;
		const analysis = analyzeFile('q.ts', 'typescript', text);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => [c.operation.api, c.credits]),
			[['Get Record', 1]],
		);
	});

	test('text that doubles at every step stops growing at the length limit and the call is still found', LIMIT, () => {
		let text = 'const a0 = "x";\n';
		for (let i = 1; i < 60; i++) text += `const a${i} = a${i - 1} + a${i - 1};\n`;
		text += 'fetch("https://www.zohoapis.com/crm/v8/Deals?x=" + a59);\n';
		const facts = scanFile(text, 'd.ts', 'typescript');
		assert.equal(facts.errors.length, 0);
		assert.equal(facts.calls.length, 1);
		// 2^17 = 131,072 characters is past the limit (65,536): a17 is unknown, a16 is the last known.
		const scope = new Scope();
		const source = ts.createSourceFile('d.ts', text, ts.ScriptTarget.Latest, true);
		for (const statement of source.statements.slice(0, 18)) {
			const declaration = (statement as ts.VariableStatement).declarationList.declarations[0];
			scope.set((declaration.name as ts.Identifier).text, evaluate(declaration.initializer, scope));
		}
		assert.equal((scope.get('a16') as { text: string }).text.length, 2 ** 16);
		assert.ok(2 ** 16 <= MAX_TEXT_LENGTH && 2 ** 17 > MAX_TEXT_LENGTH);
		assert.equal(scope.get('a17'), undefined);
	});

	test('a file past its evaluation budget reads the rest as unknown and says so', LIMIT, () => {
		const scope = new Scope();
		scope.work.steps = MAX_EVALUATION_STEPS;
		assert.deepEqual(evaluate(initializerOf('const q = "a";'), scope), undefined);
		assert.equal(scope.exhausted, true);
		// A child scope (a function body) spends the same budget.
		assert.equal(new Scope(scope).exhausted, true);
	});
});

void describe('hostile input: Deluge chains and doubling text', () => {
	test('text that doubles at every assignment stops at the length limit; the file is still read', LIMIT, () => {
		const text = `void f() {\nx = "a";\n${'x = x + x;\n'.repeat(60)}r = zoho.crm.getRecords("Leads");\n}`;
		const facts = scanDeluge(text);
		assert.deepEqual(facts.errors, []);
		assert.equal(facts.calls.length, 1);
	});

	test('a chain of 50,000 terms and a chain of 20,000 calls are walked without running out of stack', LIMIT, () => {
		const sum = scanDeluge(`void f() {\nq = ${Array(50_000).fill('"a"').join(' + ')};\nzoho.crm.getRecords("Leads");\n}`);
		assert.deepEqual(
			sum.errors.map((e) => e.code),
			[],
		);
		assert.equal(sum.calls.length, 1);
		const chain = scanDeluge(`void f() {\nv = m${'.get("a")'.repeat(20_000)};\nzoho.crm.getRecords("Deals");\n}`);
		assert.deepEqual(
			chain.errors.map((e) => e.code),
			[],
		);
		assert.equal(chain.calls.length, 1);
	});
});

void describe('hostile input: branches by the thousand', () => {
	test('10,000 if/else chains are totalled in one pass, each at its dearest arm', LIMIT, () => {
		// Each chain: an arm with a read (1) and an arm with a convert (5): 5 a chain, 50,000 in all.
		const chains = 'if (a) { zoho.crm.getRecordById("Leads", 1); } else { zoho.crm.convertLead(1, Map()); }\n'.repeat(10_000);
		const analysis = analyzeFile('/w/many.dg', 'deluge', `void f() {\n${chains}}`);
		assert.equal(analysis.estimate.calls.length, 20_000);
		assert.equal(analysis.estimate.perRun, 50_000);
	});
});

void describe('hostile input: Deluge with dense errors', () => {
	test('50,000 stray "};" are read in one pass; the first 100 problems are listed and the rest counted', LIMIT, () => {
		// The first "}" closes f; each of the other 49,999 "}" and the last one closes nothing: 50,000 problems.
		const facts = scanDeluge(`void f(){${'};'.repeat(50_000)}}`);
		assert.equal(MAX_SYNTAX_ERRORS, 100);
		assert.equal(facts.errors.length, 101);
		assert.equal(facts.errors[99].message, 'Unexpected "}".');
		assert.equal(facts.errors[100].code, 'too-many-errors');
		assert.equal(facts.errors[100].message, '… and 49,900 more syntax problems from here on, not listed.');
		// Problem i (from 0) is the "}" at offset 9 + 2 × (i + 1): the 101st, the first not listed, is at 211.
		assert.equal(facts.errors[100].span.start, 211);
	});

	test('40,000 loops under comments: each annotation still counts, found without a search per loop', LIMIT, () => {
		const loops = 40_000;
		const body = '// zoho-credits: iterations=3\nfor each x in l { zoho.crm.getRecordById("Leads", x); }\n// unrelated\n'.repeat(loops);
		const facts = scanDeluge(`void f(list l) {\n${body}}`);
		assert.equal(facts.loops.length, loops);
		assert.ok(facts.loops.every((loop) => loop.iterations === 3 && loop.iterationSource === 'annotation'));
	});

	test("a comment with code between it and the loop is not the loop's annotation", () => {
		const facts = scanDeluge('void f(list l) {\n// zoho-credits: iterations=3\nx = 1;\nfor each y in l { zoho.crm.getRecordById("Leads", y); }\n}');
		assert.equal(facts.loops.length, 1);
		assert.notEqual(facts.loops[0].iterationSource, 'annotation');
	});
});

void describe('hostile input: numbers out of range', () => {
	const ROOT = join(__dirname, '..', '..', '..');

	test('zoho-credits.json refuses figures past the limits, naming the limit', () => {
		const parsed = parseTeamConfig('{"users": 1e308, "entryPoints": [{"function": "f", "runsPerDay": 1e308}]}');
		assert.equal(parsed.config, undefined);
		assert.deepEqual(
			parsed.errors.map((e) => e.message),
			['users must be at most 1,000,000.', 'entryPoints[0].runsPerDay must be at most 10,000,000.'],
		);
		// The largest allowed values give a finite allowance: Ultimate (current table, no maximum) 50,000 + 2,000 × 1,000,000 + 1,000,000,000.
		const settings = resolveSettings([
			{ values: { edition: 'ultimate', users: LIMITS.users, addOnCredits: LIMITS.addOnCredits }, origin: 'zoho-credits.json' },
		]);
		assert.equal(budgetOf(settings).dailyCredits, 3_000_050_000);
	});

	test('a value past a limit from any layer is passed over for the next one', () => {
		const settings = resolveSettings([
			{ values: { users: 1e308, defaultLoopIterations: 2e6, thresholds: { warning: 1e308 } }, origin: 'settings' },
			{ values: { users: 25 }, origin: 'zoho-credits.json' },
		]);
		assert.deepEqual(settings.users, { value: 25, origin: 'zoho-credits.json' });
		assert.deepEqual(settings.defaultLoopIterations, { value: 10, origin: 'default' });
		assert.deepEqual(settings.warningShare, { value: 0.5, origin: 'default' });
	});

	test('the schema and the editor settings state the same limits as the code', () => {
		const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/zoho-credits.schema.json'), 'utf8'));
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;
		assert.equal(schema.properties.users.maximum, 1_000_000);
		assert.equal(schema.properties.addOnCredits.maximum, 1_000_000_000);
		assert.equal(schema.properties.defaultLoopIterations.maximum, 1_000_000);
		assert.equal(schema.properties.moduleSizes.additionalProperties.maximum, 1_000_000_000);
		assert.equal(schema.properties.entryPoints.items.properties.runsPerDay.maximum, 10_000_000);
		assert.equal(schema.properties.thresholds.properties.error.maximum, 100);
		assert.equal(manifest['zohoCredits.users'].maximum, LIMITS.users);
		assert.equal(manifest['zohoCredits.addOnCredits'].maximum, LIMITS.addOnCredits);
		assert.equal(manifest['zohoCredits.defaultLoopIterations'].maximum, LIMITS.defaultLoopIterations);
		assert.equal(manifest['zohoCredits.moduleSizes'].additionalProperties.maximum, LIMITS.moduleSize);
		assert.equal(manifest['zohoCredits.entryPoints'].items.properties.runsPerDay.maximum, LIMITS.runsPerDay);
		assert.equal(manifest['zohoCredits.thresholds'].properties.warning.maximum, LIMITS.threshold);
	});

	test('an annotation of a thousand digits is read as the limit, not Infinity', () => {
		const huge = '9'.repeat(1000);
		assert.deepEqual(parseAnnotation(`// zoho-credits: iterations=${huge} runs-per-day=${huge}`), {
			iterations: 1_000_000_000,
			runsPerDay: 10_000_000,
			ignore: false,
			ignoreFile: false,
		});
	});
});

void describe('hostile input: files the analysis cannot read are reported', () => {
	const deep = (body: string) => `${body}\nconst nested = ${'['.repeat(5000)}${']'.repeat(5000)};\n`;

	test('a file nested too deeply is listed as skipped, flagged when it names Zoho CRM', () => {
		const analyses = analyzeWorkspace([
			{
				path: '/w/hidden.js',
				language: 'javascript',
				text: deep('for (let i = 0; i < 1000; i++) fetch("https://www.zohoapis.com/crm/v8/Leads/1/actions/convert", { method: "POST" });'),
			},
			{ path: '/w/data.js', language: 'javascript', text: deep('const colours = 1;') },
		]);
		const report = buildReport(
			analyses.map((analysis, i) => ({ path: ['hidden.js', 'data.js'][i], analysis })),
			budgetOf(DEFAULT_SETTINGS),
			[{ path: 'big.ts', reason: 'larger than 2 MB', namesZoho: false }],
		);
		assert.deepEqual(report.skipped, [
			{ path: 'big.ts', reason: 'larger than 2 MB', namesZoho: false },
			{ path: 'data.js', reason: 'nests too deeply to be read (hundreds or thousands of levels)', namesZoho: false },
			{ path: 'hidden.js', reason: 'nests too deeply to be read (hundreds or thousands of levels)', namesZoho: true },
		]);
	});
});

void describe('hostile input: nesting past what the scanners follow', () => {
	test('Deluge nested 5,000 levels deep parses without throwing; the calls above the limit count', () => {
		const text = `void f() {\nzoho.crm.getRecords("Leads");\n${'if (x) {\n'.repeat(5000)}zoho.crm.getRecords("Deals");\n${'}\n'.repeat(5000)}}`;
		const script = parse(text);
		assert.equal(script.errors.filter((e) => e.code === NESTING_LIMIT).length, 1);
		const facts = scanDeluge(text);
		// The Leads read stands at depth 1; the Deals read, 5,001 levels down, is past the limit of 400.
		assert.equal(MAX_NESTING, 400);
		assert.deepEqual(
			facts.calls.map((c) => text.slice(c.span.start, c.span.end)),
			['zoho.crm.getRecords("Leads")'],
		);
		const nesting = facts.errors.find((e) => e.code === NESTING_LIMIT);
		assert.equal(nesting?.namesZoho, true);
	});

	test('TypeScript nested 500 levels deep: the call above counts, the file is partly read and listed', () => {
		const text = `fetch("https://www.zohoapis.com/crm/v8/Leads");\nconst nested = ${'['.repeat(500)}${']'.repeat(500)};\n`;
		const analysis = analyzeFile('/w/n.ts', 'typescript', text);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => c.operation.api),
			['Get Records'],
		);
		const report = buildReport([{ path: 'n.ts', analysis }], budgetOf(DEFAULT_SETTINGS));
		assert.deepEqual(report.skipped, [{ path: 'n.ts', reason: 'partly read: code nested more than 400 levels deep is left out', namesZoho: true }]);
	});
});

void describe('hostile input: globs whose braces expand to thousands of patterns', () => {
	const seventeenPairs = '{a,b}'.repeat(17);

	test('expansions are counted without expanding', () => {
		assert.equal(braceExpansions('**/*.ts'), 1);
		assert.equal(braceExpansions('{a,b}/{c,d,e}'), 2 * 3);
		assert.equal(braceExpansions('{a,{b,c}}'), 3);
		assert.equal(braceExpansions('{1..10}'), 10);
		assert.equal(braceExpansions('{a..e}/{1..10..2}'), 5 * 5);
		// Unclosed and escaped braces are plain text.
		assert.equal(braceExpansions('x{a,b'), 1);
		assert.equal(braceExpansions('\\{a,b}'), 1);
		assert.equal(braceExpansions(seventeenPairs, 1e9), 2 ** 17);
		// Counting stops at the cap, and braces nested ten thousand deep do not overflow the stack.
		assert.equal(braceExpansions(seventeenPairs), MAX_GLOB_EXPANSIONS + 1);
		assert.equal(braceExpansions('{'.repeat(10_000) + 'a,b' + '}'.repeat(10_000)), MAX_GLOB_EXPANSIONS + 1);
	});

	test('zoho-credits.json refuses such a glob where it stands; the editor settings pass it over', () => {
		const parsed = parseTeamConfig(`{"ignore": ["**/gen/**", "${seventeenPairs}"]}`);
		assert.equal(parsed.config, undefined);
		assert.deepEqual(
			parsed.errors.map((e) => [e.message, e.offset]),
			[['ignore[1] expands to 131,072 patterns; at most 1,024 are read: write fewer brace groups.', 25]],
		);
		const settings = resolveSettings([{ values: { ignore: [seventeenPairs] }, origin: 'settings' }]);
		assert.deepEqual(settings.ignore, { value: [], origin: 'default' });
	});

	test('discovery matches such a glob against nothing, at once', LIMIT, () => {
		const paths = Array.from({ length: 40 }, (_, i) => `src/${'ab'.repeat(17)}/f${i}.ts`);
		assert.deepEqual(
			paths.filter((p) => matchesAny(p, [`src/${seventeenPairs}/*.ts`])),
			[],
		);
	});
});

void describe('hostile input: what the TypeScript parser itself cannot read in time', () => {
	test('modifiers repeated in a row are counted in one pass', () => {
		assert.equal(longestModifierRun('export default async function f() {}'), 3);
		assert.equal(longestModifierRun('export export x; export const y = 1;'), 2);
		assert.equal(longestModifierRun('class A { private static readonly b = 1; public c() {} }'), 3);
		assert.equal(longestModifierRun('const exported = defaultValue; // asyncish'), 0);
	});

	test('a file repeating `export` thousands of times is not parsed: it is listed with the reason, and calls beside it are said to be missing', () => {
		// 13,600 `export`s make TypeScript's own parser take close to a minute (the fuzz run found it).
		const text = `import axios from 'axios';\nexport async function f() { return axios.get('https://www.zohoapis.com/crm/v8/Leads'); }\n${'export '.repeat(13_600)}`;
		const analysis = analyzeFile('/w/f.ts', 'typescript', text);
		assert.deepEqual(analysis.estimate.calls, []);
		assert.equal(analysis.facts.errors[0].code, PARSER_TRAP);
		assert.equal(analysis.facts.errors[0].namesZoho, true);
		assert.deepEqual(buildReport([{ path: 'f.ts', analysis }], budgetOf(DEFAULT_SETTINGS)).skipped, [
			{
				path: 'f.ts',
				reason: 'repeats a modifier such as `export` hundreds of times in a row, which the TypeScript parser reads in quadratic time',
				namesZoho: true,
			},
		]);
		// Two hundred in a row are still read.
		assert.equal(
			analyzeFile('/w/g.ts', 'typescript', `${'export '.repeat(MAX_REPEATED_MODIFIERS)}\nfetch('https://www.zohoapis.com/crm/v8/Leads');\n`).facts.errors[0]
				?.code === PARSER_TRAP,
			false,
		);
	});

	test('parentheses holding `async` inside each other are counted in one pass; a brace between them starts again', () => {
		assert.equal(deepestAsyncParentheses('app.get("/", async (req, res) => { await Promise.all(ids.map(async (id) => load(id))); });'), 1);
		assert.equal(deepestAsyncParentheses('f(async (a = g(async (b) => b)) => a)'), 2);
		// The shape of the fuzz input: each `( ,` holds the next `async`.
		assert.equal(deepestAsyncParentheses(`x = { A, ${'async function f(a: string) ( , '.repeat(5)}}`), 4);
		assert.equal(deepestAsyncParentheses('f(async () => { g(async () => { h(async () => 1); }); });'), 1);
		assert.equal(deepestAsyncParentheses('const asyncish = f(g(h()));'), 0);
		// Stray closing brackets do not go below zero.
		assert.equal(deepestAsyncParentheses(') } ) (async ( ) async ('), 1);
	});

	test('a file nesting `async` in parentheses a hundred deep is not parsed: TypeScript would take hours', () => {
		// A 4.7 KB file of the fuzz run kept TypeScript's parser busy for over ten minutes.
		const text = `fetch('https://www.zohoapis.com/crm/v8/Leads');\nconst headers = { A, ${'async function f(a: string) ( , '.repeat(100)}};\n`;
		const analysis = analyzeFile('/w/f.ts', 'typescript', text);
		assert.deepEqual(analysis.estimate.calls, []);
		assert.deepEqual(buildReport([{ path: 'f.ts', analysis }], budgetOf(DEFAULT_SETTINGS)).skipped, [
			{
				path: 'f.ts',
				reason: 'nests more than 10 parentheses holding `async` inside each other, which the TypeScript parser reads in exponential time',
				namesZoho: true,
			},
		]);
		// Ten levels are still read (TypeScript takes milliseconds on them), and their call counts.
		const ten = `fetch('https://www.zohoapis.com/crm/v8/Leads');\nconst h = async ${'(async '.repeat(MAX_NESTED_ASYNC_PARENTHESES)}${')'.repeat(MAX_NESTED_ASYNC_PARENTHESES)};\n`;
		assert.equal(analyzeFile('/w/g.js', 'javascript', ten).estimate.calls.length, 1);
	});

	test('`await` before a bracket or punctuation is counted; before a name or a literal it is not', () => {
		assert.equal(bareAwaits('await (await fetch(u)).json(); await x; await "s"; await {a}; await }'), 3);
		assert.equal(bareAwaits('const awaited = 1; // awaits'), 0);
	});

	test('a module with thousands of `await`s before braces is not parsed: TypeScript reads each statement again', () => {
		// 13,236 of them made a 265 KB file of the fuzz run take TypeScript's parser over a second (three under load).
		const text = `${'await { data: [x] } '.repeat(13_236)}\nexport const r = fetch('https://www.zohoapis.com/crm/v8/Leads');\n`;
		const analysis = analyzeFile('/w/f.ts', 'typescript', text);
		assert.deepEqual(analysis.estimate.calls, []);
		assert.deepEqual(buildReport([{ path: 'f.ts', analysis }], budgetOf(DEFAULT_SETTINGS)).skipped, [
			{
				path: 'f.ts',
				reason:
					'has more than 5,000 `await`s followed by a bracket or punctuation, which the TypeScript parser reads again statement by statement in quadratic time',
				namesZoho: true,
			},
		]);
		// At the limit the file is read.
		const at = `${'await (x); '.repeat(MAX_BARE_AWAITS)}\nexport const r = fetch('https://www.zohoapis.com/crm/v8/Leads');\n`;
		assert.equal(analyzeFile('/w/g.ts', 'typescript', at).estimate.calls.length, 1);
	});

	test('a chain of thousands of calls is followed 400 deep, not until the stack runs out: the calls beside it count', () => {
		// The fuzz run found `a.getRecords() .getRecords() …` 46 KB long: following its value overflowed the stack,
		// and the whole file was reported unreadable.
		const text = `fetch('https://www.zohoapis.com/crm/v8/Leads');\nconst r = a${'.getRecords()'.repeat(5000)};\n`;
		const analysis = analyzeFile('/w/f.ts', 'typescript', text);
		assert.deepEqual(
			analysis.estimate.calls.map((c) => c.operation.api),
			['Get Records'],
		);
		assert.ok(!analysis.facts.errors.some((e) => e.code === 'too-deeply-nested'), JSON.stringify(analysis.facts.errors));
	});
});
