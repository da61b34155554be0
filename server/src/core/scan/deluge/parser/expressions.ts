/** Deluge expressions: operators by precedence, unary operators, members, calls, literals and task blocks. */
import { MAX_NESTING } from '../../../facts';
import { TokenKind } from '../scanner';
import { ParserState } from './state';
import { type Expr, ParseErrorCode } from './tree';

const TASKS = new Set(['invokeurl', 'invokeapi', 'sendmail']);

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

export interface ExprOptions {
	/** In a `for each` header a `{` after a complete value opens the body, not a literal. */
	readonly stopAtBlock?: boolean;
}

export class ExpressionParser extends ParserState {
	protected parseExpression(options: ExprOptions = {}, minPrecedence = 1): Expr {
		let left = this.parseUnary(options);
		for (;;) {
			const t = this.peek();
			if (t.kind !== TokenKind.Punctuation && !(t.kind === TokenKind.Identifier && t.value.toLowerCase() === 'in')) break;
			const op = t.value;
			const precedence = PRECEDENCE[op];
			if (!precedence || precedence < minPrecedence) break;
			this.pos++;
			const right = this.parseExpression(options, precedence + 1);
			left = { kind: 'binary', span: { start: left.span.start, end: right.span.end }, op, left, right };
		}
		return left;
	}

	private parseUnary(options: ExprOptions): Expr {
		if (this.depth >= MAX_NESTING) {
			const t = this.skipTooDeep();
			return { kind: 'error', span: { start: t.start, end: t.end } };
		}
		this.depth++;
		const expr = this.parseUnaryAt(options);
		this.depth--;
		return expr;
	}

	private parseUnaryAt(options: ExprOptions): Expr {
		const t = this.peek();
		if (t.kind === TokenKind.Punctuation && (t.value === '!' || t.value === '-' || t.value === '+')) {
			this.pos++;
			const operand = this.parseUnary(options);
			return { kind: 'unary', span: { start: t.start, end: operand.span.end }, op: t.value, operand };
		}
		return this.parsePostfix(this.parsePrimary(options), options);
	}

	private parsePostfix(expr: Expr, options: ExprOptions): Expr {
		let e = expr;
		for (;;) {
			if (this.atPunct('.')) {
				this.pos++;
				const name = this.peek();
				if (name.kind !== TokenKind.Identifier) {
					this.error(ParseErrorCode.Expected, 'Expected a name after ".".');
					return e;
				}
				this.pos++;
				e = { kind: 'member', span: { start: e.span.start, end: name.end }, object: e, name: name.value };
			} else if (this.atPunct('(')) {
				const args = this.parseArguments();
				e = { kind: 'call', span: { start: e.span.start, end: this.previousEnd() }, callee: e, args };
			} else if (this.atPunct('[') && e.kind === 'ident' && !options.stopAtBlock) {
				// Creator criteria: Form[Field == x]
				this.pos++;
				this.parseExpression();
				this.expect(']');
				e = { kind: 'call', span: { start: e.span.start, end: this.previousEnd() }, callee: e, args: [] };
			} else return e;
		}
	}

	private parseArguments(): Expr[] {
		this.pos++; // (
		const args: Expr[] = [];
		while (!this.eof() && !this.atPunct(')')) {
			if (this.atPunct(';') || this.atPunct('}')) {
				this.error(ParseErrorCode.Expected, 'Expected ")" to close the call.');
				return args;
			}
			const before = this.pos;
			args.push(this.parseExpression());
			if (this.atPunct(',')) {
				this.pos++;
				if (this.atPunct(')')) this.error(ParseErrorCode.UnexpectedToken, 'A trailing comma is not Deluge.', this.tokens[this.pos - 1]);
			} else if (!this.atPunct(')')) {
				if (this.pos === before) this.pos++;
				this.error(ParseErrorCode.Expected, 'Expected "," or ")" in the arguments.');
				if (this.startsStatementOnNewLine()) return args;
			}
		}
		if (this.atPunct(')')) this.pos++;
		return args;
	}

	private parsePrimary(options: ExprOptions): Expr {
		const t = this.peek();
		switch (t.kind) {
			case TokenKind.String:
			case TokenKind.QuotedText:
				this.pos++;
				return { kind: 'string', span: { start: t.start, end: t.end }, value: t.value };
			case TokenKind.Number:
				this.pos++;
				return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) };
			case TokenKind.Identifier: {
				const word = t.value.toLowerCase();
				if (TASKS.has(word) && (this.peek(1).value === '[' || (word !== 'invokeurl' && this.peek(1).value === '('))) return this.parseTask();
				if (word === 'true' || word === 'false' || word === 'null') {
					this.pos++;
					return { kind: 'literal', span: { start: t.start, end: t.end }, value: word };
				}
				this.pos++;
				// Map(), List(), List:String()
				if (this.atPunct(':') && (word === 'list' || word === 'map' || word === 'collection') && this.peek(1).kind === TokenKind.Identifier) this.pos += 2;
				return { kind: 'ident', span: { start: t.start, end: this.previousEnd() }, name: t.value };
			}
			case TokenKind.Punctuation:
				if (t.value === '(') {
					this.pos++;
					const inner = this.parseExpression();
					this.expect(')');
					return inner;
				}
				if (t.value === '{') return this.parseBraces();
				if (t.value === '[' && !options.stopAtBlock) {
					// [1, 2] lists (not Deluge, but pasted often)
					this.pos++;
					const items: Expr[] = [];
					while (!this.eof() && !this.atPunct(']') && !this.atPunct(';')) {
						items.push(this.parseExpression());
						if (this.atPunct(',')) this.pos++;
						else break;
					}
					this.expect(']');
					return { kind: 'list', span: this.span(t.start), items };
				}
				break;
		}
		this.error(ParseErrorCode.UnexpectedToken, t.kind === TokenKind.EOF ? 'Unexpected end of the script.' : `Unexpected "${t.value}".`, t);
		return { kind: 'error', span: { start: t.start, end: t.end } };
	}

	/** `{1, 2}` is a list, `{"k": v}` a map, `{}` an empty map. */
	private parseBraces(): Expr {
		const open = this.next();
		const items: Expr[] = [];
		const entries: [Expr, Expr][] = [];
		while (!this.eof() && !this.atPunct('}')) {
			if (this.atPunct(';')) break;
			const before = this.pos;
			const key = this.parseExpression();
			if (this.atPunct(':')) {
				this.pos++;
				entries.push([key, this.parseExpression()]);
			} else items.push(key);
			if (this.atPunct(',')) {
				this.pos++;
				if (this.atPunct('}')) this.error(ParseErrorCode.UnexpectedToken, 'A trailing comma is not Deluge.', this.tokens[this.pos - 1]);
			} else if (!this.atPunct('}')) {
				if (this.pos === before) this.pos++;
				this.error(ParseErrorCode.Expected, 'Expected "," or "}" in the literal.');
				if (this.startsStatementOnNewLine()) break;
			}
		}
		if (this.atPunct('}')) this.pos++;
		else this.error(ParseErrorCode.Expected, 'Expected "}" to close the literal.', open);
		const s = this.span(open.start);
		return entries.length > 0 || items.length === 0 ? { kind: 'map', span: s, entries } : { kind: 'list', span: s, items };
	}

	/** `invokeurl [ url: … type: POST … ]`, `sendmail [ … ]`, `invokeapi [ … ]`; keys may hold a space or a dash. */
	private parseTask(): Expr {
		const start = this.peek().start;
		const task = this.next().value.toLowerCase();
		const header = { start, end: this.previousEnd() };
		const close = this.atPunct('[') ? ']' : ')';
		this.pos++; // [ or (
		const params = new Map<string, Expr>();
		while (!this.eof() && !this.atPunct(close)) {
			if (this.atPunct(',')) {
				this.pos++;
				continue;
			}
			// A `;` ends the statement: the block's closing bracket was forgotten.
			if (this.atPunct(';')) break;
			// key: one or two words joined by a space or a dash (`content-type`, `reply to`)
			const keyToken = this.peek();
			if (keyToken.kind !== TokenKind.Identifier) {
				this.error(ParseErrorCode.Expected, 'Expected a key such as "url:".');
				this.pos++;
				continue;
			}
			let key = keyToken.value.toLowerCase();
			this.pos++;
			while (
				(this.atPunct('-') && this.peek(1).kind === TokenKind.Identifier) ||
				(this.peek().kind === TokenKind.Identifier && !this.atPunct(':') && this.peek(1).value === ':')
			) {
				if (this.atPunct('-')) {
					this.pos++;
					key += '-' + this.next().value.toLowerCase();
				} else key += ' ' + this.next().value.toLowerCase();
			}
			if (!this.expect(':')) {
				while (!this.eof() && !this.atPunct(close) && !(this.peek().kind === TokenKind.Identifier && this.peek(1).value === ':')) this.pos++;
				continue;
			}
			params.set(key, this.parseExpression());
		}
		if (this.atPunct(close)) this.pos++;
		else this.error(ParseErrorCode.Expected, `Expected "${close}" to close the ${task} block.`);
		return { kind: 'task', span: this.span(start), task, params, header };
	}
}
