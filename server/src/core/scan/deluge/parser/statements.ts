/** Deluge statements: blocks, assignments, `if`/`else`, loops, `try`/`catch`, `return`/`info`/`throw` and expression statements. */
import { MAX_NESTING } from '../../../facts';
import { TokenKind } from '../scanner';
import { ExpressionParser } from './expressions';
import { type Expr, ParseErrorCode, type Statement } from './tree';

export class StatementParser extends ExpressionParser {
	private parseBlockOrStatement(): Statement[] {
		if (this.atPunct('{')) return this.parseBlock();
		const single = this.parseStatement();
		return single ? [single] : [];
	}

	protected parseBlock(): Statement[] {
		const open = this.next(); // {
		const body: Statement[] = [];
		while (!this.eof() && !this.atPunct('}')) {
			// A function header inside a block: the block was never closed.
			if (this.atFunctionHeader()) break;
			const before = this.pos;
			const statement = this.parseStatement();
			if (statement) body.push(statement);
			if (this.pos === before) {
				// Nothing consumed: a stray token; skip it so parsing moves on.
				this.error(ParseErrorCode.UnexpectedToken, `Unexpected "${this.peek().value}".`);
				this.pos++;
			}
		}
		if (this.atPunct('}')) this.pos++;
		else this.errors.push({ code: ParseErrorCode.UnclosedBlock, message: 'This "{" is never closed with "}".', start: open.start, end: open.end });
		return body;
	}

	protected parseStatement(): Statement | undefined {
		if (this.depth >= MAX_NESTING) {
			this.skipTooDeep();
			return undefined;
		}
		this.depth++;
		const statement = this.parseStatementAt();
		this.depth--;
		return statement;
	}

	private parseStatementAt(): Statement | undefined {
		const t = this.peek();
		const start = t.start;
		if (this.atPunct(';')) {
			this.pos++;
			return undefined;
		}
		const word = t.kind === TokenKind.Identifier ? t.value.toLowerCase() : '';
		switch (word) {
			case 'if':
				if (this.peek(1).value === '(' && !this.isConditionalExpression()) return this.parseIf();
				break;
			case 'for':
			case 'foreach':
				return this.parseForEach();
			case 'else':
			case 'elseif': {
				// An `else` whose `if` a lost brace cut off: keep its branch, so the calls in it still count.
				this.error(ParseErrorCode.UnexpectedToken, '"else" without an "if" before it.', t);
				this.pos++;
				if (word === 'elseif' || this.at('if')) {
					if (word === 'else') this.pos++;
					const condition = this.parseParenthesized();
					return { kind: 'if', span: this.span(start), branches: [{ condition, body: this.parseBlockOrStatement() }] };
				}
				return { kind: 'if', span: this.span(start), branches: [{ body: this.parseBlockOrStatement() }] };
			}
			case 'while': {
				this.pos++;
				this.error(ParseErrorCode.UnknownStatement, 'Deluge has no "while" loop; its body is still analysed as a loop.', t);
				const condition = this.atPunct('(') ? this.parseExpression() : { kind: 'error' as const, span: this.span(start) };
				const header = this.span(start);
				const body = this.parseBlockOrStatement();
				return { kind: 'while', span: this.span(start), header, condition, body };
			}
			case 'try': {
				this.pos++;
				const body = this.atPunct('{') ? this.parseBlock() : [];
				let handler: Statement[] = [];
				if (this.at('catch')) {
					this.pos++;
					if (this.atPunct('(')) {
						this.pos++;
						while (!this.eof() && !this.atPunct(')') && !this.atPunct('{')) this.pos++;
						this.expect(')');
					}
					handler = this.atPunct('{') ? this.parseBlock() : [];
				}
				return { kind: 'try', span: this.span(start), body, handler };
			}
			case 'return':
			case 'info':
			case 'throw': {
				this.pos++;
				const value = this.atPunct(';') || this.atPunct('}') || this.eof() ? undefined : this.parseExpression();
				this.endStatement();
				return { kind: word, span: this.span(start), value };
			}
			case 'break':
			case 'continue':
				this.pos++;
				this.endStatement();
				return { kind: word, span: this.span(start) };
		}
		// Assignment: name(.name)* op expr
		if (t.kind === TokenKind.Identifier) {
			let look = 1;
			let target = t.value;
			while (this.peek(look).value === '.' && this.peek(look + 1).kind === TokenKind.Identifier) {
				target += '.' + this.peek(look + 1).value;
				look += 2;
			}
			const op = this.peek(look);
			if (op.kind === TokenKind.Punctuation && ['=', '+=', '-=', '*=', '/=', '%='].includes(op.value)) {
				this.pos += look + 1;
				const value = this.parseExpression();
				this.endStatement();
				return { kind: 'assign', span: this.span(start), target, op: op.value, value };
			}
		}
		if (t.kind === TokenKind.EOF) return undefined;
		const expr = this.parseExpression();
		if (expr.kind === 'error') {
			this.recover();
			return undefined;
		}
		// Task blocks end with `];` or `]`; a semicolon is still expected but often forgotten.
		if (expr.kind === 'task') {
			if (this.atPunct(';')) this.pos++;
		} else this.endStatement();
		return { kind: 'expr', span: this.span(start), expr };
	}

	/** `if(cond, a, b)` is an expression; `if (cond) { … }` a statement. */
	private isConditionalExpression(): boolean {
		let depth = 0;
		for (let i = 1; this.pos + i < this.tokens.length; i++) {
			const v = this.tokens[this.pos + i].kind === TokenKind.Punctuation ? this.tokens[this.pos + i].value : '';
			if (v === '(' || v === '[' || v === '{') depth++;
			else if (v === ')' || v === ']' || v === '}') {
				depth--;
				if (depth === 0) return false;
			} else if (v === ',' && depth === 1) return true;
			else if (v === ';') return false;
		}
		return false;
	}

	private parseIf(): Statement {
		const start = this.peek().start;
		const branches: { condition?: Expr; body: readonly Statement[] }[] = [];
		this.pos++; // if
		branches.push({ condition: this.parseParenthesized(), body: this.parseBlockOrStatement() });
		while (this.at('else') || this.at('elseif')) {
			if (this.at('elseif')) {
				this.error(ParseErrorCode.UnexpectedToken, 'Write "else if", in two words.');
				this.pos++;
				branches.push({ condition: this.parseParenthesized(), body: this.parseBlockOrStatement() });
				continue;
			}
			this.pos++;
			if (this.at('if')) {
				this.pos++;
				branches.push({ condition: this.parseParenthesized(), body: this.parseBlockOrStatement() });
			} else {
				branches.push({ body: this.parseBlockOrStatement() });
				break;
			}
		}
		return { kind: 'if', span: this.span(start), branches };
	}

	private parseParenthesized(): Expr {
		if (!this.atPunct('(')) {
			this.error(ParseErrorCode.Expected, 'Expected "(" here.');
			return { kind: 'error', span: { start: this.peek().start, end: this.peek().start } };
		}
		this.pos++;
		const expr = this.parseExpression();
		if (!this.expect(')')) {
			// Skip the rest of the condition to its closing ")", even past `;` (HTML-escaped `&amp;`), never past a `{`.
			let depth = 0;
			while (!this.eof() && !this.atPunct('{')) {
				if (this.atPunct('(')) depth++;
				else if (this.atPunct(')')) {
					if (depth === 0) {
						this.pos++;
						break;
					}
					depth--;
				}
				this.pos++;
			}
		}
		return expr;
	}

	private parseForEach(): Statement {
		const start = this.peek().start;
		const first = this.next();
		if (first.value.toLowerCase() === 'for' && this.atPunct('(')) {
			// for (i = 0; i < n; i++): not Deluge; read it as a loop of unknown length so its body still counts.
			this.error(ParseErrorCode.UnknownStatement, 'Deluge has no C-style "for"; write "for each x in list". Its body is still analysed as a loop.', first);
			let depth = 0;
			while (!this.eof()) {
				if (this.atPunct('(')) depth++;
				else if (this.atPunct(')') && --depth === 0) {
					this.pos++;
					break;
				} else if (this.atPunct('{') && depth === 0) break;
				this.pos++;
			}
			const header = this.span(start);
			const body = this.parseBlockOrStatement();
			return { kind: 'while', span: this.span(start), header, condition: { kind: 'error', span: header }, body };
		}
		if (first.value.toLowerCase() === 'for') {
			if (this.at('each')) this.pos++;
			else this.error(ParseErrorCode.Expected, 'Expected "each" after "for": Deluge loops are "for each x in list".');
		}
		let index = false;
		if (this.at('index') && this.peek(1).kind === TokenKind.Identifier && !this.at('in', 1)) {
			index = true;
			this.pos++;
		}
		const variableToken = this.peek();
		let variable = '';
		if (variableToken.kind === TokenKind.Identifier && !this.at('in')) {
			variable = variableToken.value;
			this.pos++;
		} else this.error(ParseErrorCode.Expected, 'Expected the loop variable.');
		if (this.at('in')) this.pos++;
		else this.error(ParseErrorCode.Expected, 'Expected "in".');
		const iterable = this.parseExpression({ stopAtBlock: true });
		const header = this.span(start);
		const body = this.atPunct('{') ? this.parseBlock() : this.parseBlockOrStatement();
		return { kind: 'foreach', span: this.span(start), header, variable, index, iterable, body };
	}
}
