import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeMarkdown, inlineCode, markdownToText } from '../../shared/markdown';

void describe('markdown escaping', () => {
	test('ordinary names, paths and sentences are left as they are', () => {
		for (const text of [
			'src/a.ts',
			'jobs/convert.ts:3',
			'convertLead()',
			'automation.convert_hot_leads',
			'Convert Lead',
			'1.5 credits per run (assumed).',
			'a-b+c=d #1',
		]) {
			assert.equal(escapeMarkdown(text), text);
		}
	});

	test('inline syntax is escaped wherever it stands', () => {
		assert.equal(escapeMarkdown('![p](https://evil.example/pixel.png)'), '!\\[p\\](https://evil.example/pixel.png)');
		assert.equal(escapeMarkdown('a <!-- b'), 'a \\<!-- b');
		assert.equal(escapeMarkdown('lib/a|b.ts'), 'lib/a\\|b.ts');
		assert.equal(escapeMarkdown('`x` **y** ~~z~~'), '\\`x\\` \\*\\*y\\*\\* \\~\\~z\\~\\~');
		assert.equal(escapeMarkdown('a\\b'), 'a\\\\b');
		// An underscore can emphasise only at a word's edge.
		assert.equal(escapeMarkdown('_a_ b_c'), '\\_a\\_ b_c');
		assert.equal(escapeMarkdown('<https://evil.example>'), '\\<https://evil.example\\>');
	});

	test('line breaks become spaces, and a block marker at the start is escaped', () => {
		assert.equal(escapeMarkdown('a\nb\r\nc\rd'), 'a b c d');
		assert.equal(escapeMarkdown('## x'), '\\## x');
		assert.equal(escapeMarkdown('- x'), '\\- x');
		assert.equal(escapeMarkdown('+ x'), '\\+ x');
		assert.equal(escapeMarkdown('==='), '\\===');
		assert.equal(escapeMarkdown('12. x'), '12\\. x');
		assert.equal(escapeMarkdown('3) x'), '3\\) x');
		// The same characters later in the text mark nothing.
		assert.equal(escapeMarkdown('x ## - 1. y'), 'x ## - 1. y');
	});

	test('inline code: a fence longer than any run of backticks inside, spaces where a backtick or space is at an end', () => {
		assert.equal(inlineCode('src/a.ts:3'), '`src/a.ts:3`');
		assert.equal(inlineCode('a`b'), '``a`b``');
		assert.equal(inlineCode('a``b`'), '``` a``b` ```');
		assert.equal(inlineCode('`x'), '`` `x ``');
		assert.equal(inlineCode(' x '), '`  x  `');
		assert.equal(inlineCode('x\ny\r\nz'), '`x y z`');
		assert.equal(inlineCode(''), '` `');
	});

	test('as terminal text: escapes undone outside code, links as text and address, editor commands dropped', () => {
		assert.equal(markdownToText('**Zoho CRM: !\\[p\\](x) a\\_**: 1 credit'), 'Zoho CRM: ![p](x) a_: 1 credit');
		assert.equal(markdownToText('Budget: Free. [Set edition and users](command:zohoCredits.selectEdition)'), 'Budget: Free.');
		assert.equal(markdownToText('[Zoho documentation](https://www.zoho.com/a.html)'), 'Zoho documentation (https://www.zoho.com/a.html)');
		// Inside code a backslash is itself.
		assert.equal(markdownToText('`a\\_b` and ``x`\\_`` and a\\_'), '`a\\_b` and ``x`\\_`` and a_');
		for (const text of ['# a\\b `c` [d](e) <f> _g_ |', '1. x']) assert.equal(markdownToText(escapeMarkdown(text)), text);
	});
});
