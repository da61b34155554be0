/** A Deluge script: function declarations (`type name.name(params) { … }`) and statements outside any function. */
import { TokenKind } from '../scanner';
import { STATEMENT_WORDS, TYPES } from './state';
import { StatementParser } from './statements';
import { type FunctionDecl, ParseErrorCode, type Script, type Statement } from './tree';

export class ScriptParser extends StatementParser {
	/** Reads the whole script: functions and statements. Call once. */
	parse(): Script {
		const functions: FunctionDecl[] = [];
		const statements: Statement[] = [];
		while (!this.eof()) {
			const before = this.pos;
			const fn = this.tryFunction();
			if (fn) functions.push(fn);
			else {
				const statement = this.parseStatement();
				if (statement) statements.push(statement);
				if (this.atPunct('}') && this.pos === before) {
					this.error(ParseErrorCode.UnexpectedToken, 'This "}" closes nothing.');
					this.pos++;
				}
			}
			if (this.pos === before) {
				this.error(ParseErrorCode.UnexpectedToken, `Unexpected "${this.peek().value}".`);
				this.pos++;
			}
		}
		return { functions, statements, comments: this.comments, errors: this.errors };
	}

	/** `type name.name(params) { … }` or `name.name(params) { … }`. */
	private tryFunction(): FunctionDecl | undefined {
		const start = this.peek().start;
		let look = 0;
		let returnType = '';
		const first = this.peek();
		if (first.kind !== TokenKind.Identifier) return undefined;
		if (TYPES.has(first.value.toLowerCase()) && this.peek(1).kind === TokenKind.Identifier) {
			returnType = first.value;
			look = 1;
		}
		if (this.peek(look).kind !== TokenKind.Identifier) return undefined;
		// `if (…) {` and `while (…) {` look like headers; keywords never name functions.
		if (STATEMENT_WORDS.has(this.peek(look).value.toLowerCase()) || ['else', 'elseif', 'catch'].includes(this.peek(look).value.toLowerCase())) return undefined;
		let name = this.peek(look).value;
		const nameStart = this.peek(look).start;
		let i = look + 1;
		while (this.peek(i).value === '.' && this.peek(i + 1).kind === TokenKind.Identifier) {
			name += '.' + this.peek(i + 1).value;
			i += 2;
		}
		if (this.peek(i).value !== '(') return undefined;
		// Parameters, then a `{`: only then is it a declaration rather than a call.
		let j = i + 1;
		let depth = 1;
		let unclosed = false;
		while (this.pos + j < this.tokens.length && depth > 0) {
			const token = this.tokens[this.pos + j];
			const v = token.value;
			if (token.kind === TokenKind.Punctuation) {
				if (v === '(') depth++;
				else if (v === ')') depth--;
				else if (v === '{' && returnType && this.text.slice(this.tokens[this.pos + j - 1].end, token.start).includes('\n')) {
					// `void f(int a` then `{` on the next line: the header lost its ")".
					unclosed = true;
					break;
				} else if (v === ';' || v === '{' || v === '}') return undefined;
			}
			j++;
		}
		if (!unclosed && (depth !== 0 || this.peek(j).value !== '{')) return undefined;
		if (unclosed) this.error(ParseErrorCode.Expected, 'Expected ")" to close the parameters.', this.peek(j - 1));
		const nameEnd = this.peek(i - 1).end;
		const params: string[] = [];
		for (let k = i + 1; k < j - 1; k++) {
			const token = this.peek(k);
			const after = this.peek(k + 1);
			if (token.kind === TokenKind.Identifier && (after.value === ',' || k === j - 2)) params.push(token.value);
		}
		this.pos += j;
		const body = this.parseBlock();
		return { span: this.span(start), name, nameSpan: { start: nameStart, end: nameEnd }, returnType, params, body };
	}
}
