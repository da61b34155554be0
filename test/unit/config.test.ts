import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTeamConfig, resolveSettings } from '../../server/src/core/config';

/** Each error as `kind: message @ text-at-its-position`, so a test shows where an error points. */
function errorsOf(text: string): string[] {
	return parseTeamConfig(text).errors.map((e) => `${e.kind}: ${e.message} @ ${text.slice(e.offset, e.offset + e.length)}`);
}

void describe('zoho-credits.json: valid files', () => {
	test('every key of the schema', () => {
		const text = JSON.stringify({
			$schema: './node_modules/zoho-credit-lens/schemas/zoho-credits.schema.json',
			edition: 'enterprise',
			users: 40,
			addOnCredits: 10000,
			budgetTable: 'current',
			thresholds: { warning: 0.4, error: 0.9 },
			defaultLoopIterations: 25,
			moduleSizes: { Leads: 120000, Deals: 8000 },
			entryPoints: [
				{ function: 'standalone.sync_leads', runsPerDay: 24 },
				{ file: 'src/nightly.ts', runsPerDay: 1 },
			],
			ignore: ['**/legacy/**'],
			deluge: ['**/*.deluge.txt'],
			assumedIterations: { high: 50 },
			delugeLimits: { product: 'creator', statements: 4000, nestedCalls: 60 },
		});
		const parsed = parseTeamConfig(text);
		assert.deepEqual(parsed.errors, []);
		assert.equal(parsed.config?.edition, 'enterprise');
		assert.deepEqual(parsed.config?.entryPoints?.[0], { function: 'standalone.sync_leads', runsPerDay: 24 });
	});

	test('an empty object is a valid file that sets nothing', () => {
		assert.deepEqual(parseTeamConfig('{}'), { config: {}, errors: [] });
	});
});

void describe('zoho-credits.json: every kind of error, with its position', () => {
	test('malformed JSON: trailing comma, comment, missing brace, empty file', () => {
		assert.deepEqual(errorsOf('{"edition": "free",}'), ['syntax: JSON: a trailing comma is not allowed. @ ,']);
		assert.deepEqual(errorsOf('{"ignore": ["a",\n ]}'), ['syntax: JSON: a trailing comma is not allowed. @ ,']);
		assert.deepEqual(errorsOf('{"edition" "free"}'), ['syntax: JSON: a colon is expected. @ "free"']);
		assert.deepEqual(errorsOf('{\n// team\n"users": 3}'), ['syntax: JSON: comments are not allowed in JSON. @ // team']);
		assert.deepEqual(errorsOf('{"users": 3'), ['syntax: JSON: a closing brace is expected. @ ']);
		assert.match(errorsOf('')[0], /^syntax: The file is empty/);
		assert.equal(parseTeamConfig('{"users": 3').config, undefined);
	});

	test('wrong values point at the value', () => {
		assert.deepEqual(errorsOf('{"edition": "gold"}'), [
			'schema: edition must be one of "free", "standard", "professional", "enterprise", "ultimate". @ "gold"',
		]);
		assert.deepEqual(errorsOf('{"users": "ten"}'), ['schema: users must be a whole number. @ "ten"']);
		assert.deepEqual(errorsOf('{"users": 2.5}'), ['schema: users must be a whole number. @ 2.5']);
		assert.deepEqual(errorsOf('{"users": -1}'), ['schema: users must be at least 0. @ -1']);
		assert.deepEqual(errorsOf('{"defaultLoopIterations": 0}'), ['schema: defaultLoopIterations must be at least 1. @ 0']);
		assert.deepEqual(errorsOf('{"budgetTable": "2019"}'), ['schema: budgetTable must be one of "seed", "current". @ "2019"']);
		assert.deepEqual(errorsOf('{"thresholds": {"warning": 0}}'), ['schema: thresholds.warning must be greater than 0. @ 0']);
		assert.deepEqual(errorsOf('{"moduleSizes": {"Leads": -4}}'), ['schema: moduleSizes.Leads must be at least 0. @ -4']);
		assert.deepEqual(errorsOf('{"ignore": "dist"}'), ['schema: ignore must be of type array. @ "dist"']);
		assert.deepEqual(errorsOf('{"delugeLimits": {"product": "books"}}'), ['schema: delugeLimits.product must be one of "crm", "creator", "deluge". @ "books"']);
		assert.deepEqual(errorsOf('{"delugeLimits": {"statements": 0}}'), ['schema: delugeLimits.statements must be at least 1. @ 0']);
	});

	test('unknown keys point at the key', () => {
		assert.deepEqual(errorsOf('{"userz": 3}'), ['schema: Unknown key "userz". @ "userz"']);
		assert.deepEqual(errorsOf('{"thresholds": {"warn": 0.2}}'), ['schema: Unknown key "warn" in thresholds. @ "warn"']);
	});

	test('entry points need a function or a file, and runs per day', () => {
		assert.deepEqual(errorsOf('{"entryPoints": [{"runsPerDay": 3}]}'), ['schema: entryPoints[0] needs "function" or "file". @ {"runsPerDay": 3}']);
		assert.deepEqual(errorsOf('{"entryPoints": [{"file": "a.ts"}]}'), ['schema: entryPoints[0] needs "runsPerDay". @ {"file": "a.ts"}']);
	});

	test('all errors of a file are reported at once', () => {
		assert.equal(errorsOf('{"edition": "gold", "users": "x", "extra": 1}').length, 3);
	});

	test('what the schema cannot say: the warning share must be below the error share', () => {
		assert.deepEqual(errorsOf('{"thresholds": {"warning": 1.2, "error": 1.0}}'), [
			'semantic: thresholds.warning (1.2) must be below thresholds.error (1). @ 1.2',
		]);
	});

	test('nesting deeper than 64 levels is refused where it starts, before the parser recurses into it', () => {
		const deep = (levels: number) => `{"ignore": ${'['.repeat(levels)}${']'.repeat(levels)}}`;
		const refused = 'semantic: JSON: nested more than 64 levels deep; no setting needs that many, so the file is not read. @ [';
		// The object is level 1 and `{"ignore": ` is 11 characters: the 64th bracket, at offset 11 + 63 = 74, opens level 65.
		assert.deepEqual(
			parseTeamConfig(deep(5000)).errors.map((e) => [e.offset, e.length]),
			[[74, 1]],
		);
		assert.deepEqual(errorsOf(deep(5000)), [refused]);
		assert.deepEqual(errorsOf(deep(100000)), [refused]);
		assert.deepEqual(errorsOf(deep(64)), [refused]);
		assert.equal(parseTeamConfig(deep(64)).config, undefined);
		// 63 lists in the object make 64 levels: parsed, and the schema speaks.
		assert.deepEqual(errorsOf(deep(63)), [`schema: ignore[0] must be of type string. @ ${'['.repeat(62)}${']'.repeat(62)}`]);
		// Brackets in strings are text, not nesting.
		assert.deepEqual(parseTeamConfig(`{"ignore": ["${'['.repeat(100)}**"]}`).config, { ignore: [`${'['.repeat(100)}**`] });
		// An unclosed string ends at its line, as the parser ends it: `{"ignore": "x⏎` is 14 characters, so level 65 opens at 14 + 63.
		assert.deepEqual(
			parseTeamConfig(`{"ignore": "x\n${'['.repeat(5000)}${']'.repeat(5000)}}`).errors.map((e) => [e.offset, e.message]),
			[[77, 'JSON: nested more than 64 levels deep; no setting needs that many, so the file is not read.']],
		);
	});

	test('binary or garbage input is an error, never an exception', () => {
		assert.ok(errorsOf('\u0000\u0001\u0002').length > 0);
		assert.ok(errorsOf('[1, 2]').length > 0);
		assert.ok(errorsOf('"just a string"').length > 0);
	});
});

void describe('settings precedence', () => {
	test('the team file wins over editor settings, which win over defaults; each value says where it came from', () => {
		const s = resolveSettings([
			{ values: { edition: 'enterprise' }, origin: 'zoho-credits.json' },
			{ values: { edition: 'free', users: 30 }, origin: 'settings' },
		]);
		assert.deepEqual(s.edition, { value: 'enterprise', origin: 'zoho-credits.json' });
		assert.deepEqual(s.users, { value: 30, origin: 'settings' });
		assert.deepEqual(s.addOnCredits, { value: 0, origin: 'default' });
		assert.deepEqual(s.budgetTable, { value: 'current', origin: 'default' });
		assert.deepEqual([s.warningShare.value, s.errorShare.value, s.defaultLoopIterations.value], [0.5, 1, 10]);
	});

	test('the command line wins over the file in the CLI', () => {
		const s = resolveSettings([
			{ values: { users: 5 }, origin: 'command line' },
			{ values: { users: 50, edition: 'standard' }, origin: 'zoho-credits.json' },
		]);
		assert.deepEqual(
			[s.users, s.edition],
			[
				{ value: 5, origin: 'command line' },
				{ value: 'standard', origin: 'zoho-credits.json' },
			],
		);
	});

	test('an invalid value in a layer falls through to the next', () => {
		const s = resolveSettings([{ values: { edition: 'gold', users: -3, thresholds: { warning: 'half' }, defaultLoopIterations: 0 }, origin: 'settings' }]);
		assert.deepEqual([s.edition.origin, s.users.origin, s.warningShare.origin, s.defaultLoopIterations.origin], ['default', 'default', 'default', 'default']);
	});

	test("Deluge limits: Zoho CRM's by default; a product picks Zoho's figures for it; the team's own figures win, and say so", () => {
		const crm = resolveSettings([]).delugeLimits;
		assert.deepEqual([crm.origin, crm.value.label, crm.value.statements, crm.value.nestedCalls], ['default', 'Zoho CRM', 200000, 75]);
		assert.equal(crm.value.statementsSource, 'https://zoho.com/crm/developer/docs/serverless-architecture/deluge-limits.html');
		const creator = resolveSettings([{ values: { delugeLimits: { product: 'creator', nestedCalls: 60 } }, origin: 'zoho-credits.json' }]).delugeLimits;
		assert.deepEqual(
			[creator.origin, creator.value.label, creator.value.statements, creator.value.nestedCalls, creator.value.nestedCallsSource],
			['zoho-credits.json', 'Zoho Creator', 5000, 60, 'zoho-credits.json'],
		);
		// An unknown product falls through to the default, as any invalid value.
		assert.equal(resolveSettings([{ values: { delugeLimits: { product: 'books' } }, origin: 'settings' }]).delugeLimits.origin, 'default');
	});

	test('thresholds resolve key by key', () => {
		const s = resolveSettings([
			{ values: { thresholds: { error: 0.8 } }, origin: 'zoho-credits.json' },
			{ values: { thresholds: { warning: 0.3, error: 0.95 } }, origin: 'settings' },
		]);
		assert.deepEqual(
			[s.warningShare, s.errorShare],
			[
				{ value: 0.3, origin: 'settings' },
				{ value: 0.8, origin: 'zoho-credits.json' },
			],
		);
	});
});
