// Generates the credit catalog (server/src/core/catalog/data/*.json) from the reference data set:
// rest-catalog.json, sdk-catalog.json and deluge-tasks.json. A catalog update is a data change:
//   node scripts/gen-catalog.mjs [reference-dir]   (default ../shared/reference/zoho)
// Every rule becomes one of the closed set in core/catalog/rules.ts; nothing unrecognised passes silently.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const REFERENCE = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'reference', 'zoho'));
const OUT = join(ROOT, 'server/src/core/catalog/data');
const read = (name) => JSON.parse(readFileSync(join(REFERENCE, name), 'utf8'));

const DEFAULT_SOURCE = 'https://www.zoho.com/crm/developer/docs/api/v4/api-limits.html';
/** Tag calls take at most 500 records (credits.md §1, creatorscripts KB); the JSON has no field for it. */
const TAG_MAX_RECORDS = 500;

/** Zoho's reference pages of the most used APIs (the spec link stands in for the others). */
const DOCS = {
	'Get Records': 'get-records.html',
	'Get Record': 'get-records.html',
	'Create Records': 'insert-records.html',
	'Update Records': 'update-records.html',
	'Update Record': 'update-records.html',
	'Upsert Records': 'upsert-records.html',
	'Delete Records': 'delete-records.html',
	'Delete Record': 'delete-records.html',
	'Search Records': 'search-records.html',
	'Convert Lead': 'convert-lead.html',
	'Get Related Records': 'get-related-records.html',
	'Update Related Records': 'update-related-records.html',
	'Update Related Record': 'update-related-records.html',
	'Create Bulk Read Job': 'bulk-read/create-job.html',
	'Create Bulk Write Job': 'bulk-write/create-job.html',
	'Send Mail': 'send-mail.html',
	'Merge Records': 'merge-records.html',
	composite: 'composite-overview.html',
};

/** Display names where the spec's operationId is an internal name or misleading. */
const NAMES = { 'POST /crm/vN/coql': 'COQL Query', 'POST /crm/vN/__composite_requests': 'Composite Request' };

function rule(entry) {
	const text = entry.creditRule;
	if (text == null) {
		if (typeof entry.credits !== 'number') throw new Error(`no credits for ${entry.method ?? entry.httpMethod} ${entry.path}`);
		return { kind: 'fixed', credits: entry.credits };
	}
	let m = /^ceil\(records\/(\d+)\)$/.exec(text);
	if (m) {
		const per = Number(m[1]);
		const maxRecords = entry.maxRecordsPerCall ?? (per === 50 ? TAG_MAX_RECORDS : undefined);
		return maxRecords ? { kind: 'per-records', per, maxRecords } : { kind: 'per-records', per };
	}
	if (/^LIMIT 1-200 -> 1; 201-1000 -> 2; 1001-2000 -> 3/.test(text)) return { kind: 'coql-limit' };
	m = /^(\d+) per composite call/.exec(text);
	if (m) return { kind: 'fixed', credits: Number(m[1]) };
	if (/^unknown/.test(text)) return { kind: 'unknown' };
	throw new Error(`unrecognised credit rule "${text}"`);
}

/** `METHOD /crm/vN/{}/…`: the shape two templates share when they differ only in names and version. */
function shape(method, path) {
	return `${method.toUpperCase()} ${path.replace(/^\/crm\/(bulk\/|email\/)?v\d+(\.\d+)?/, (_, kind) => `/crm/${kind ?? ''}vN`).replace(/\{[^}]+\}/g, '{}')}`;
}

/** Among templates of one shape, prefer a display name over an internal id, and the record form over "External ID". */
function preference(entry) {
	return (/\s/.test(entry.operationId) ? 2 : 0) + (/External/i.test(entry.operationId) ? 0 : 1) + (entry.path.includes('{module_api_name}') ? 1 : 0);
}

const rest = read('rest-catalog.json');
/** Raw reference entries (and, below, SDK-only operations already converted) by shape. */
const byShape = new Map();
for (const entry of rest) {
	if (!entry.path.startsWith('/crm/')) continue; // download links point at other hosts
	const key = shape(entry.method, entry.path);
	const seen = byShape.get(key);
	if (seen && JSON.stringify(rule(seen)) !== JSON.stringify(rule(entry))) throw new Error(`${key}: templates of one shape with different rules`);
	if (!seen || preference(entry) > preference(seen)) byShape.set(key, entry);
}

const operations = [...byShape.values()].map((e) => ({
	api: NAMES[shape(e.method, e.path)] ?? e.operationId,
	method: e.method,
	path: e.path,
	rule: rule(e),
	verification: e.creditVerification,
	sources: e.creditSource?.length ? e.creditSource : [DEFAULT_SOURCE],
	spec: e.source,
	docs: DOCS[e.operationId] ? `https://www.zoho.com/crm/developer/docs/api/v8/${DOCS[e.operationId]}` : e.source,
	...(e.subConcurrency ? { subConcurrency: e.subConcurrencyCondition ?? true } : {}),
}));

// SDK methods whose REST path the v8 specs lack (v2-only APIs) become operations of their own.
const sdk = read('sdk-catalog.json');
for (const e of sdk) {
	if (!e.path) throw new Error(`SDK method ${e.sdk} ${e.class}.${e.method} has no REST path`);
	const key = shape(e.httpMethod, e.path);
	const known = byShape.get(key);
	if (known) {
		if (JSON.stringify(known.rule ?? rule(known)) !== JSON.stringify(rule(e))) throw new Error(`${e.sdk} ${e.class}.${e.method}: rule differs from ${key}`);
		continue;
	}
	const entry = {
		api: e.method.replace(/^[a-z]/, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2'),
		method: e.httpMethod,
		path: e.path,
		rule: rule(e),
		verification: e.creditVerification,
		sources: [DEFAULT_SOURCE],
		spec: e.source,
		docs: DEFAULT_SOURCE,
	};
	byShape.set(key, entry);
	operations.push(entry);
}

const sdkMethods = sdk.map((e) => ({
	sdk: e.sdk,
	version: e.sdkVersion,
	...(e.importPath !== e.sdk ? { importPath: e.importPath } : {}),
	accessExpr: e.accessExpr,
	class: e.class,
	method: e.method,
	constructorArgs: e.constructorArgs,
	methodArgs: e.methodArgs,
	httpMethod: e.httpMethod,
	path: e.path,
	...(e.sdkHiddenCalls?.length ? { hiddenCalls: e.sdkHiddenCalls } : {}),
	...(e.hostOverride ? { host: e.hostOverride.split(' ')[0] } : {}),
	...(e.pathNote ? { note: e.pathNote } : {}),
	// "https://www.npmjs.com/package/<sdk>/v/<version> :: <file>" keeps only <file>; the package page follows from sdk and version.
	file: e.source.split(' :: ')[1],
}));

/** Tasks that write exactly one record (they take one map). */
const SINGLE_RECORD = new Set(['createRecord', 'updateRecord', 'upsert', 'updateRelatedRecord']);
const tasks = read('deluge-tasks.json')
	.filter((t) => t.task.startsWith('zoho.crm.'))
	.map((t) => {
		const name = t.task.split('.').at(-1);
		const base = { task: t.task, params: t.params, paramsVerified: t.paramsVerified, source: t.source };
		if (!t.path) return { ...base, rule: rule(t), verification: t.creditVerification, note: t.creditRule };
		return { ...base, method: t.httpMethod, path: t.path, ...(SINGLE_RECORD.has(name) ? { records: 1 } : {}) };
	});

operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
// One entry per line: small files whose diffs show exactly which entries a data update changed.
const write = (name, data) => writeFileSync(join(OUT, name), `[\n${data.map((d) => JSON.stringify(d)).join(',\n')}\n]\n`);
write('rest-operations.json', operations);
write('sdk-methods.json', sdkMethods);
write('deluge-tasks.json', tasks);
console.log(`catalog: ${operations.length} REST operations, ${sdkMethods.length} SDK methods, ${tasks.length} Deluge tasks from ${REFERENCE}`);
