import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LineStarts } from '../../server/src/core/text';
import { formatNumber } from '../../shared/format';

/** What every view must show: en-US grouping, at most two decimals. */
const INTL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

void describe('formatNumber', () => {
	test('groups whole numbers by thousands, as en-US writes them', () => {
		const cases: [number, string][] = [
			[0, '0'],
			[7, '7'],
			[999, '999'],
			[1000, '1,000'],
			[12_345, '12,345'],
			[100_000, '100,000'],
			[1_234_567, '1,234,567'],
			[-1, '-1'],
			[-1000, '-1,000'],
			[-987_654_321, '-987,654,321'],
			[Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
			[2.5, '2.5'],
			[1234.567, '1,234.57'],
		];
		for (const [n, text] of cases) assert.equal(formatNumber(n), text, String(n));
	});

	test('writes every number as the en-US formatter does', () => {
		const special = [-0, 0.004, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, Number.MIN_SAFE_INTEGER];
		for (const n of special) assert.equal(formatNumber(n), INTL.format(n), String(n));
		fc.assert(
			fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => formatNumber(n) === INTL.format(n)),
			{ numRuns: 5000 },
		);
	});
});

void describe('LineStarts', () => {
	/** The line of each offset, counted the slow way: line breaks before it (`\r\n` is one). */
	function linesByCounting(text: string): number[] {
		const lines: number[] = [];
		let line = 0;
		for (let i = 0; i < text.length; i++) {
			lines.push(line);
			if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
		}
		lines.push(line);
		return lines;
	}

	test('finds the line of every offset, whatever breaks the lines', () => {
		const texts = ['', 'one line', 'a\nb\n', '\n\n\n', 'a\r\nb\r\nc', 'a\rb\rc', 'mixed\r\nbreaks\nand\rold\n\r\n', 'x'.repeat(50) + '\n' + 'y'];
		for (const text of texts) {
			const starts = new LineStarts(text);
			const expected = linesByCounting(text);
			assert.deepEqual(
				expected.map((_, offset) => starts.lineOf(offset)),
				expected,
				JSON.stringify(text),
			);
			assert.equal(starts.lineCount, expected[expected.length - 1] + 1, JSON.stringify(text));
		}
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', ' ') }), (text) => {
				const starts = new LineStarts(text);
				return linesByCounting(text).every((line, offset) => starts.lineOf(offset) === line);
			}),
			{ numRuns: 2000 },
		);
	});
});
