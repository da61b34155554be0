/**
 * Deluge lexer. Produces every token with its exact UTF-16 offsets and never throws:
 * a bad character becomes an `Unknown` token and an unterminated string or comment an error.
 */

export const enum TokenKind {
	Identifier,
	Number,
	/** `"…"` text, also with typographic quotes pasted from mail or web pages. */
	String,
	/** `'…'`: a date-time or text value. */
	QuotedText,
	Punctuation,
	LineComment,
	BlockComment,
	Unknown,
	EOF,
}

export interface Token {
	readonly kind: TokenKind;
	readonly start: number;
	readonly end: number;
	/** Source text of the token (without quotes for strings). */
	readonly value: string;
}

export const enum ScanErrorCode {
	UnterminatedString = 'unterminated-string',
	UnterminatedComment = 'unterminated-comment',
	UnexpectedCharacter = 'unexpected-character',
}

export interface LexError {
	readonly code: ScanErrorCode;
	readonly start: number;
	readonly end: number;
}

export const LEX_ERROR_MESSAGES: Record<ScanErrorCode, string> = {
	[ScanErrorCode.UnterminatedString]: 'This text value has no closing quote.',
	[ScanErrorCode.UnterminatedComment]: 'This /* comment is not closed with */.',
	[ScanErrorCode.UnexpectedCharacter]: 'This character is not part of Deluge.',
};

const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '%=']);
const SINGLE_CHAR_PUNCTUATION = new Set([...';,.:(){}[]+-*/%<>=!&|?']);

function isIdentStart(ch: number): boolean {
	return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
}

function isDigit(ch: number): boolean {
	return ch >= 48 && ch <= 57;
}

function isWhitespace(ch: number): boolean {
	return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xa0 || ch === 0xfeff || ch === 11 || ch === 12;
}

const OPEN_DOUBLE = new Set([0x22, 0x201c, 0x201d]);
/** A function header on a line of its own: `void automation.sync(` */
const FUNCTION_HEADER_INSIDE = /\n[ \t]*(?:void|string|map|list|int|bool|boolean|date|datetime|decimal|float)[ \t]+[\w.]+[ \t]*\(/i;
const OPEN_SINGLE = new Set([0x27, 0x2018, 0x2019]);

/** Splits Deluge text into tokens, comments included, ending with one `EOF` token. */
export function tokenize(text: string): { tokens: Token[]; errors: LexError[] } {
	const tokens: Token[] = [];
	const errors: LexError[] = [];
	const length = text.length;
	let pos = 0;

	const push = (kind: TokenKind, start: number, end: number, value = text.slice(start, end)): void => {
		tokens.push({ kind, start, end, value });
	};

	while (pos < length) {
		const ch = text.charCodeAt(pos);
		if (isWhitespace(ch)) {
			pos++;
			continue;
		}
		const start = pos;
		if (ch === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
			while (pos < length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
			push(TokenKind.LineComment, start, pos);
			continue;
		}
		if (ch === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
			const close = text.indexOf('*/', pos + 2);
			if (close < 0) {
				pos = length;
				errors.push({ code: ScanErrorCode.UnterminatedComment, start, end: start + 2 });
			} else {
				pos = close + 2;
			}
			push(TokenKind.BlockComment, start, pos);
			continue;
		}
		if (OPEN_DOUBLE.has(ch) || OPEN_SINGLE.has(ch)) {
			const closers = OPEN_DOUBLE.has(ch) ? OPEN_DOUBLE : OPEN_SINGLE;
			pos++;
			let closed = false;
			while (pos < length) {
				const c = text.charCodeAt(pos);
				if (c === 92 /* \ */) {
					pos += 2;
					continue;
				}
				pos++;
				if (closers.has(c)) {
					closed = true;
					break;
				}
			}
			// Text may span lines (long mail bodies), but not into the next function: a quote left open there
			// would pair every later quote wrongly.
			if (closed && FUNCTION_HEADER_INSIDE.test(text.slice(start, pos))) closed = false;
			if (!closed) {
				// Recover at the end of the opening line so one stray quote does not swallow the file.
				const lineEnd = text.slice(start).search(/[\r\n]/);
				pos = lineEnd < 0 ? length : start + lineEnd;
				errors.push({ code: ScanErrorCode.UnterminatedString, start, end: pos });
			}
			pos = Math.min(pos, length);
			const value = text.slice(start + 1, closed ? pos - 1 : pos);
			push(OPEN_DOUBLE.has(ch) ? TokenKind.String : TokenKind.QuotedText, start, pos, value);
			continue;
		}
		if (isIdentStart(ch)) {
			pos++;
			while (pos < length && (isIdentStart(text.charCodeAt(pos)) || isDigit(text.charCodeAt(pos)))) pos++;
			push(TokenKind.Identifier, start, pos);
			continue;
		}
		if (isDigit(ch)) {
			while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
			if (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) {
				pos++;
				while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
			}
			push(TokenKind.Number, start, pos);
			continue;
		}
		const two = text.slice(pos, pos + 2);
		if (TWO_CHAR_OPERATORS.has(two)) {
			pos += 2;
			push(TokenKind.Punctuation, start, pos);
			continue;
		}
		if (SINGLE_CHAR_PUNCTUATION.has(text[pos])) {
			pos++;
			push(TokenKind.Punctuation, start, pos);
			continue;
		}
		// A surrogate pair is one unknown character.
		pos += ch >= 0xd800 && ch <= 0xdbff && pos + 1 < length ? 2 : 1;
		errors.push({ code: ScanErrorCode.UnexpectedCharacter, start, end: pos });
		push(TokenKind.Unknown, start, pos);
	}
	tokens.push({ kind: TokenKind.EOF, start: length, end: length, value: '' });
	return { tokens, errors };
}
