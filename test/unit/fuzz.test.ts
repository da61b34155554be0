import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzeFile, analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { type ScanState, scanDocument, scanFile } from '../../server/src/core/scan/scan-file';
import { parse } from '../../server/src/core/scan/deluge/parser';
import { assertSane } from './fuzz-check';
import { delugeHostileShapes, delugeSource, TS_CORPUS, typeScriptHostileShapes, typeScriptSource, workspaceSources } from './fuzz-inputs';

// A sample in every test run, with a fixed seed so a failure reproduces; `npm run fuzz` runs 100,000 and more.
const SEED = 20261125;
const SLOW_MS = 1000;

function timed<T>(run: () => T): T {
	const start = performance.now();
	const result = run();
	const ms = performance.now() - start;
	assert.ok(ms < SLOW_MS, `an input took ${Math.round(ms)} ms`);
	return result;
}

void describe('fuzz: generated and mutated inputs never crash, hang or give nonsense', () => {
	test('the Deluge parser and scanner', () => {
		fc.assert(
			fc.property(delugeSource, (text) => {
				timed(() => parse(text));
				assertSane(
					timed(() => analyzeFile('/f.dg', 'deluge', text)),
					text,
				);
			}),
			{ seed: SEED, numRuns: 1500 },
		);
	});

	test('the TypeScript and JavaScript scanner', () => {
		fc.assert(
			fc.property(typeScriptSource, fc.boolean(), (text, js) => {
				assertSane(
					timed(() => analyzeFile(js ? '/f.js' : '/f.ts', js ? 'javascript' : 'typescript', text)),
					text,
				);
			}),
			{ seed: SEED, numRuns: 1500 },
		);
	});

	test('hostile shapes: stretches repeated thousands of times, brackets nested thousands deep', () => {
		// A few of each here (each is tens or hundreds of kilobytes); the bench runs 10,000 per language.
		fc.assert(
			fc.property(delugeHostileShapes, (text) => {
				parse(text);
				assertSane(analyzeFile('/f.dg', 'deluge', text), text);
			}),
			{ seed: SEED, numRuns: 12 },
		);
		fc.assert(
			fc.property(typeScriptHostileShapes, (text) => assertSane(analyzeFile('/f.ts', 'typescript', text), text)),
			{ seed: SEED, numRuns: 12 },
		);
	});

	test('the estimator over files that call each other', () => {
		fc.assert(
			fc.property(workspaceSources, (files) => {
				const analyses = timed(() => analyzeWorkspace(files));
				analyses.forEach((analysis, i) => assertSane(analysis, files[i].text));
			}),
			{ seed: SEED, numRuns: 300 },
		);
	});
});

void describe('nesting past what a recursive parser can follow', () => {
	// TypeScript's own parser gives up (its stack ends) before 1,000 levels of loops: the file is unreadable.
	test('TypeScript loops 3,000 deep: the file is reported unreadable, nothing throws', () => {
		const text = 'for (const x of [1, 2]) {'.repeat(3000) + "fetch('https://www.zohoapis.com/crm/v8/Leads');" + '}'.repeat(3000);
		const analysis = timed(() => analyzeFile('/f.ts', 'typescript', text));
		assert.deepEqual(
			analysis.facts.errors.map((e) => [e.code, e.namesZoho]),
			[['too-deeply-nested', true]],
		);
		assert.equal(analysis.estimate.calls.length, 0);
	});

	// Our own scanners stop at 400 levels, say where, and read everything above.
	const deep: [string, 'deluge' | 'typescript', string, boolean][] = [
		['Deluge braces', 'deluge', '{'.repeat(20000) + 'zoho.crm.getRecords("Leads");' + '}'.repeat(20000), true],
		['Deluge parentheses', 'deluge', 'a = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ';', false],
		['TypeScript concatenation', 'typescript', 'const s = ' + Array.from({ length: 20000 }, () => "'a'").join(' + ') + ';', false],
	];
	for (const [name, language, text, zoho] of deep) {
		test(`${name} 20,000 deep: read down to the limit, the rest reported, nothing throws`, () => {
			const analysis = timed(() => analyzeFile(language === 'deluge' ? '/f.dg' : '/f.ts', language, text));
			const limits = analysis.facts.errors.filter((e) => e.code === 'nesting-limit');
			assert.deepEqual(
				limits.map((e) => e.namesZoho),
				[zoho],
			);
			assert.equal(analysis.estimate.calls.length, 0);
		});
	}

	test('350 nested loops still count, with a finite multiplier', () => {
		const text = 'for each x in {1,2} {'.repeat(350) + 'zoho.crm.getRecords("Leads");' + '}'.repeat(350);
		const analysis = timed(() => analyzeFile('/f.dg', 'deluge', text));
		// 2^350 is past any safe integer: the product stops at the largest one.
		assert.equal(analysis.estimate.calls[0].multiplier, Number.MAX_SAFE_INTEGER);
		assertSane(analysis, text);
	});
});

void describe('incremental parsing of an edited document', () => {
	test('each version scanned from the last one gives the same facts as a scan from scratch', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...TS_CORPUS),
				fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 }), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 12 }),
				(start, edits) => {
					let text = start;
					let state: ScanState = scanDocument(text, '/f.ts', 'typescript', undefined).state;
					for (const [at, length, insert] of edits) {
						const from = at % (text.length + 1);
						text = text.slice(0, from) + insert + text.slice(from + length);
						const next = scanDocument(text, '/f.ts', 'typescript', state);
						assert.deepEqual(next.facts, scanFile(text, '/f.ts', 'typescript'));
						state = next.state;
					}
				},
			),
			{ seed: SEED, numRuns: 300 },
		);
	});
});
