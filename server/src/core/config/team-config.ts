/**
 * `zoho-credits.json`: parsed with positions, validated against the JSON schema the editor also uses
 * (schemas/zoho-credits.schema.json), and checked for what a schema cannot say. Never throws.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, type Node, type ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import schema from '../../../../schemas/zoho-credits.schema.json';
import type { BudgetTableId, Edition } from '../../../../shared/editions';
import type { DelugeProduct } from '../catalog/deluge-limits';
import { braceExpansions, MAX_GLOB_EXPANSIONS } from './globs';

export const TEAM_CONFIG_FILE = 'zoho-credits.json';

export interface EntryPointConfig {
	readonly function?: string;
	readonly file?: string;
	readonly runsPerDay: number;
}

/** The team configuration as written; every key is optional. */
export interface TeamConfig {
	readonly edition?: Edition;
	readonly users?: number;
	readonly addOnCredits?: number;
	readonly budgetTable?: BudgetTableId;
	readonly thresholds?: { readonly warning?: number; readonly error?: number };
	readonly defaultLoopIterations?: number;
	readonly assumedIterations?: { readonly high?: number };
	readonly moduleSizes?: Readonly<Record<string, number>>;
	readonly entryPoints?: readonly EntryPointConfig[];
	readonly ignore?: readonly string[];
	readonly deluge?: readonly string[];
	readonly delugeLimits?: { readonly product?: DelugeProduct; readonly statements?: number; readonly nestedCalls?: number };
}

/** A problem in the file, with its offset and length in the text. */
export interface ConfigError {
	/** `file` when it cannot be read, `syntax` for malformed JSON, `schema` for what the JSON schema rejects, `semantic` for the rest. */
	readonly kind: 'file' | 'syntax' | 'schema' | 'semantic';
	readonly message: string;
	readonly offset: number;
	readonly length: number;
}

export interface ParsedTeamConfig {
	/** The configuration, or undefined when the file has any error: a broken file never half-applies. */
	readonly config: TeamConfig | undefined;
	readonly errors: readonly ConfigError[];
}

let compiled: ValidateFunction | undefined;

/** The schema's validator, compiled on first use (about 50 ms): a thread that never reads a team file never pays for it. */
function validator(): ValidateFunction {
	compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
	return compiled;
}

function location(pointer: string): (string | number)[] {
	if (!pointer) return [];
	return pointer
		.slice(1)
		.split('/')
		.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
		.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `users`, `thresholds.warning`, `entryPoints[0].runsPerDay`: how the message names a value. */
function displayPath(pointer: string): string {
	return location(pointer).reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function schemaMessage(error: ErrorObject): string {
	const where = displayPath(error.instancePath) || 'the configuration';
	const p = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'enum':
			return `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
		case 'type':
			return `${where} must be ${p.type === 'integer' ? 'a whole number' : `of type ${String(p.type)}`}.`;
		case 'minimum':
			return `${where} must be at least ${String(p.limit)}.`;
		case 'maximum':
			return `${where} must be at most ${Number(p.limit).toLocaleString('en-US')}.`;
		case 'exclusiveMinimum':
			return `${where} must be greater than ${String(p.limit)}.`;
		case 'additionalProperties':
			return `Unknown key "${String(p.additionalProperty)}"${where === 'the configuration' ? '' : ` in ${where}`}.`;
		case 'required':
			return `${where} needs "${String(p.missingProperty)}".`;
		case 'anyOf':
			return `${where} needs "function" or "file".`;
		default:
			return `${where} ${error.message ?? 'is not valid'}.`;
	}
}

/** The node an error is about: the unknown key itself, else the value at the error's path. */
function nodeOf(root: Node, error: ErrorObject): Node | undefined {
	const path = location(error.instancePath);
	if (error.keyword === 'additionalProperties') {
		const parent = findNodeAtLocation(root, path);
		const key = (error.params as { additionalProperty: string }).additionalProperty;
		return parent?.children?.find((property) => property.children?.[0]?.value === key)?.children?.[0];
	}
	return findNodeAtLocation(root, path);
}

/** Objects and arrays nested deeper than this are refused before parsing: the parser and the walks over its tree recurse. */
const MAX_CONFIG_DEPTH = 64;

/**
 * Offset of the first `{` or `[` that opens a level deeper than `maxDepth`, or -1. Brackets in strings
 * and comments do not count; the text need not be valid JSON.
 */
function tooDeepAt(text: string, maxDepth: number): number {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
		} else if (c === '/' && text[i + 1] === '/') {
			while (i < text.length && text[i] !== '\n') i++;
		} else if (c === '/' && text[i + 1] === '*') {
			const end = text.indexOf('*/', i + 2);
			i = end < 0 ? text.length : end + 1;
		} else if (c === '{' || c === '[') {
			if (++depth > maxDepth) return i;
		} else if (c === '}' || c === ']') {
			depth = Math.max(0, depth - 1);
		}
	}
	return -1;
}

export function parseTeamConfig(text: string): ParsedTeamConfig {
	if (text.trim() === '') {
		return {
			config: undefined,
			errors: [{ kind: 'syntax', message: 'The file is empty; write a JSON object such as {"edition": "professional", "users": 10}.', offset: 0, length: 0 }],
		};
	}
	const deep = tooDeepAt(text, MAX_CONFIG_DEPTH);
	if (deep >= 0) {
		return {
			config: undefined,
			errors: [
				{
					kind: 'semantic',
					message: `JSON: nested more than ${MAX_CONFIG_DEPTH} levels deep; no setting needs that many, so the file is not read.`,
					offset: deep,
					length: 1,
				},
			],
		};
	}
	const syntaxErrors: ParseError[] = [];
	const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
	if (syntaxErrors.length > 0 || !root) {
		if (syntaxErrors.length === 0) syntaxErrors.push({ error: ParseErrorCode.ValueExpected, offset: 0, length: text.length });
		const errors: ConfigError[] = [];
		for (const e of syntaxErrors) {
			const comma = trailingCommaBefore(text, e.offset);
			const error: ConfigError =
				comma >= 0
					? { kind: 'syntax', message: 'JSON: a trailing comma is not allowed.', offset: comma, length: 1 }
					: { kind: 'syntax', message: `JSON: ${describeParseError(printParseErrorCode(e.error))}.`, offset: e.offset, length: Math.max(1, e.length) };
			// The parser can report one slip twice (value expected, then comma expected) at one place.
			if (!errors.some((seen) => seen.offset === error.offset && seen.message === error.message)) errors.push(error);
		}
		return { config: undefined, errors };
	}
	const value = nodeValue(root);
	const errors: ConfigError[] = [];
	const validate = validator();
	if (!validate(value)) {
		const seen = new Set<string>();
		for (const error of validate.errors ?? []) {
			// anyOf reports each failed branch too; the anyOf message says it once.
			if (error.keyword === 'required' && /\/entryPoints\/\d+$/.test(error.instancePath) && error.schemaPath.includes('anyOf')) continue;
			const node = nodeOf(root, error) ?? root;
			const message = schemaMessage(error);
			const key = `${node.offset}:${message}`;
			if (seen.has(key)) continue;
			seen.add(key);
			errors.push({ kind: 'schema', message, offset: node.offset, length: node.length });
		}
	}
	if (errors.length === 0) {
		const config = value as TeamConfig;
		const warning = config.thresholds?.warning;
		const error = config.thresholds?.error;
		if (warning !== undefined && error !== undefined && warning >= error) {
			const node = findNodeAtLocation(root, ['thresholds', 'warning'])!;
			errors.push({
				kind: 'semantic',
				message: `thresholds.warning (${warning}) must be below thresholds.error (${error}).`,
				offset: node.offset,
				length: node.length,
			});
		}
		// Each pattern of a glob is tried against every path: seventeen brace pairs made forty files take 20 s.
		for (const key of ['ignore', 'deluge'] as const) {
			(config[key] ?? []).forEach((glob, i) => {
				const patterns = braceExpansions(glob, 1e9);
				if (patterns <= MAX_GLOB_EXPANSIONS) return;
				const node = findNodeAtLocation(root, [key, i])!;
				errors.push({
					kind: 'semantic',
					message: `${key}[${i}] expands to ${patterns.toLocaleString('en-US')} patterns; at most ${MAX_GLOB_EXPANSIONS.toLocaleString('en-US')} are read: write fewer brace groups.`,
					offset: node.offset,
					length: node.length,
				});
			});
		}
	}
	errors.sort((a, b) => a.offset - b.offset);
	return { config: errors.length === 0 ? (value as TeamConfig) : undefined, errors };
}

/** The JSON value of a tree node (jsonc-parser's getNodeValue keeps undefined for broken parts). */
function nodeValue(node: Node): unknown {
	switch (node.type) {
		case 'object':
			return Object.fromEntries(
				(node.children ?? []).filter((p) => p.children?.length === 2).map((p) => [p.children![0].value as string, nodeValue(p.children![1])]),
			);
		case 'array':
			return (node.children ?? []).map(nodeValue);
		default:
			return node.value;
	}
}

/** Offset of the comma before a closing `}` or `]` at `offset`, or -1. */
function trailingCommaBefore(text: string, offset: number): number {
	if (text[offset] !== '}' && text[offset] !== ']') return -1;
	let i = offset - 1;
	while (i >= 0 && /\s/.test(text[i])) i--;
	return text[i] === ',' ? i : -1;
}

function describeParseError(code: string): string {
	const words: Record<string, string> = {
		InvalidSymbol: 'unexpected character',
		InvalidNumberFormat: 'invalid number',
		PropertyNameExpected: 'a property name in double quotes is expected',
		ValueExpected: 'a value is expected',
		ColonExpected: 'a colon is expected',
		CommaExpected: 'a comma is expected',
		CloseBraceExpected: 'a closing brace is expected',
		CloseBracketExpected: 'a closing bracket is expected',
		EndOfFileExpected: 'nothing may follow the top-level value',
		InvalidCommentToken: 'comments are not allowed in JSON',
		UnexpectedEndOfComment: 'unterminated comment',
		UnexpectedEndOfString: 'unterminated string',
		UnexpectedEndOfNumber: 'unterminated number',
		InvalidUnicode: 'invalid unicode escape',
		InvalidEscapeCharacter: 'invalid escape character',
		InvalidCharacter: 'invalid character',
	};
	return words[code] ?? code;
}
