/**
 * The parser's state over one script: its tokens, the position in them, the errors found and the
 * nesting depth, with the helpers every grammar rule reads tokens through and recovers with.
 */
import { MAX_NESTING, NESTING_LIMIT } from '../../../facts';
import { type Token, TokenKind, tokenize } from '../scanner';
import { type ParseError, ParseErrorCode, type Span } from './tree';

export const TYPES = new Set([
	'void',
	'string',
	'int',
	'float',
	'decimal',
	'bool',
	'boolean',
	'date',
	'datetime',
	'map',
	'list',
	'collection',
	'file',
	'long',
	'bigint',
]);
/** Words that start a statement: where the parser resynchronises after an error. */
export const STATEMENT_WORDS = new Set([
	'if',
	'for',
	'foreach',
	'try',
	'return',
	'info',
	'throw',
	'break',
	'continue',
	'while',
	'invokeurl',
	'invokeapi',
	'sendmail',
]);

export class ParserState {
	protected readonly text: string;
	protected readonly tokens: Token[];
	protected readonly comments: Token[];
	protected readonly errors: ParseError[];
	/** `start:code` of each error: one error per place, found without a search of the list. */
	private readonly reported = new Set<string>();
	protected pos = 0;
	/** Statements and expressions entered above the current one; past MAX_NESTING nothing deeper is read. */
	protected depth = 0;
	private tooDeep = false;

	constructor(text: string) {
		this.text = text;
		const { tokens: all, errors: lexErrors } = tokenize(text);
		this.comments = all.filter((t) => t.kind === TokenKind.LineComment || t.kind === TokenKind.BlockComment);
		this.tokens = all.filter((t) => t.kind !== TokenKind.LineComment && t.kind !== TokenKind.BlockComment);
		this.errors = lexErrors.map((e) => ({ code: ParseErrorCode.Lexical, message: e.code, start: e.start, end: e.end }));
	}

	/** Passes over one token nested too deep (said once): the caller's loop moves on without going deeper. */
	protected skipTooDeep(): Token {
		const t = this.next();
		if (!this.tooDeep) {
			this.tooDeep = true;
			this.errors.push({
				code: NESTING_LIMIT,
				message: `Code nested more than ${MAX_NESTING} levels deep is not read from here on: Zoho CRM calls inside it are not counted.`,
				start: t.start,
				end: Math.max(t.end, t.start + 1),
			});
		}
		return t;
	}

	protected peek(offset = 0): Token {
		return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
	}

	protected at(value: string, offset = 0): boolean {
		const t = this.peek(offset);
		return (t.kind === TokenKind.Punctuation || t.kind === TokenKind.Identifier) && t.value.toLowerCase() === value;
	}

	protected atPunct(value: string): boolean {
		return this.peek().kind === TokenKind.Punctuation && this.peek().value === value;
	}

	protected next(): Token {
		return this.tokens[Math.min(this.pos++, this.tokens.length - 1)];
	}

	protected eof(): boolean {
		return this.peek().kind === TokenKind.EOF;
	}

	protected previousEnd(): number {
		return this.pos > 0 ? this.tokens[Math.min(this.pos - 1, this.tokens.length - 1)].end : 0;
	}

	protected error(code: ParseErrorCode, message: string, token: Token = this.peek()): void {
		// One error per place: recovery may look at the same token twice.
		const key = `${token.start}:${code}`;
		if (this.reported.has(key)) return;
		this.reported.add(key);
		this.errors.push({ code, message, start: token.start, end: Math.max(token.end, token.start + 1) });
	}

	protected expect(value: string): boolean {
		if (this.atPunct(value)) {
			this.pos++;
			return true;
		}
		this.error(ParseErrorCode.Expected, `Expected "${value}" here.`);
		return false;
	}

	/** True at the start of a statement on a new line: where a forgotten `;` ends the previous one. */
	protected startsStatementOnNewLine(): boolean {
		const t = this.peek();
		if (t.kind !== TokenKind.Identifier || this.pos === 0) return false;
		const between = this.text.slice(this.tokens[this.pos - 1].end, t.start);
		if (!between.includes('\n')) return false;
		if (STATEMENT_WORDS.has(t.value.toLowerCase())) return true;
		// `name =` or `name.x(` on a new line
		const after = this.peek(1);
		return after.kind === TokenKind.Punctuation && (after.value === '=' || after.value === '+=' || after.value === '-=' || after.value === '.');
	}

	/** True when the current token starts a line. */
	protected atLineStart(): boolean {
		return this.pos === 0 || this.text.slice(this.tokens[this.pos - 1].end, this.peek().start).includes('\n');
	}

	/** `void name.name(` at the start of a line: a new function begins, whatever was left open before it. */
	protected atFunctionHeader(): boolean {
		if (!this.atLineStart() || this.peek().kind !== TokenKind.Identifier || !TYPES.has(this.peek().value.toLowerCase())) return false;
		let i = 1;
		if (this.peek(i).kind !== TokenKind.Identifier) return false;
		i++;
		while (this.peek(i).value === '.' && this.peek(i + 1).kind === TokenKind.Identifier) i += 2;
		return this.peek(i).value === '(';
	}

	/**
	 * Skips a broken statement: to just after the next `;` outside braces, to a `}` closing the block, to
	 * a statement starting a new line, or to a function header. Parentheses are not counted: broken code
	 * leaves them unbalanced.
	 */
	protected recover(): void {
		let depth = 0;
		while (!this.eof()) {
			const t = this.peek();
			if (t.kind === TokenKind.Punctuation) {
				if (t.value === '{') depth++;
				else if (t.value === '}') {
					if (depth === 0) return;
					depth--;
				} else if (t.value === ';' && depth === 0) {
					this.pos++;
					return;
				}
			}
			this.pos++;
			if (depth === 0 && (this.startsStatementOnNewLine() || this.atFunctionHeader())) return;
		}
	}

	/** The statement ends: a `;`, or (leniently) a new line, a `}` or the end. */
	protected endStatement(): void {
		if (this.atPunct(';')) {
			this.pos++;
			return;
		}
		if (this.atPunct('}') || this.eof() || this.startsStatementOnNewLine()) {
			this.error(ParseErrorCode.Expected, 'Expected ";" at the end of the statement.', this.tokens[Math.max(0, this.pos - 1)]);
			return;
		}
		this.error(ParseErrorCode.UnexpectedToken, `Unexpected "${this.peek().value}".`);
		this.recover();
	}

	protected span(start: number): Span {
		return { start, end: Math.max(start, this.previousEnd()) };
	}
}
