import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const CSS = readFileSync(join(__dirname, '..', '..', '..', 'media', 'panel.css'), 'utf8');

/** The entry-point colours a selector's block sets, in the order the bar draws them (c0 … c5, then the rest). */
function palette(selector: string): string[] {
	const block = new RegExp(`${selector.replace(/[.]/g, '\\.')}[^{]*\\{([^}]*)\\}`).exec(CSS)?.[1];
	assert.ok(block, selector);
	return ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'cx'].map((name) => {
		const value = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)?.[1];
		assert.ok(value, `${selector} sets --${name}`);
		return value;
	});
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

void describe('budget panel colours', () => {
	// The default editor backgrounds of each kind of theme.
	const themes: [string, string, string][] = [
		['dark', 'body.vscode-dark', '#1e1e1e'],
		['high contrast', 'body.vscode-dark', '#000000'],
		['light', 'body.vscode-light', '#ffffff'],
		['high contrast light', 'body.vscode-light', '#ffffff'],
	];
	for (const [theme, selector, background] of themes) {
		test(`${theme}: neighbouring entry points and the background stand 3:1 apart`, () => {
			const colours = palette(selector);
			for (let i = 0; i + 1 < colours.length; i++) {
				assert.ok(contrast(colours[i], colours[i + 1]) >= 3, `${colours[i]} beside ${colours[i + 1]}: ${contrast(colours[i], colours[i + 1]).toFixed(2)}`);
			}
			for (const colour of colours) assert.ok(contrast(colour, background) >= 3, `${colour} on ${background}: ${contrast(colour, background).toFixed(2)}`);
		});
	}

	test('the high-contrast themes take the palettes checked above', () => {
		assert.match(CSS, /body, body\.vscode-dark, body\.vscode-high-contrast \{/);
		assert.match(CSS, /body\.vscode-light, body\.vscode-high-contrast-light \{/);
	});
});
