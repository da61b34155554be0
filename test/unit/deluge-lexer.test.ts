import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TokenKind, tokenize } from '../../server/src/core/scan/deluge/scanner';

function kinds(text: string): [TokenKind, string][] {
	return tokenize(text).tokens.map((t) => [t.kind, text.slice(t.start, t.end)]);
}

void describe('Deluge lexer', () => {
	test('tokens with exact offsets, comments kept, strings before comments', () => {
		assert.deepEqual(kinds('x = "a//b"; // c\n/* d */ y+=1.5;'), [
			[TokenKind.Identifier, 'x'],
			[TokenKind.Punctuation, '='],
			[TokenKind.String, '"a//b"'],
			[TokenKind.Punctuation, ';'],
			[TokenKind.LineComment, '// c'],
			[TokenKind.BlockComment, '/* d */'],
			[TokenKind.Identifier, 'y'],
			[TokenKind.Punctuation, '+='],
			[TokenKind.Number, '1.5'],
			[TokenKind.Punctuation, ';'],
			[TokenKind.EOF, ''],
		]);
	});

	test('escaped quotes, single-quoted dates and pasted typographic quotes', () => {
		const { tokens } = tokenize(`"say \\"hi\\"" '15-Aug-1947' \u201csmart\u201d`);
		assert.deepEqual(
			tokens.map((t) => [t.kind, t.value]),
			[
				[TokenKind.String, 'say \\"hi\\"'],
				[TokenKind.QuotedText, '15-Aug-1947'],
				[TokenKind.String, 'smart'],
				[TokenKind.EOF, ''],
			],
		);
	});

	test('offsets are UTF-16 code units, as in the editor', () => {
		const text = 'a = "😀"; b';
		const b = tokenize(text).tokens.find((t) => t.value === 'b')!;
		assert.equal(b.start, 10);
	});

	test('bad input becomes errors, never an exception', () => {
		const { tokens, errors } = tokenize('x = "open\n/* never closed # @');
		assert.deepEqual(
			errors.map((e) => e.code),
			['unterminated-string', 'unterminated-comment'],
		);
		assert.equal(tokens.at(-1)!.kind, TokenKind.EOF);
		assert.deepEqual(
			tokenize('a # b').errors.map((e) => [e.code, e.start]),
			[['unexpected-character', 2]],
		);
	});
});
