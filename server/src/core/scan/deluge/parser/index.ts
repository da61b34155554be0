/**
 * Deluge parser: recursive descent over the lexer's tokens, producing a compact syntax tree with exact
 * offsets. It never throws: a missing `;`, unbalanced braces or an unknown construct become errors,
 * and the parser resynchronises at the next statement, so every call that can be found is found.
 *
 * The grammar is one class per layer: the state and token helpers (state.ts), expressions
 * (expressions.ts), statements (statements.ts), then functions and the script (functions.ts).
 */
import { ScriptParser } from './functions';
import type { Script } from './tree';

export type { Expr, FunctionDecl, ParseError, Script, Span, Statement } from './tree';
export { ParseErrorCode } from './tree';

/** Parses Deluge text. Never throws. */
export function parse(text: string): Script {
	return new ScriptParser(text).parse();
}
