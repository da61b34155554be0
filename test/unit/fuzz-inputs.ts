/**
 * Generated and mutated inputs for the property tests (a sample in `npm test`) and the fuzz run
 * (`npm run fuzz`, 100,000 inputs and more): real files with random edits, token soup from each
 * language's vocabulary, and small workspaces of files that call each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { SourceText } from '../../server/src/core/analyze-texts';
import type { Language } from '../../server/src/core/facts';

const ROOT = join(__dirname, '..', '..', '..');

function corpus(dir: string, pattern: RegExp): string[] {
	return readdirSync(join(ROOT, dir), { recursive: true })
		.map(String)
		.filter((f) => pattern.test(f))
		.map((f) => readFileSync(join(ROOT, dir, f), 'utf8'));
}

export const DELUGE_CORPUS = [
	...corpus('examples', /\.dg$/),
	`void standalone.sync(string id)
{
	resp = invokeurl
	[
		url :"https://www.zohoapis.com/crm/v8/Leads/" + id
		type :PUT
		parameters: {"data": [{"Rating": "Hot"}]}.toString()
		connection:"crm"
	];
	for each page in {1,2,3}
	{
		rows = zoho.crm.searchRecords("Deals", "(Stage:equals:Won)", page, 200);
		for each r in rows { zoho.crm.updateRecord("Deals", r.get("id"), {"Note": "x"}); }
	}
	if (resp.get("data") != null) { info "ok"; } else { zoho.crm.createRecord("Tasks", {"Subject": "retry"}); }
	standalone.other(id);
}`,
];

export const TS_CORPUS = corpus('examples', /\.(ts|js)$/);

const DELUGE_TOKENS = [
	'zoho.crm.getRecords("Leads")',
	'zoho.crm.v8.convertLead(id, Map())',
	'zoho.crm.bulkCreate("Leads", list)',
	'invokeurl',
	'[',
	']',
	'url:',
	'"https://www.zohoapis.com/crm/v8/coql"',
	'type: POST',
	'for each',
	'x',
	'in',
	'{1,2,3}',
	'{',
	'}',
	'(',
	')',
	';',
	',',
	'=',
	'==',
	'+',
	'if',
	'else',
	'while',
	'return',
	'void',
	'standalone.f',
	'info',
	'"',
	"'",
	'//',
	'/*',
	'*/',
	'\n',
	' ',
	'Map()',
	'List()',
	'.get("id")',
	'.toList()',
	'leftpad(" ", 5)',
	'// zoho-credits: iterations=7',
	'// zoho-credits: runs-per-day=24',
	'null',
	'true',
	'&lt;',
	'“',
	'```',
	'};',
	'"a" +',
	'x = x + x;',
];

export const TS_TOKENS = [
	"fetch('https://www.zohoapis.com/crm/v8/Leads')",
	'await',
	'axios.post(',
	"'/Leads/upsert'",
	'{ data: [x] }',
	'for (const x of xs)',
	'for (let i = 0; i < 5; i++)',
	'while (more)',
	'{',
	'}',
	'(',
	')',
	';',
	',',
	'=>',
	'export',
	'async function f(a: string)',
	'f(1)',
	'import { f } from "./other"',
	'const',
	'let',
	'=',
	'new ZOHOCRMSDK.Record.RecordOperations("Leads")',
	'.getRecords()',
	'Promise.all(',
	'.map((x) => ',
	'if (x)',
	'else',
	'return',
	'`',
	'${',
	'"',
	"'",
	'//',
	'/*',
	'*/',
	'\n',
	' ',
	'class A { m() {',
	'// zoho-credits: iterations=3',
	'module.exports =',
	'require("axios")',
	'"a" +',
	'a + a +',
	'const a = a + a;',
	'?.',
	'??',
];

/** An edit of a text: delete, insert a token, duplicate a stretch, or cut the text short. */
export const edit = (tokens: readonly string[]) =>
	fc.record({
		kind: fc.constantFrom('delete', 'insert', 'duplicate', 'delete', 'insert', 'duplicate', 'truncate'),
		at: fc.nat(),
		length: fc.nat({ max: 60 }),
		token: fc.constantFrom(...tokens),
	});

function applyEdits(text: string, edits: readonly { kind: string; at: number; length: number; token: string }[]): string {
	let out = text;
	for (const e of edits) {
		const at = out.length === 0 ? 0 : e.at % (out.length + 1);
		if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
		else if (e.kind === 'insert') out = out.slice(0, at) + e.token + out.slice(at);
		else if (e.kind === 'duplicate') out = out.slice(0, at + e.length) + out.slice(at, at + e.length) + out.slice(at + e.length);
		else out = out.slice(0, at);
	}
	return out;
}

/** Brackets and blocks of each language, for inputs nested thousands of levels deep. */
const DELUGE_NESTS: readonly (readonly [string, string])[] = [
	['{', '}'],
	['(', ')'],
	['[', ']'],
	['if(x){', '}'],
	['for each x in l {', '}'],
	['Map({"a":', '})'],
];
const TS_NESTS: readonly (readonly [string, string])[] = [
	['(', ')'],
	['[', ']'],
	['{', '}'],
	['f(', ')'],
	['() => (', ')'],
	['`${', '}`'],
	['if (x) {', '}'],
];

/** A text with one stretch of tokens repeated hundreds to thousands of times: long chains, dense errors. */
function repeated(corpusTexts: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
	return fc
		.tuple(
			fc.constantFrom(...corpusTexts),
			fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 3 }),
			fc.integer({ min: 100, max: 20_000 }),
			fc.nat(),
		)
		.map(([text, parts, times, at]) => {
			const i = at % (text.length + 1);
			return text.slice(0, i) + `${parts.join(' ')} `.repeat(times) + text.slice(i);
		});
}

/** A text with brackets opened hundreds to thousands of times, closed or not. */
function nested(corpusTexts: readonly string[], nests: readonly (readonly [string, string])[]): fc.Arbitrary<string> {
	return fc
		.tuple(fc.constantFrom(...corpusTexts), fc.constantFrom(...nests), fc.integer({ min: 100, max: 5_000 }), fc.boolean(), fc.nat())
		.map(([text, [open, close], depth, closed, at]) => {
			const i = at % (text.length + 1);
			return text.slice(0, i) + open.repeat(depth) + (closed ? close.repeat(depth) : '') + text.slice(i);
		});
}

function source(corpusTexts: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
	return fc.oneof(
		// A real file with random edits.
		{
			arbitrary: fc.tuple(fc.constantFrom(...corpusTexts), fc.array(edit(tokens), { maxLength: 8 })).map(([text, edits]) => applyEdits(text, edits)),
			weight: 4,
		},
		// Token soup from the language's vocabulary.
		{ arbitrary: fc.array(fc.constantFrom(...tokens), { maxLength: 120 }).map((parts) => parts.join(' ')), weight: 3 },
		// Anything at all, including lone surrogates and control characters.
		{ arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
	);
}

export const delugeSource = source(DELUGE_CORPUS, DELUGE_TOKENS);
export const typeScriptSource = source(TS_CORPUS, TS_TOKENS);

/**
 * The sources above with hostile shapes among them (one input in ten): a stretch repeated thousands of
 * times, brackets nested thousands deep. For the fuzz run; each such input is tens of kilobytes.
 */
export const delugeHostileShapes = fc.oneof(repeated(DELUGE_CORPUS, DELUGE_TOKENS), nested(DELUGE_CORPUS, DELUGE_NESTS));
export const typeScriptHostileShapes = fc.oneof(repeated(TS_CORPUS, TS_TOKENS), nested(TS_CORPUS, TS_NESTS));

export const hostileDelugeSource = fc.oneof({ arbitrary: delugeSource, weight: 9 }, { arbitrary: delugeHostileShapes, weight: 1 });
export const hostileTypeScriptSource = fc.oneof({ arbitrary: typeScriptSource, weight: 9 }, { arbitrary: typeScriptHostileShapes, weight: 1 });

/** Two to four files that may import and call each other, in any of the languages. */
export const workspaceSources: fc.Arbitrary<SourceText[]> = fc
	.array(fc.tuple(fc.constantFrom<Language>('typescript', 'javascript', 'deluge'), fc.boolean()), { minLength: 2, maxLength: 4 })
	.chain((kinds) =>
		fc.tuple(...kinds.map(([language]) => (language === 'deluge' ? delugeSource : typeScriptSource))).map((texts) =>
			texts.map((text, i) => {
				const [language] = kinds[i];
				// Relative imports of "./other" and "./f0".."./f3" resolve among these files.
				const name = i === 1 ? 'other' : `f${i}`;
				return { path: `/w/${name}.${language === 'deluge' ? 'dg' : language === 'typescript' ? 'ts' : 'js'}`, language, text };
			}),
		),
	);
