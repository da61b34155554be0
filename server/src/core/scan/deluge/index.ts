import { lookupDelugeTask } from '../../catalog';
import type { CallFact, FileFacts, LoopFact, ScanError, Span } from '../../facts';
import { parseAnnotation } from '../annotations';
import { LEX_ERROR_MESSAGES, type Token, TokenKind, tokenize } from './scanner';

/** Tokens after which a `{` opens a block rather than a map or list literal. */
function endsValue(token: Token | undefined): boolean {
	if (!token) return false;
	switch (token.kind) {
		case TokenKind.Identifier:
			return token.value.toLowerCase() !== 'in';
		case TokenKind.Number:
		case TokenKind.String:
		case TokenKind.QuotedText:
			return true;
		case TokenKind.Punctuation:
			return token.value === ')' || token.value === ']' || token.value === '}';
		default:
			return false;
	}
}

interface OpenLoop {
	start: number;
	header: Span;
	iterations?: number;
	iterationSource?: 'literal' | 'annotation';
	iterationReason?: string;
}

interface Header {
	start: number;
	/** Annotation count from the comment above the loop. */
	annotated?: number;
	sawIn: boolean;
	depth: number;
	/** Index of the token right after `in`. */
	iterableStart?: number;
}

/**
 * Scans Deluge for `zoho.crm.*` task calls and the `for each` loops around them.
 * Works on tokens, so comments and strings never produce calls and broken code still yields what it can.
 */
export function scanDeluge(text: string): FileFacts {
	const { tokens: all, errors: lexErrors } = tokenize(text);
	const tokens = all.filter((t) => t.kind !== TokenKind.LineComment && t.kind !== TokenKind.BlockComment);
	const comments = all.filter((t) => t.kind === TokenKind.LineComment);

	const loops: LoopFact[] = [];
	const calls: CallFact[] = [];
	const errors: ScanError[] = lexErrors.map((e) => ({ code: e.code, message: LEX_ERROR_MESSAGES[e.code], span: { start: e.start, end: e.end } }));
	// One entry per open `{`: the loop it opens, if any.
	const braces: (OpenLoop | undefined)[] = [];
	const openLoops: OpenLoop[] = [];
	const loopIndex = new Map<OpenLoop, number>();
	let header: Header | undefined;
	let commentCursor = 0;

	const annotationBefore = (offset: number, after: number): number | undefined => {
		let found: number | undefined;
		while (commentCursor < comments.length && comments[commentCursor].start < offset) {
			const comment = comments[commentCursor++];
			if (comment.start >= after) found = parseAnnotation(comment.value)?.iterations ?? found;
		}
		return found;
	};

	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		if (token.kind === TokenKind.EOF) break;
		const word = token.kind === TokenKind.Identifier ? token.value.toLowerCase() : undefined;

		if (!header && (word === 'foreach' || (word === 'for' && tokens[i + 1]?.value.toLowerCase() === 'each'))) {
			const previousEnd = i > 0 ? tokens[i - 1].end : 0;
			header = { start: token.start, annotated: annotationBefore(token.start, previousEnd), sawIn: false, depth: 0 };
			if (word === 'for') i++;
			continue;
		}

		if (header) {
			if (!header.sawIn && word === 'in') {
				header.sawIn = true;
				header.iterableStart = i + 1;
				continue;
			}
			if (token.kind === TokenKind.Punctuation) {
				if (token.value === '{' && header.depth === 0 && header.sawIn && endsValue(tokens[i - 1]) && i > (header.iterableStart ?? i)) {
					const loop = openLoop(header, tokens, i);
					loopIndex.set(loop, loops.length);
					loops.push(placeholderLoop(loop));
					openLoops.push(loop);
					braces.push(loop);
					header = undefined;
					continue;
				}
				if (token.value === '(' || token.value === '[' || token.value === '{') header.depth++;
				else if (token.value === ')' || token.value === ']' || token.value === '}') header.depth = Math.max(0, header.depth - 1);
				else if (token.value === ';' && header.depth === 0) header = undefined; // not a loop after all
			}
		}

		if (token.kind === TokenKind.Punctuation && token.value === '{' && !header) {
			braces.push(undefined);
			continue;
		}
		if (token.kind === TokenKind.Punctuation && token.value === '}' && !header) {
			const closed = braces.pop();
			if (closed) {
				openLoops.splice(openLoops.lastIndexOf(closed), 1);
				loops[loopIndex.get(closed)!] = finishLoop(closed, token.end);
			}
			continue;
		}

		if (word === 'zoho') {
			const call = taskCallAt(tokens, i);
			if (call) {
				calls.push({ ...call, loops: openLoops.map((l) => loopIndex.get(l)!) });
			}
		}
	}
	for (const loop of openLoops) loops[loopIndex.get(loop)!] = finishLoop(loop, text.length);
	return { language: 'deluge', calls, loops, errors };
}

function openLoop(header: Header, tokens: Token[], bodyIndex: number): OpenLoop {
	const loop: OpenLoop = { start: header.start, header: { start: header.start, end: tokens[bodyIndex - 1].end } };
	if (header.annotated !== undefined) {
		loop.iterations = header.annotated;
		loop.iterationSource = 'annotation';
		loop.iterationReason = `annotation iterations=${header.annotated}`;
		return loop;
	}
	const first = header.iterableStart;
	if (first !== undefined && tokens[first].value === '{' && tokens[bodyIndex - 1].value === '}') {
		const items = literalListItems(tokens, first, bodyIndex - 1);
		if (items !== undefined) {
			loop.iterations = items;
			loop.iterationSource = 'literal';
			loop.iterationReason = `literal list of ${items} item${items === 1 ? '' : 's'}`;
		}
	}
	return loop;
}

/** Items of `{a, b, c}` spanning exactly tokens[open..close]; undefined if it is not one list literal. */
function literalListItems(tokens: Token[], open: number, close: number): number | undefined {
	let depth = 0;
	let commas = 0;
	for (let i = open; i <= close; i++) {
		const v = tokens[i].kind === TokenKind.Punctuation ? tokens[i].value : '';
		if (v === '{' || v === '(' || v === '[') depth++;
		else if (v === '}' || v === ')' || v === ']') {
			depth--;
			if (depth === 0 && i !== close) return undefined;
		} else if (depth === 1 && v === ',') commas++;
		else if (depth === 1 && v === ':') return undefined; // a map, not a list
	}
	return close === open + 1 ? 0 : commas + 1;
}

function placeholderLoop(loop: OpenLoop): LoopFact {
	return finishLoop(loop, loop.header.end);
}

function finishLoop(loop: OpenLoop, end: number): LoopFact {
	return {
		kind: 'for-each',
		span: { start: loop.start, end },
		header: loop.header,
		iterations: loop.iterations,
		iterationSource: loop.iterationSource,
		iterationReason: loop.iterationReason,
	};
}

/** `zoho.crm[.vN].task(…)` starting at tokens[i]. */
function taskCallAt(tokens: Token[], i: number): Omit<CallFact, 'loops'> | undefined {
	if (i > 0 && tokens[i - 1].value === '.') return undefined;
	const dot = (k: number) => tokens[k]?.kind === TokenKind.Punctuation && tokens[k].value === '.';
	const ident = (k: number) => tokens[k]?.kind === TokenKind.Identifier;
	if (!dot(i + 1) || tokens[i + 2]?.value !== 'crm' || !dot(i + 3) || !ident(i + 4)) return undefined;
	let nameIndex = i + 4;
	let version = '';
	if (/^v\d+$/.test(tokens[nameIndex].value) && dot(nameIndex + 1) && ident(nameIndex + 2)) {
		version = tokens[nameIndex].value + '.';
		nameIndex += 2;
	}
	if (tokens[nameIndex + 1]?.value !== '(') return undefined;
	const task = `zoho.crm.${version}${tokens[nameIndex].value}`;
	const args: [number, number][] = [];
	let depth = 0;
	let argStart = nameIndex + 2;
	let end = tokens[nameIndex].end;
	for (let k = nameIndex + 1; k < tokens.length; k++) {
		const v = tokens[k].kind === TokenKind.Punctuation ? tokens[k].value : '';
		if (v === '(' || v === '{' || v === '[') depth++;
		else if (v === ')' || v === '}' || v === ']') {
			depth--;
			if (depth === 0) {
				if (k > argStart) args.push([argStart, k - 1]);
				end = tokens[k].end;
				break;
			}
		} else if (v === ',' && depth === 1) {
			args.push([argStart, k - 1]);
			argStart = k + 1;
		} else if (v === ';' || tokens[k].kind === TokenKind.EOF) break;
	}
	const entry = lookupDelugeTask(task);
	// The records a bulk task writes: its list argument, when that is a literal list.
	const recordsArg = entry?.params.indexOf('records_value') ?? -1;
	const listArg = recordsArg >= 0 ? args[recordsArg] : undefined;
	const records = listArg && tokens[listArg[0]].value === '{' && tokens[listArg[1]].value === '}' ? literalListItems(tokens, listArg[0], listArg[1]) : undefined;
	return {
		span: { start: tokens[i].start, end },
		via: 'deluge-task',
		callee: task,
		task,
		method: entry?.method ?? '',
		path: entry?.path ?? '',
		...(records !== undefined ? { records } : {}),
	};
}
