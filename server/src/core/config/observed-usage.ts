/**
 * Observed usage, as the team imports it: the credits a day the org really spent, per entry point or per
 * API (from Zoho's API dashboard or the team's own logs), read from CSV or JSON. It is configuration the
 * estimate is set beside (`core/observed.ts` compares the two).
 */
import { type ImportedFile, parseJson, type Parsed, Problems } from '../imported-file';

/** One observation: a day's credits (or a period's, without a date) of one entry point or one API. */
export interface ObservedRow {
	readonly entryPoint?: string;
	readonly api?: string;
	readonly credits: number;
	readonly date?: string;
}

/** The stored observations (`.zoho-credits/usage.json`). */
export interface ObservedUsage extends ImportedFile {
	readonly rows: readonly ObservedRow[];
}

export const OBSERVED_USAGE_FILE = '.zoho-credits/usage.json';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Column names as people write them: `Entry point`, `entry_point`, `entryPoint`. */
function columnKey(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
}

/** Splits CSV text into rows of fields; quotes may hold commas, line breaks and doubled quotes. */
function csvRows(text: string): { fields: string[]; line: number }[] {
	const rows: { fields: string[]; line: number }[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else {
				if (ch === '\n') line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && field.trim() === '') {
			quoted = true;
			field = '';
		} else if (ch === ',' || ch === ';' || ch === '\t') {
			fields.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			fields.push(field);
			if (fields.some((f) => f.trim() !== '')) rows.push({ fields, line: rowLine });
			fields = [];
			field = '';
			line++;
			rowLine = line;
		} else field += ch;
	}
	fields.push(field);
	if (fields.some((f) => f.trim() !== '')) rows.push({ fields, line: rowLine });
	return rows;
}

/** Checks one observation; problems name where it is (`line 4`, `rows[2]`). */
function readRow(where: string, values: { entryPoint?: unknown; api?: unknown; credits?: unknown; date?: unknown }, errors: Problems): ObservedRow | undefined {
	const before = errors.count;
	const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
	const entryPoint = text(values.entryPoint);
	const api = text(values.api);
	if (entryPoint === undefined && api === undefined) errors.push(`${where}: name an entry point or an API.`);
	if (entryPoint !== undefined && api !== undefined) errors.push(`${where}: name an entry point or an API, not both.`);
	const raw = typeof values.credits === 'string' ? values.credits.trim().replace(/[\s,_](?=\d{3}\b)/g, '') : values.credits;
	const credits = typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : NaN;
	if (!Number.isFinite(credits) || credits < 0) errors.push(`${where}: credits must be a number ≥ 0, not ${JSON.stringify(values.credits ?? null)}.`);
	const date = text(values.date);
	if (date !== undefined && !DATE.test(date)) errors.push(`${where}: the date must look like 2026-11-25, not ${JSON.stringify(date)}.`);
	if (errors.count > before) return undefined;
	return { ...(entryPoint ? { entryPoint } : {}), ...(api ? { api } : {}), credits, ...(date ? { date } : {}) };
}

function fromCsv(text: string, errors: Problems): ObservedRow[] {
	const [header, ...body] = csvRows(text);
	if (!header) {
		errors.push('The file is empty: expected a header line such as "entry_point,api,credits,date".');
		return [];
	}
	const columns = header.fields.map(columnKey);
	const at = (key: string) => columns.indexOf(key);
	const entryColumn = at('entrypoint');
	const apiColumn = at('api');
	const creditsColumn = at('credits') >= 0 ? at('credits') : at('creditsperday');
	if (creditsColumn < 0)
		errors.push(`line ${header.line}: the header needs a "credits" column; it has ${header.fields.map((f) => JSON.stringify(f.trim())).join(', ')}.`);
	if (entryColumn < 0 && apiColumn < 0) errors.push(`line ${header.line}: the header needs an "entry_point" or an "api" column.`);
	if (errors.count > 0) return [];
	const dateColumn = at('date');
	const out: ObservedRow[] = [];
	for (const row of body) {
		const cell = (i: number) => (i >= 0 ? row.fields[i] : undefined);
		const read = readRow(
			`line ${row.line}`,
			{ entryPoint: cell(entryColumn), api: cell(apiColumn), credits: cell(creditsColumn), date: cell(dateColumn) },
			errors,
		);
		if (read) out.push(read);
	}
	return out;
}

function fromJson(data: unknown, errors: Problems): { rows: ObservedRow[]; importedAt?: string; source?: string } {
	const stored =
		typeof data === 'object' && data !== null && !Array.isArray(data)
			? (data as { rows?: unknown; observed?: unknown; importedAt?: unknown; source?: unknown })
			: undefined;
	const list = Array.isArray(data) ? data : (stored?.rows ?? stored?.observed);
	if (!Array.isArray(list)) {
		errors.push(
			'Expected a list of observations, or an object with an "observed" list: [{ "entryPoint": "syncLeads", "credits": 1200, "date": "2026-11-24" }].',
		);
		return { rows: [] };
	}
	const key = Array.isArray(data) ? '' : stored?.rows !== undefined ? 'rows' : 'observed';
	const rows: ObservedRow[] = [];
	list.forEach((entry, i) => {
		const where = `${key}[${i}]`;
		if (typeof entry !== 'object' || entry === null) {
			errors.push(`${where}: expected an object with "entryPoint" or "api", and "credits".`);
			return;
		}
		const e = entry as Record<string, unknown>;
		const read = readRow(where, { entryPoint: e.entryPoint ?? e.entry_point, api: e.api, credits: e.credits, date: e.date }, errors);
		if (read) rows.push(read);
	});
	return {
		rows,
		importedAt: typeof stored?.importedAt === 'string' && DATE.test(stored.importedAt) ? stored.importedAt : undefined,
		source: typeof stored?.source === 'string' ? stored.source : undefined,
	};
}

/**
 * Reads observed usage from CSV (`entry_point` or `api`, `credits`, optional `date` columns) or JSON
 * (a list of `{ entryPoint | api, credits, date? }`, or a stored usage file). Any problem rejects the file;
 * the first problems are named and the rest counted (`Problems`).
 */
export function parseObservedUsage(text: string, options: { fileName: string; importedAt: string }): Parsed<ObservedUsage> {
	const errors = new Problems();
	const body = text.replace(/^\uFEFF/, '');
	const json = /\.json$/i.test(options.fileName) || /^\s*[[{]/.test(body);
	let rows: ObservedRow[];
	let importedAt = options.importedAt;
	let source: string | undefined = options.fileName.replace(/^.*[\\/]/, '');
	if (json) {
		const parsed = parseJson(body, 'The usage file');
		if (parsed.error) return { value: undefined, errors: [parsed.error] };
		const read = fromJson(parsed.value, errors);
		rows = read.rows;
		importedAt = read.importedAt ?? importedAt;
		source = read.source ?? source;
	} else {
		rows = fromCsv(body, errors);
	}
	if (errors.count > 0) return { value: undefined, errors: errors.list() };
	if (rows.length === 0) return { value: undefined, errors: ['The usage file holds no observations.'] };
	return { value: { version: 1, importedAt, ...(source ? { source } : {}), rows }, errors: [] };
}

export function formatObservedUsage(usage: ObservedUsage): string {
	return `${JSON.stringify(usage, null, '\t')}\n`;
}
