/** The syntax tree of a Deluge script: what the parser produces, every node with its exact offsets. */
import type { Token } from '../scanner';

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
