/**
 * Deluge parser: recursive descent over the lexer's tokens, producing a compact syntax tree with exact
 * offsets. It never throws: a missing `;`, unbalanced braces or an unknown construct become errors,
 * and the parser resynchronises at the next statement, so every call that can be found is found.
 */
import { MAX_NESTING, NESTING_LIMIT } from '../../facts';
import { type Token, TokenKind, tokenize } from './scanner';

export interface Span {
	readonly start: number;
	readonly end: number;
}

export type Expr =
	| { readonly kind: 'string'; readonly span: Span; readonly value: string }
	| { readonly kind: 'number'; readonly span: Span; readonly value: number }
	| { readonly kind: 'literal'; readonly span: Span; readonly value: string }
	| { readonly kind: 'ident'; readonly span: Span; readonly name: string }
	| { readonly kind: 'member'; readonly span: Span; readonly object: Expr; readonly name: string }
	| { readonly kind: 'call'; readonly span: Span; readonly callee: Expr; readonly args: readonly Expr[] }
	| { readonly kind: 'list'; readonly span: Span; readonly items: readonly Expr[] }
	| { readonly kind: 'map'; readonly span: Span; readonly entries: readonly (readonly [Expr, Expr])[] }
	| { readonly kind: 'binary'; readonly span: Span; readonly op: string; readonly left: Expr; readonly right: Expr }
	| { readonly kind: 'unary'; readonly span: Span; readonly op: string; readonly operand: Expr }
	| { readonly kind: 'task'; readonly span: Span; readonly task: string; readonly params: ReadonlyMap<string, Expr>; readonly header: Span }
	| { readonly kind: 'error'; readonly span: Span };

export type Statement =
	| { readonly kind: 'assign'; readonly span: Span; readonly target: string; readonly op: string; readonly value: Expr }
	| { readonly kind: 'expr'; readonly span: Span; readonly expr: Expr }
	| { readonly kind: 'if'; readonly span: Span; readonly branches: readonly { readonly condition?: Expr; readonly body: readonly Statement[] }[] }
	| {
			readonly kind: 'foreach';
			readonly span: Span;
			readonly header: Span;
			readonly variable: string;
			readonly index: boolean;
			readonly iterable: Expr;
			readonly body: readonly Statement[];
	  }
	| { readonly kind: 'while'; readonly span: Span; readonly header: Span; readonly condition: Expr; readonly body: readonly Statement[] }
	| { readonly kind: 'try'; readonly span: Span; readonly body: readonly Statement[]; readonly handler: readonly Statement[] }
	| { readonly kind: 'return' | 'info' | 'throw'; readonly span: Span; readonly value?: Expr }
	| { readonly kind: 'break' | 'continue'; readonly span: Span };

export interface FunctionDecl {
	readonly span: Span;
	readonly name: string;
	readonly nameSpan: Span;
	readonly returnType: string;
	readonly params: readonly string[];
	readonly body: readonly Statement[];
}

export interface Script {
	readonly functions: readonly FunctionDecl[];
	/** Statements outside any function: a script pasted without its header. */
	readonly statements: readonly Statement[];
	readonly comments: readonly Token[];
	readonly errors: readonly ParseError[];
}

export const enum ParseErrorCode {
	Expected = 'expected',
	UnexpectedToken = 'unexpected-token',
	UnclosedBlock = 'unclosed-block',
	UnknownStatement = 'unknown-statement',
	Lexical = 'lexical',
}

export interface ParseError {
	readonly code: ParseErrorCode | string;
	readonly message: string;
	readonly start: number;
	readonly end: number;
}

const TYPES = new Set([
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
const STATEMENT_WORDS = new Set(['if', 'for', 'foreach', 'try', 'return', 'info', 'throw', 'break', 'continue', 'while', 'invokeurl', 'invokeapi', 'sendmail']);
const TASKS = new Set(['invokeurl', 'invokeapi', 'sendmail']);

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** Parses Deluge text. Never throws. */
export function parse(text: string): Script {
	const { tokens: all, errors: lexErrors } = tokenize(text);
	const comments = all.filter((t) => t.kind === TokenKind.LineComment || t.kind === TokenKind.BlockComment);
	const tokens = all.filter((t) => t.kind !== TokenKind.LineComment && t.kind !== TokenKind.BlockComment);
	const errors: ParseError[] = lexErrors.map((e) => ({ code: ParseErrorCode.Lexical, message: e.code, start: e.start, end: e.end }));
	/** `start:code` of each error: one error per place, found without a search of the list. */
	const reported = new Set<string>();
	let pos = 0;
	/** Statements and expressions entered above the current one; past MAX_NESTING nothing deeper is read. */
	let depth = 0;
	let tooDeep = false;
	/** Passes over one token nested too deep (said once): the caller's loop moves on without going deeper. */
	const skipTooDeep = (): Token => {
		const t = next();
		if (!tooDeep) {
			tooDeep = true;
			errors.push({
				code: NESTING_LIMIT,
				message: `Code nested more than ${MAX_NESTING} levels deep is not read from here on: Zoho CRM calls inside it are not counted.`,
				start: t.start,
				end: Math.max(t.end, t.start + 1),
			});
		}
		return t;
	};

	const peek = (offset = 0): Token => tokens[Math.min(pos + offset, tokens.length - 1)];
	const at = (value: string, offset = 0): boolean => {
		const t = peek(offset);
		return (t.kind === TokenKind.Punctuation || t.kind === TokenKind.Identifier) && t.value.toLowerCase() === value;
	};
	const atPunct = (value: string): boolean => peek().kind === TokenKind.Punctuation && peek().value === value;
	const next = (): Token => tokens[Math.min(pos++, tokens.length - 1)];
	const eof = (): boolean => peek().kind === TokenKind.EOF;
	const previousEnd = (): number => (pos > 0 ? tokens[Math.min(pos - 1, tokens.length - 1)].end : 0);
	const error = (code: ParseErrorCode, message: string, token: Token = peek()): void => {
		// One error per place: recovery may look at the same token twice.
		const key = `${token.start}:${code}`;
		if (reported.has(key)) return;
		reported.add(key);
		errors.push({ code, message, start: token.start, end: Math.max(token.end, token.start + 1) });
	};
	const expect = (value: string): boolean => {
		if (atPunct(value)) {
			pos++;
			return true;
		}
		error(ParseErrorCode.Expected, `Expected "${value}" here.`);
		return false;
	};
	/** True at the start of a statement on a new line: where a forgotten `;` ends the previous one. */
	const startsStatementOnNewLine = (): boolean => {
		const t = peek();
		if (t.kind !== TokenKind.Identifier || pos === 0) return false;
		const between = text.slice(tokens[pos - 1].end, t.start);
		if (!between.includes('\n')) return false;
		if (STATEMENT_WORDS.has(t.value.toLowerCase())) return true;
		// `name =` or `name.x(` on a new line
		const after = peek(1);
		return after.kind === TokenKind.Punctuation && (after.value === '=' || after.value === '+=' || after.value === '-=' || after.value === '.');
	};
	/** True when the current token starts a line. */
	const atLineStart = (): boolean => pos === 0 || text.slice(tokens[pos - 1].end, peek().start).includes('\n');
	/** `void name.name(` at the start of a line: a new function begins, whatever was left open before it. */
	const atFunctionHeader = (): boolean => {
		if (!atLineStart() || peek().kind !== TokenKind.Identifier || !TYPES.has(peek().value.toLowerCase())) return false;
		let i = 1;
		if (peek(i).kind !== TokenKind.Identifier) return false;
		i++;
		while (peek(i).value === '.' && peek(i + 1).kind === TokenKind.Identifier) i += 2;
		return peek(i).value === '(';
	};
	/**
	 * Skips a broken statement: to just after the next `;` outside braces, to a `}` closing the block, to
	 * a statement starting a new line, or to a function header. Parentheses are not counted: broken code
	 * leaves them unbalanced.
	 */
	const recover = (): void => {
		let depth = 0;
		while (!eof()) {
			const t = peek();
			if (t.kind === TokenKind.Punctuation) {
				if (t.value === '{') depth++;
				else if (t.value === '}') {
					if (depth === 0) return;
					depth--;
				} else if (t.value === ';' && depth === 0) {
					pos++;
					return;
				}
			}
			pos++;
			if (depth === 0 && (startsStatementOnNewLine() || atFunctionHeader())) return;
		}
	};
	/** The statement ends: a `;`, or (leniently) a new line, a `}` or the end. */
	const endStatement = (): void => {
		if (atPunct(';')) {
			pos++;
			return;
		}
		if (atPunct('}') || eof() || startsStatementOnNewLine()) {
			error(ParseErrorCode.Expected, 'Expected ";" at the end of the statement.', tokens[Math.max(0, pos - 1)]);
			return;
		}
		error(ParseErrorCode.UnexpectedToken, `Unexpected "${peek().value}".`);
		recover();
	};

	const span = (start: number): Span => ({ start, end: Math.max(start, previousEnd()) });

	function parseBlockOrStatement(): Statement[] {
		if (atPunct('{')) return parseBlock();
		const single = parseStatement();
		return single ? [single] : [];
	}

	function parseBlock(): Statement[] {
		const open = next(); // {
		const body: Statement[] = [];
		while (!eof() && !atPunct('}')) {
			// A function header inside a block: the block was never closed.
			if (atFunctionHeader()) break;
			const before = pos;
			const statement = parseStatement();
			if (statement) body.push(statement);
			if (pos === before) {
				// Nothing consumed: a stray token; skip it so parsing moves on.
				error(ParseErrorCode.UnexpectedToken, `Unexpected "${peek().value}".`);
				pos++;
			}
		}
		if (atPunct('}')) pos++;
		else errors.push({ code: ParseErrorCode.UnclosedBlock, message: 'This "{" is never closed with "}".', start: open.start, end: open.end });
		return body;
	}

	function parseStatement(): Statement | undefined {
		if (depth >= MAX_NESTING) {
			skipTooDeep();
			return undefined;
		}
		depth++;
		const statement = parseStatementAt();
		depth--;
		return statement;
	}

	function parseStatementAt(): Statement | undefined {
		const t = peek();
		const start = t.start;
		if (atPunct(';')) {
			pos++;
			return undefined;
		}
		const word = t.kind === TokenKind.Identifier ? t.value.toLowerCase() : '';
		switch (word) {
			case 'if':
				if (peek(1).value === '(' && !isConditionalExpression()) return parseIf();
				break;
			case 'for':
			case 'foreach':
				return parseForEach();
			case 'else':
			case 'elseif': {
				// An `else` whose `if` a lost brace cut off: keep its branch, so the calls in it still count.
				error(ParseErrorCode.UnexpectedToken, '"else" without an "if" before it.', t);
				pos++;
				if (word === 'elseif' || at('if')) {
					if (word === 'else') pos++;
					const condition = parseParenthesized();
					return { kind: 'if', span: span(start), branches: [{ condition, body: parseBlockOrStatement() }] };
				}
				return { kind: 'if', span: span(start), branches: [{ body: parseBlockOrStatement() }] };
			}
			case 'while': {
				pos++;
				error(ParseErrorCode.UnknownStatement, 'Deluge has no "while" loop; its body is still analysed as a loop.', t);
				const condition = atPunct('(') ? parseExpression() : { kind: 'error' as const, span: span(start) };
				const header = span(start);
				const body = parseBlockOrStatement();
				return { kind: 'while', span: span(start), header, condition, body };
			}
			case 'try': {
				pos++;
				const body = atPunct('{') ? parseBlock() : [];
				let handler: Statement[] = [];
				if (at('catch')) {
					pos++;
					if (atPunct('(')) {
						pos++;
						while (!eof() && !atPunct(')') && !atPunct('{')) pos++;
						expect(')');
					}
					handler = atPunct('{') ? parseBlock() : [];
				}
				return { kind: 'try', span: span(start), body, handler };
			}
			case 'return':
			case 'info':
			case 'throw': {
				pos++;
				const value = atPunct(';') || atPunct('}') || eof() ? undefined : parseExpression();
				endStatement();
				return { kind: word, span: span(start), value };
			}
			case 'break':
			case 'continue':
				pos++;
				endStatement();
				return { kind: word, span: span(start) };
		}
		// Assignment: name(.name)* op expr
		if (t.kind === TokenKind.Identifier) {
			let look = 1;
			let target = t.value;
			while (peek(look).value === '.' && peek(look + 1).kind === TokenKind.Identifier) {
				target += '.' + peek(look + 1).value;
				look += 2;
			}
			const op = peek(look);
			if (op.kind === TokenKind.Punctuation && ['=', '+=', '-=', '*=', '/=', '%='].includes(op.value)) {
				pos += look + 1;
				const value = parseExpression();
				endStatement();
				return { kind: 'assign', span: span(start), target, op: op.value, value };
			}
		}
		if (t.kind === TokenKind.EOF) return undefined;
		const expr = parseExpression();
		if (expr.kind === 'error') {
			recover();
			return undefined;
		}
		// Task blocks end with `];` or `]`; a semicolon is still expected but often forgotten.
		if (expr.kind === 'task') {
			if (atPunct(';')) pos++;
		} else endStatement();
		return { kind: 'expr', span: span(start), expr };
	}

	/** `if(cond, a, b)` is an expression; `if (cond) { … }` a statement. */
	function isConditionalExpression(): boolean {
		let depth = 0;
		for (let i = 1; pos + i < tokens.length; i++) {
			const v = tokens[pos + i].kind === TokenKind.Punctuation ? tokens[pos + i].value : '';
			if (v === '(' || v === '[' || v === '{') depth++;
			else if (v === ')' || v === ']' || v === '}') {
				depth--;
				if (depth === 0) return false;
			} else if (v === ',' && depth === 1) return true;
			else if (v === ';') return false;
		}
		return false;
	}

	function parseIf(): Statement {
		const start = peek().start;
		const branches: { condition?: Expr; body: readonly Statement[] }[] = [];
		pos++; // if
		branches.push({ condition: parseParenthesized(), body: parseBlockOrStatement() });
		while (at('else') || at('elseif')) {
			if (at('elseif')) {
				error(ParseErrorCode.UnexpectedToken, 'Write "else if", in two words.');
				pos++;
				branches.push({ condition: parseParenthesized(), body: parseBlockOrStatement() });
				continue;
			}
			pos++;
			if (at('if')) {
				pos++;
				branches.push({ condition: parseParenthesized(), body: parseBlockOrStatement() });
			} else {
				branches.push({ body: parseBlockOrStatement() });
				break;
			}
		}
		return { kind: 'if', span: span(start), branches };
	}

	function parseParenthesized(): Expr {
		if (!atPunct('(')) {
			error(ParseErrorCode.Expected, 'Expected "(" here.');
			return { kind: 'error', span: { start: peek().start, end: peek().start } };
		}
		pos++;
		const expr = parseExpression();
		if (!expect(')')) {
			// Skip the rest of the condition to its closing ")", even past `;` (HTML-escaped `&amp;`), never past a `{`.
			let depth = 0;
			while (!eof() && !atPunct('{')) {
				if (atPunct('(')) depth++;
				else if (atPunct(')')) {
					if (depth === 0) {
						pos++;
						break;
					}
					depth--;
				}
				pos++;
			}
		}
		return expr;
	}

	function parseForEach(): Statement {
		const start = peek().start;
		const first = next();
		if (first.value.toLowerCase() === 'for' && atPunct('(')) {
			// for (i = 0; i < n; i++): not Deluge; read it as a loop of unknown length so its body still counts.
			error(ParseErrorCode.UnknownStatement, 'Deluge has no C-style "for"; write "for each x in list". Its body is still analysed as a loop.', first);
			let depth = 0;
			while (!eof()) {
				if (atPunct('(')) depth++;
				else if (atPunct(')') && --depth === 0) {
					pos++;
					break;
				} else if (atPunct('{') && depth === 0) break;
				pos++;
			}
			const header = span(start);
			const body = parseBlockOrStatement();
			return { kind: 'while', span: span(start), header, condition: { kind: 'error', span: header }, body };
		}
		if (first.value.toLowerCase() === 'for') {
			if (at('each')) pos++;
			else error(ParseErrorCode.Expected, 'Expected "each" after "for": Deluge loops are "for each x in list".');
		}
		let index = false;
		if (at('index') && peek(1).kind === TokenKind.Identifier && !at('in', 1)) {
			index = true;
			pos++;
		}
		const variableToken = peek();
		let variable = '';
		if (variableToken.kind === TokenKind.Identifier && !at('in')) {
			variable = variableToken.value;
			pos++;
		} else error(ParseErrorCode.Expected, 'Expected the loop variable.');
		if (at('in')) pos++;
		else error(ParseErrorCode.Expected, 'Expected "in".');
		const iterable = parseExpression({ stopAtBlock: true });
		const header = span(start);
		const body = atPunct('{') ? parseBlock() : parseBlockOrStatement();
		return { kind: 'foreach', span: span(start), header, variable, index, iterable, body };
	}

	interface ExprOptions {
		/** In a `for each` header a `{` after a complete value opens the body, not a literal. */
		readonly stopAtBlock?: boolean;
	}

	function parseExpression(options: ExprOptions = {}, minPrecedence = 1): Expr {
		let left = parseUnary(options);
		for (;;) {
			const t = peek();
			if (t.kind !== TokenKind.Punctuation && !(t.kind === TokenKind.Identifier && t.value.toLowerCase() === 'in')) break;
			const op = t.value;
			const precedence = PRECEDENCE[op];
			if (!precedence || precedence < minPrecedence) break;
			pos++;
			const right = parseExpression(options, precedence + 1);
			left = { kind: 'binary', span: { start: left.span.start, end: right.span.end }, op, left, right };
		}
		return left;
	}

	function parseUnary(options: ExprOptions): Expr {
		if (depth >= MAX_NESTING) {
			const t = skipTooDeep();
			return { kind: 'error', span: { start: t.start, end: t.end } };
		}
		depth++;
		const expr = parseUnaryAt(options);
		depth--;
		return expr;
	}

	function parseUnaryAt(options: ExprOptions): Expr {
		const t = peek();
		if (t.kind === TokenKind.Punctuation && (t.value === '!' || t.value === '-' || t.value === '+')) {
			pos++;
			const operand = parseUnary(options);
			return { kind: 'unary', span: { start: t.start, end: operand.span.end }, op: t.value, operand };
		}
		return parsePostfix(parsePrimary(options), options);
	}

	function parsePostfix(expr: Expr, options: ExprOptions): Expr {
		let e = expr;
		for (;;) {
			if (atPunct('.')) {
				pos++;
				const name = peek();
				if (name.kind !== TokenKind.Identifier) {
					error(ParseErrorCode.Expected, 'Expected a name after ".".');
					return e;
				}
				pos++;
				e = { kind: 'member', span: { start: e.span.start, end: name.end }, object: e, name: name.value };
			} else if (atPunct('(')) {
				const args = parseArguments();
				e = { kind: 'call', span: { start: e.span.start, end: previousEnd() }, callee: e, args };
			} else if (atPunct('[') && e.kind === 'ident' && !options.stopAtBlock) {
				// Creator criteria: Form[Field == x]
				pos++;
				parseExpression();
				expect(']');
				e = { kind: 'call', span: { start: e.span.start, end: previousEnd() }, callee: e, args: [] };
			} else return e;
		}
	}

	function parseArguments(): Expr[] {
		pos++; // (
		const args: Expr[] = [];
		while (!eof() && !atPunct(')')) {
			if (atPunct(';') || atPunct('}')) {
				error(ParseErrorCode.Expected, 'Expected ")" to close the call.');
				return args;
			}
			const before = pos;
			args.push(parseExpression());
			if (atPunct(',')) {
				pos++;
				if (atPunct(')')) error(ParseErrorCode.UnexpectedToken, 'A trailing comma is not Deluge.', tokens[pos - 1]);
			} else if (!atPunct(')')) {
				if (pos === before) pos++;
				error(ParseErrorCode.Expected, 'Expected "," or ")" in the arguments.');
				if (startsStatementOnNewLine()) return args;
			}
		}
		if (atPunct(')')) pos++;
		return args;
	}

	function parsePrimary(options: ExprOptions): Expr {
		const t = peek();
		switch (t.kind) {
			case TokenKind.String:
			case TokenKind.QuotedText:
				pos++;
				return { kind: 'string', span: { start: t.start, end: t.end }, value: t.value };
			case TokenKind.Number:
				pos++;
				return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) };
			case TokenKind.Identifier: {
				const word = t.value.toLowerCase();
				if (TASKS.has(word) && (peek(1).value === '[' || (word !== 'invokeurl' && peek(1).value === '('))) return parseTask();
				if (word === 'true' || word === 'false' || word === 'null') {
					pos++;
					return { kind: 'literal', span: { start: t.start, end: t.end }, value: word };
				}
				pos++;
				// Map(), List(), List:String()
				if (atPunct(':') && (word === 'list' || word === 'map' || word === 'collection') && peek(1).kind === TokenKind.Identifier) pos += 2;
				return { kind: 'ident', span: { start: t.start, end: previousEnd() }, name: t.value };
			}
			case TokenKind.Punctuation:
				if (t.value === '(') {
					pos++;
					const inner = parseExpression();
					expect(')');
					return inner;
				}
				if (t.value === '{') return parseBraces();
				if (t.value === '[' && !options.stopAtBlock) {
					// [1, 2] lists (not Deluge, but pasted often)
					pos++;
					const items: Expr[] = [];
					while (!eof() && !atPunct(']') && !atPunct(';')) {
						items.push(parseExpression());
						if (atPunct(',')) pos++;
						else break;
					}
					expect(']');
					return { kind: 'list', span: span(t.start), items };
				}
				break;
		}
		error(ParseErrorCode.UnexpectedToken, t.kind === TokenKind.EOF ? 'Unexpected end of the script.' : `Unexpected "${t.value}".`, t);
		return { kind: 'error', span: { start: t.start, end: t.end } };
	}

	/** `{1, 2}` is a list, `{"k": v}` a map, `{}` an empty map. */
	function parseBraces(): Expr {
		const open = next();
		const items: Expr[] = [];
		const entries: [Expr, Expr][] = [];
		while (!eof() && !atPunct('}')) {
			if (atPunct(';')) break;
			const before = pos;
			const key = parseExpression();
			if (atPunct(':')) {
				pos++;
				entries.push([key, parseExpression()]);
			} else items.push(key);
			if (atPunct(',')) {
				pos++;
				if (atPunct('}')) error(ParseErrorCode.UnexpectedToken, 'A trailing comma is not Deluge.', tokens[pos - 1]);
			} else if (!atPunct('}')) {
				if (pos === before) pos++;
				error(ParseErrorCode.Expected, 'Expected "," or "}" in the literal.');
				if (startsStatementOnNewLine()) break;
			}
		}
		if (atPunct('}')) pos++;
		else error(ParseErrorCode.Expected, 'Expected "}" to close the literal.', open);
		const s = span(open.start);
		return entries.length > 0 || items.length === 0 ? { kind: 'map', span: s, entries } : { kind: 'list', span: s, items };
	}

	/** `invokeurl [ url: … type: POST … ]`, `sendmail [ … ]`, `invokeapi [ … ]`; keys may hold a space or a dash. */
	function parseTask(): Expr {
		const start = peek().start;
		const task = next().value.toLowerCase();
		const header = { start, end: previousEnd() };
		const close = atPunct('[') ? ']' : ')';
		pos++; // [ or (
		const params = new Map<string, Expr>();
		while (!eof() && !atPunct(close)) {
			if (atPunct(',')) {
				pos++;
				continue;
			}
			// A `;` ends the statement: the block's closing bracket was forgotten.
			if (atPunct(';')) break;
			// key: one or two words joined by a space or a dash (`content-type`, `reply to`)
			const keyToken = peek();
			if (keyToken.kind !== TokenKind.Identifier) {
				error(ParseErrorCode.Expected, 'Expected a key such as "url:".');
				pos++;
				continue;
			}
			let key = keyToken.value.toLowerCase();
			pos++;
			while ((atPunct('-') && peek(1).kind === TokenKind.Identifier) || (peek().kind === TokenKind.Identifier && !atPunct(':') && peek(1).value === ':')) {
				if (atPunct('-')) {
					pos++;
					key += '-' + next().value.toLowerCase();
				} else key += ' ' + next().value.toLowerCase();
			}
			if (!expect(':')) {
				while (!eof() && !atPunct(close) && !(peek().kind === TokenKind.Identifier && peek(1).value === ':')) pos++;
				continue;
			}
			params.set(key, parseExpression());
		}
		if (atPunct(close)) pos++;
		else error(ParseErrorCode.Expected, `Expected "${close}" to close the ${task} block.`);
		return { kind: 'task', span: span(start), task, params, header };
	}

	// Script: functions and statements.
	const functions: FunctionDecl[] = [];
	const statements: Statement[] = [];
	while (!eof()) {
		const before = pos;
		const fn = tryFunction();
		if (fn) functions.push(fn);
		else {
			const statement = parseStatement();
			if (statement) statements.push(statement);
			if (atPunct('}') && pos === before) {
				error(ParseErrorCode.UnexpectedToken, 'This "}" closes nothing.');
				pos++;
			}
		}
		if (pos === before) {
			error(ParseErrorCode.UnexpectedToken, `Unexpected "${peek().value}".`);
			pos++;
		}
	}

	/** `type name.name(params) { … }` or `name.name(params) { … }`. */
	function tryFunction(): FunctionDecl | undefined {
		const start = peek().start;
		let look = 0;
		let returnType = '';
		const first = peek();
		if (first.kind !== TokenKind.Identifier) return undefined;
		if (TYPES.has(first.value.toLowerCase()) && peek(1).kind === TokenKind.Identifier) {
			returnType = first.value;
			look = 1;
		}
		if (peek(look).kind !== TokenKind.Identifier) return undefined;
		// `if (…) {` and `while (…) {` look like headers; keywords never name functions.
		if (STATEMENT_WORDS.has(peek(look).value.toLowerCase()) || ['else', 'elseif', 'catch'].includes(peek(look).value.toLowerCase())) return undefined;
		let name = peek(look).value;
		const nameStart = peek(look).start;
		let i = look + 1;
		while (peek(i).value === '.' && peek(i + 1).kind === TokenKind.Identifier) {
			name += '.' + peek(i + 1).value;
			i += 2;
		}
		if (peek(i).value !== '(') return undefined;
		// Parameters, then a `{`: only then is it a declaration rather than a call.
		let j = i + 1;
		let depth = 1;
		let unclosed = false;
		while (pos + j < tokens.length && depth > 0) {
			const token = tokens[pos + j];
			const v = token.value;
			if (token.kind === TokenKind.Punctuation) {
				if (v === '(') depth++;
				else if (v === ')') depth--;
				else if (v === '{' && returnType && text.slice(tokens[pos + j - 1].end, token.start).includes('\n')) {
					// `void f(int a` then `{` on the next line: the header lost its ")".
					unclosed = true;
					break;
				} else if (v === ';' || v === '{' || v === '}') return undefined;
			}
			j++;
		}
		if (!unclosed && (depth !== 0 || peek(j).value !== '{')) return undefined;
		if (unclosed) error(ParseErrorCode.Expected, 'Expected ")" to close the parameters.', peek(j - 1));
		const nameEnd = peek(i - 1).end;
		const params: string[] = [];
		for (let k = i + 1; k < j - 1; k++) {
			const token = peek(k);
			const after = peek(k + 1);
			if (token.kind === TokenKind.Identifier && (after.value === ',' || k === j - 2)) params.push(token.value);
		}
		pos += j;
		const body = parseBlock();
		return { span: span(start), name, nameSpan: { start: nameStart, end: nameEnd }, returnType, params, body };
	}

	return { functions, statements, comments, errors };
}
