/**
 * One file's text to its facts: the scanner its language calls for (TypeScript's parser for TS/JS, ours
 * for Deluge), with the files either parser cannot read reported instead of failing. Only this module
 * and the scanners load TypeScript, on the first TS/JS file: the language server runs them in its
 * scanner thread.
 */
import { type FileFacts, type Language, PARSER_TRAP, TOO_DEEPLY_NESTED, TOO_DEEPLY_NESTED_REASON } from '../facts';
import { namesZoho } from '../zoho-markers';
import { scanDeluge } from './deluge';
import { extensionOf, makesDelugeCalls, mayHoldDeluge, READ_AS_DELUGE } from './deluge/detect';
import type * as TypeScriptScanner from './typescript';
import type { TypeScriptParse } from './typescript';
import { parserTrap } from './typescript/parser-traps';
import { unreadFacts } from './relevance';

let typescriptScanner: typeof TypeScriptScanner | undefined;

/** The TypeScript scanner, loaded with TypeScript's parser on the first TS/JS file: Deluge alone never loads it. */
function typescript(): typeof TypeScriptScanner {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	typescriptScanner ??= require('./typescript') as typeof TypeScriptScanner;
	return typescriptScanner;
}

export function scanFile(text: string, path: string, language: Language): FileFacts {
	return scan(text, path, language, undefined, false).facts;
}

/** What a scan of one version leaves for the scan of the next (TypeScript's tree, for an incremental parse). */
export type ScanState = TypeScriptParse | undefined;

/**
 * Scans a version of an open document, starting from the state the last version's scan left: a
 * TypeScript or JavaScript document is parsed again only where it changed.
 */
export function scanDocument(text: string, path: string, language: Language, previous: ScanState): { facts: FileFacts; state: ScanState } {
	return scan(text, path, language, previous, true);
}

/** A scan; with `remember`, the state it returns lets the next version's walk reuse this one's (a document's). */
function scan(text: string, path: string, language: Language, previous: ScanState, remember: boolean): { facts: FileFacts; state: ScanState } {
	try {
		if (language === 'deluge') return { facts: readAsDeluge(scanDeluge(text), path, undefined), state: undefined };
		const trap = parserTrap(text);
		if (trap) {
			const facts = unreadFacts(language, {
				code: PARSER_TRAP,
				message: `This file ${trap}: it is not read, and its Zoho CRM calls are not counted.`,
				span: { start: 0, end: 0 },
				namesZoho: namesZoho(text),
				reason: trap,
			});
			return { facts, state: undefined };
		}
		const { facts, parse } = typescript().scanTypeScriptFrom(text, path, language, previous, remember);
		const deluge = delugeInstead(text, facts);
		if (deluge) return { facts: readAsDeluge(deluge, path, language), state: undefined };
		return { facts, state: parse };
	} catch (error) {
		// Nesting thousands of levels deep exhausts the stack of any recursive parser (TypeScript's too):
		// the file is reported as unreadable instead of failing the analysis.
		if (!(error instanceof RangeError)) throw error;
		const facts = unreadFacts(language, {
			code: TOO_DEEPLY_NESTED,
			message: `This file ${TOO_DEEPLY_NESTED_REASON}: its Zoho CRM calls are not counted.`,
			span: { start: 0, end: 0 },
			namesZoho: namesZoho(text),
		});
		// The tree is not kept: the next version is parsed from scratch.
		return { facts, state: undefined };
	}
}

/**
 * A JavaScript or TypeScript file that is Deluge in fact (a script pasted into a `.js` file): its text
 * makes Deluge calls and reads with fewer syntax problems as Deluge than as the file's own language.
 */
function delugeInstead(text: string, facts: FileFacts): FileFacts | undefined {
	if (!makesDelugeCalls(text)) return undefined;
	const syntaxErrors = facts.errors.filter((e) => e.code.startsWith('TS')).length;
	// Deluge that happens to be valid JavaScript too (`m = Map(); r = zoho.crm.getRecords("Leads");`): read as
	// JavaScript it calls nothing, read as Deluge it has no problem at all and makes its calls.
	const nothingAsScript = syntaxErrors === 0 && facts.calls.length === 0 && (facts.deferred?.length ?? 0) === 0;
	if (syntaxErrors === 0 && !nothingAsScript) return undefined;
	const deluge = scanDeluge(text);
	if (nothingAsScript) return deluge.errors.length === 0 && deluge.calls.length > 0 ? deluge : undefined;
	return deluge.errors.length < syntaxErrors ? deluge : undefined;
}

/** Says so when a file is read as Deluge although its extension names another language or none. */
function readAsDeluge(facts: FileFacts, path: string, instead: Language | undefined): FileFacts {
	const extension = extensionOf(path);
	if (instead === undefined && !mayHoldDeluge(path)) return facts;
	const message = instead
		? `Read as Deluge: the text makes Deluge calls and reads better as Deluge than as ${instead === 'typescript' ? 'TypeScript' : 'JavaScript'}.`
		: `Read as Deluge: ${extension ? `a .${extension}` : 'a'} file whose text makes Deluge calls.`;
	return { ...facts, errors: [{ code: READ_AS_DELUGE, message, span: { start: 0, end: 0 } }, ...facts.errors] };
}
