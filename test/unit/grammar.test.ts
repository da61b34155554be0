import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { type IGrammar, INITIAL, parseRawGrammar, Registry } from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..', '..');
let grammar: IGrammar;

/** Scopes of each token on each line, as `text: innermost.scope` pairs. */
function scopes(source: string): string[] {
	const out: string[] = [];
	let state = INITIAL;
	for (const line of source.split('\n')) {
		const result = grammar.tokenizeLine(line, state);
		for (const token of result.tokens) {
			const text = line.slice(token.startIndex, token.endIndex);
			if (text.trim()) out.push(`${text.trim()}: ${token.scopes.at(-1)}`);
		}
		state = result.ruleStack;
	}
	return out;
}

/** Each expected `text: scope` pair is among the tokens of the source. */
function assertScopes(source: string, expected: string[]): void {
	const tokens = scopes(source);
	for (const pair of expected) assert.ok(tokens.includes(pair), `${pair} in\n${tokens.join('\n')}`);
}

void describe('Deluge TextMate grammar', () => {
	before(async () => {
		const wasm = readFileSync(join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
		await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
		const registry = new Registry({
			onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
			loadGrammar: async () => parseRawGrammar(readFileSync(join(ROOT, 'syntaxes/deluge.tmLanguage.json'), 'utf8'), 'deluge.tmLanguage.json'),
		});
		grammar = (await registry.loadGrammar('source.deluge'))!;
	});

	test('function declaration, zoho.crm task, strings and numbers', () => {
		assertScopes('void automation.sync(int id)\n{\n  r = zoho.crm.v8.getRecords("Leads", 1);\n}', [
			'void: storage.type.deluge',
			'sync: entity.name.function.deluge',
			'zoho: support.variable.zoho.deluge',
			'crm: support.class.zoho.crm.deluge',
			'v8: support.constant.version.deluge',
			'getRecords: support.function.task.crm.deluge',
			'Leads: string.quoted.double.deluge',
			'1: constant.numeric.deluge',
		]);
	});

	test('comments, loops, other products and system variables', () => {
		assertScopes('// note\nfor each x in {1,2} { y = zoho.books.getRecords("a"); d = zoho.currentdate; } /* b */', [
			'note: comment.line.double-slash.deluge',
			'for each: keyword.control.loop.deluge',
			'in: keyword.control.loop.deluge',
			'books: support.class.zoho.deluge',
			'getRecords: support.function.task.deluge',
			'currentdate: support.variable.system.deluge',
			'/*: punctuation.definition.comment.begin.deluge',
		]);
	});

	test('invokeurl and sendmail blocks: keys, methods and values', () => {
		assertScopes(
			'resp = invokeurl\n[\n  url: "https://www.zohoapis.com/crm/v8/Leads"\n  type: POST\n  content-type: "application/json"\n];\nsendmail\n[\n  reply to: "a@b.c"\n]',
			[
				'invokeurl: keyword.other.task.deluge',
				'url: variable.parameter.task-key.deluge',
				'type: variable.parameter.task-key.deluge',
				'POST: constant.language.http-method.deluge',
				'content-type: variable.parameter.task-key.deluge',
				'sendmail: keyword.other.task.deluge',
				'reply to: variable.parameter.task-key.deluge',
				'https://www.zohoapis.com/crm/v8/Leads: string.quoted.double.deluge',
			],
		);
	});
});
