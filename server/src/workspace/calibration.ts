/**
 * The calibration files a team keeps next to `zoho-credits.json`: the org's API list
 * (`.zoho-credits/apis.json`) and observed usage (`.zoho-credits/usage.json`). Imports write them;
 * the server and the CLI read them. A broken file is reported and calibrates nothing.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatOrgApiList, ORG_APIS_FILE, OrgApis, parseOrgApiList } from '../core/catalog/org-apis';
import type { EffectiveSettings } from '../core/config';
import { formatObservedUsage, OBSERVED_USAGE_FILE, type ObservedUsage, parseObservedUsage } from '../core/observed';
import { readOptionalFile } from './team-config';

/** An API list or a usage export larger than this is not one. */
const MAX_BYTES = 16 * 1024 * 1024;

export type CalibrationKind = 'apis' | 'usage';

export interface Calibration {
	readonly orgApis?: OrgApis;
	readonly observed?: ObservedUsage;
	/** Problems with the files, each naming its file. */
	readonly errors: readonly string[];
}

/** Today as `YYYY-MM-DD` (local time): the date an import records. */
export function today(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The text of a calibration file or of a file to import, undefined when it does not exist; a thrown
 * Error says why it cannot be read (a device, a pipe or a file over 16 MB is refused unread).
 */
export function readCalibrationInput(path: string): string | undefined {
	const read = readOptionalFile(path, path, MAX_BYTES, true);
	if (read.error) throw new Error(read.error);
	return read.exists ? read.text : undefined;
}

/** Reads the calibration files of the folder holding `zoho-credits.json`. */
export function readCalibration(folder: string, date = today()): Calibration {
	const errors: string[] = [];
	/** A file's text, or undefined when it is missing or unreadable (then the error is noted). */
	const textOf = (file: string): string | undefined => {
		try {
			return readCalibrationInput(join(folder, file));
		} catch (error) {
			errors.push((error as Error).message);
			return undefined;
		}
	};
	const named = (file: string, problems: readonly string[]) => errors.push(...problems.map((e) => `${file}: ${e}`));
	const apisText = textOf(ORG_APIS_FILE);
	const apis = apisText === undefined ? undefined : parseOrgApiList(apisText, { importedAt: date });
	if (apis) named(ORG_APIS_FILE, apis.errors);
	const usageText = textOf(OBSERVED_USAGE_FILE);
	const usage = usageText === undefined ? undefined : parseObservedUsage(usageText, { fileName: OBSERVED_USAGE_FILE, importedAt: date });
	if (usage) named(OBSERVED_USAGE_FILE, usage.errors);
	return { ...(apis?.value ? { orgApis: new OrgApis(apis.value) } : {}), ...(usage?.value ? { observed: usage.value } : {}), errors };
}

/** The settings with the folder's calibration in force. */
export function withCalibration(
	settings: EffectiveSettings,
	calibration: { readonly orgApis?: OrgApis; readonly observed?: ObservedUsage } | undefined,
): EffectiveSettings {
	return {
		...settings,
		...(calibration?.orgApis ? { orgApis: calibration.orgApis } : {}),
		...(calibration?.observed ? { observed: calibration.observed } : {}),
	};
}

export interface ImportResult {
	/** Where the calibration file was written. */
	readonly written: string;
	/** What it holds, in words: "312 operations", "14 observations over 7 days". */
	readonly summary: string;
}

/**
 * Reads a saved `__apis` response or a usage export and writes the calibration file of the folder.
 * Throws an Error with every problem of the input: nothing is written then.
 */
export function importCalibration(kind: CalibrationKind, inputPath: string, folder: string, date = today()): ImportResult {
	const text = readCalibrationInput(inputPath);
	if (text === undefined) throw new Error(`${inputPath} does not exist.`);
	return importCalibrationText(kind, text, basename(inputPath), folder, date);
}

export function importCalibrationText(kind: CalibrationKind, text: string, fileName: string, folder: string, date = today()): ImportResult {
	const fail = (errors: readonly string[]) => new Error(`${fileName} was not imported:\n${errors.map((e) => `  ${e}`).join('\n')}`);
	let target: string;
	let content: string;
	let summary: string;
	if (kind === 'apis') {
		const parsed = parseOrgApiList(text, { importedAt: date, source: fileName });
		if (!parsed.value) throw fail(parsed.errors);
		// A fresh import is dated today, whatever the file says.
		const list = { ...parsed.value, importedAt: date, source: fileName };
		target = join(folder, ORG_APIS_FILE);
		content = formatOrgApiList(list);
		summary = `${list.apis.length} operation${list.apis.length === 1 ? '' : 's'} of your org's API list`;
	} else {
		const parsed = parseObservedUsage(text, { fileName, importedAt: date });
		if (!parsed.value) throw fail(parsed.errors);
		const usage = { ...parsed.value, importedAt: date, source: fileName };
		target = join(folder, OBSERVED_USAGE_FILE);
		content = formatObservedUsage(usage);
		summary = `${usage.rows.length} observation${usage.rows.length === 1 ? '' : 's'} of credits used`;
	}
	writeWhole(target, content);
	return { written: target, summary };
}

/**
 * Writes a calibration file whole or not at all: into a new file beside it, then renamed over it.
 * The `.zoho-credits` folder and the file must not be symbolic links: writing through one would
 * change a file anywhere on the machine, so the import is refused.
 */
function writeWhole(target: string, content: string): void {
	const folder = dirname(target);
	for (const path of [folder, target]) {
		if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
			throw new Error(`${path} is a symbolic link; a calibration file is never written through one. Nothing was imported: remove the link and import again.`);
		}
	}
	mkdirSync(folder, { recursive: true });
	const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
	try {
		writeFileSync(temporary, content, { flag: 'wx' });
		renameSync(temporary, target);
	} catch (error) {
		rmSync(temporary, { force: true });
		throw error;
	}
}
