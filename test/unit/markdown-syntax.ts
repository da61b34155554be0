/**
 * What Markdown acts on in a text: everything outside code spans, with backslash-escaped characters
 * taken out (CommonMark reads both as literal text). A forged heading, image or HTML comment that
 * survives here would render as one.
 */
export function markdownSyntax(markdown: string): string {
	return markdown.replace(/\\[!-/:-@[-`{-~]|(`+)(?!`)[^]*?(?<!`)\1(?!`)/g, ' ');
}
