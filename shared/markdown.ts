/**
 * Markdown built around text the product does not write itself: paths, function and entry point
 * names, API names and paths from an org's list, module names, and messages that embed them. Such
 * text must read as text wherever it lands (a hover, a pull request comment, a table cell), never as
 * a heading, a link, an image, an HTML comment, or the end of its line or cell.
 */

/** Line breaks as CommonMark knows them. */
const LINE_BREAK = /\r\n?|\n/g;

/**
 * Characters that open or close inline syntax wherever they stand: escapes, code, emphasis, links
 * and images (`![` is harmless once `[` is escaped), HTML and autolinks, GFM strikethrough, and the
 * pipe that ends a table cell. An underscore between two letters or digits cannot emphasise anything
 * and stays as it is, so `convert_hot_leads` reads as written.
 */
const INLINE = /[\\`*[\]<>|~]|_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu;

/**
 * Inline text: the characters of Markdown's inline syntax backslash-escaped, a block marker escaped
 * where the text begins (it may begin a line: `#`, `+`, `-`, `=`, `1. `, `1) `), and line breaks as
 * spaces, so the text cannot end its line, its list item or its table row. Ordinary text keeps its
 * look: `src/a.ts`, `convertLead()`, full stops and parentheses are left alone.
 */
export function escapeMarkdown(text: string): string {
	return text
		.replace(LINE_BREAK, ' ')
		.replace(INLINE, '\\$&')
		.replace(/^(\s*)([#+=-])/, '$1\\$2')
		.replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Inline code: fenced with one backtick more than the longest run inside, so no backtick in the text
 * can close it; line breaks as spaces. A space inside each fence keeps a backtick at either end, or a
 * space at both ends, as it is (CommonMark strips one space from each side of such code).
 */
export function inlineCode(text: string): string {
	const flat = text.replace(LINE_BREAK, ' ');
	if (flat === '') return '` `';
	const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && /\S/.test(flat)) ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Hover or report Markdown as terminal text: code spans kept with their backticks, backslash escapes
 * undone, emphasis dropped, links as "text (url)", editor commands left out.
 */
export function markdownToText(markdown: string): string {
	return markdown.replace(
		/(`+)(?!`)[^]*?(?<!`)\1(?!`)|\\([!-/:-@[-`{-~])|\s*\[[^\]\\]*\]\(command:[^)]*\)|\[([^\]\\]*)\]\(([^)]*)\)|\*\*/g,
		(whole, fence, escaped, text, url) => {
			if (fence !== undefined) return whole;
			if (escaped !== undefined) return escaped;
			if (url !== undefined) return `${text} (${url})`;
			return '';
		},
	);
}
