import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { printable } from '../../server/src/core/text';

void describe('text for a terminal', () => {
	test('control characters are shown as escapes; other text as it is', () => {
		assert.equal(printable('src/a.ts'), 'src/a.ts');
		assert.equal(printable('Straße/ä→b.ts ×2'), 'Straße/ä→b.ts ×2');
		assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
		// ESC, NUL, DEL, a C1 control (CSI), the line separator and a right-to-left override.
		assert.equal(printable('\u001b[2J\u0000\u007f\u009b\u2028\u202e'), '\\u001b[2J\\u0000\\u007f\\u009b\\u2028\\u202e');
	});
});
