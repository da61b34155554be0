/**
 * The calibration files a team keeps next to `zoho-credits.json`: the org's API list
 * (`.zoho-credits/apis.json`) and observed usage (`.zoho-credits/usage.json`). Imports write them;
 * the server and the CLI read them. A broken file is reported and calibrates nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatOrgApiList, ORG_APIS_FILE, OrgApis, parseOrgApiList } from '../core/catalog/org-apis';
import { formatObservedUsage, OBSERVED_USAGE_FILE, type ObservedUsage, parseObservedUsage } from '../core/observed';

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

/** The text of a file, undefined when it does not exist; a thrown Error says why it cannot be read. */
function readText(path: string): string | undefined {
	let buffer: Buffer;
	try {
		buffer = readFileSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		throw new Error(`${path} cannot be read (${code ?? (error as Error).message}).`);
	}
	if (buffer.length > MAX_BYTES) throw new Error(`${path} is larger than 16 MB; it is not read.`);
	if (buffer.includes(0)) throw new Error(`${path} is not text.`);
	return buffer.toString('utf8');
}

/** Reads the calibration files of the folder holding `zoho-credits.json`. */
export function readCalibration(folder: string, date = today()): Calibration {
	const errors: string[] = [];
	let orgApis: OrgApis | undefined;
	let observed: ObservedUsage | undefined;
	for (const [file, read] of [
		[ORG_APIS_FILE, (text: string) => {
			const parsed = parseOrgApiList(text, { importedAt: date });
			if (parsed.value) orgApis = new OrgApis(parsed.value);
			return parsed.errors;
		}],
		[OBSERVED_USAGE_FILE, (text: string) => {
			const parsed = parseObservedUsage(text, { fileName: OBSERVED_USAGE_FILE, importedAt: date });
			if (parsed.value) observed = parsed.value;
			return parsed.errors;
		}],
	] as const) {
		const path = join(folder, file);
		try {
			const text = readText(path);
			if (text !== undefined) errors.push(...read(text).map((e) => `${file}: ${e}`));
		} catch (error) {
			errors.push((error as Error).message);
		}
	}
	return { ...(orgApis ? { orgApis } : {}), ...(observed ? { observed } : {}), errors };
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
	const text = readText(inputPath);
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
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, content);
	return { written: target, summary };
}
