/**
 * A synthetic integration workspace for the benchmarks, the same for every seed: TypeScript clients
 * (the official SDK, an axios wrapper, pagination), JavaScript jobs that call them across files in
 * loops, and Deluge functions (tasks, invokeurl, pages of records), with the ordinary code around
 * them that real files have. About 150 lines a file; one TypeScript file of 3,000 lines.
 */

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const MODULES = ['Leads', 'Contacts', 'Deals', 'Accounts', 'Tasks', 'Calls'];

/** Ordinary TypeScript: types and data shaping, no Zoho CRM calls. */
function tsFiller(name: string, pick: () => number): string {
	const field = (i: number) => `field${i}`;
	const fields = Array.from({ length: 6 + Math.floor(pick() * 6) }, (_, i) => field(i));
	return `
export interface ${name}Row {
${fields.map((f, i) => `  ${f}: ${i % 3 === 0 ? 'string' : i % 3 === 1 ? 'number' : 'boolean'};`).join('\n')}
}

export function normalise${name}(rows: ${name}Row[]): ${name}Row[] {
  const seen = new Set<string>();
  const out: ${name}Row[] = [];
  for (const row of rows) {
    const key = String(row.${fields[0]}).trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...row, ${fields[0]}: key });
  }
  return out.sort((a, b) => String(a.${fields[0]}).localeCompare(String(b.${fields[0]})));
}

export function summarise${name}(rows: ${name}Row[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) {
    const bucket = String(row.${fields[0]}).slice(0, 1) || '?';
    totals[bucket] = (totals[bucket] ?? 0) + Number(row.${fields[1]} ?? 0);
  }
  return totals;
}
`;
}

/** A TypeScript client module: the SDK, an axios wrapper with generic requests, pagination. */
function tsClient(i: number, pick: () => number): string {
	const module = MODULES[i % MODULES.length];
	const other = MODULES[(i + 2) % MODULES.length];
	return `import axios from 'axios';
import * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';

const BASE = 'https://www.zohoapis.com/crm/v8';
const http = axios.create({ baseURL: BASE, timeout: 30000 });

/** Client ${i}: reads and writes ${module}. */
export class Client${i} {
  private readonly records = new ZOHOCRMSDK.Record.RecordOperations('${module}');

  constructor(private readonly token: string) {}

  async request(method: string, path: string, data?: unknown) {
    const response = await http.request({ method, url: path, data, headers: { Authorization: 'Zoho-oauthtoken ' + this.token } });
    return response.data;
  }

  async get(id: string) {
    return this.request('GET', '/${module}/' + id);
  }

  async update(id: string, values: Record<string, unknown>) {
    return this.request('PUT', '/${module}/' + id, { data: [values] });
  }

  async all(perPage = 200) {
    const rows: unknown[] = [];
    let page = 1;
    let more = true;
    while (more) {
      const body = await this.request('GET', '/${module}?page=' + page + '&per_page=' + perPage);
      rows.push(...(body.data ?? []));
      more = Boolean(body.info?.more_records);
      page++;
    }
    return rows;
  }

  async sdkRecords() {
    const params = new ZOHOCRMSDK.ParameterMap();
    const response = await this.records.getRecords(params, new ZOHOCRMSDK.HeaderMap());
    return response;
  }

  async upsertAll(rows: Record<string, unknown>[]) {
    for (let start = 0; start < rows.length; start += 100) {
      await this.request('POST', '/${other}/upsert', { data: rows.slice(start, start + 100) });
    }
  }
}
${tsFiller(`C${i}`, pick)}
${tsFiller(`D${i}`, pick)}
${tsFiller(`E${i}`, pick)}
${tsFiller(`F${i}`, pick)}
export default Client${i};
`;
}

/** A JavaScript job: requires two clients and calls them in loops, as scheduled jobs do. */
function jsJob(i: number, clients: number, pick: () => number): string {
	const a = Math.floor(pick() * clients);
	const b = Math.floor(pick() * clients);
	const bound = 2 + Math.floor(pick() * 20);
	return `'use strict';
const { Client${a} } = require('../clients/client${a}');
const ClientB = require('../clients/client${b}').default;

function chunk(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function describe(row) {
  const parts = [];
  for (const key of Object.keys(row).sort()) {
    if (row[key] === null || row[key] === undefined) continue;
    parts.push(key + '=' + String(row[key]));
  }
  return parts.join(', ');
}

// zoho-credits: runs-per-day=${1 + (i % 24)}
async function job${i}(token, ids) {
  const a = new Client${a}(token);
  const b = new ClientB(token);
  for (const id of ids.slice(0, ${bound})) {
    const row = await a.get(id);
    if (row && row.hot) {
      await b.update(id, { Rating: 'Hot' });
    } else {
      console.log('skipped', describe(row || {}));
    }
  }
  const everything = await a.all();
  for (const group of chunk(everything, 100)) {
    await b.upsertAll(group);
  }
  await Promise.all(ids.slice(0, 5).map((id) => a.get(id)));
  return everything.length;
}

function report${i}(rows) {
  const byOwner = new Map();
  for (const row of rows) {
    const owner = (row.Owner && row.Owner.name) || 'nobody';
    byOwner.set(owner, (byOwner.get(owner) || 0) + 1);
  }
  return [...byOwner.entries()].sort((x, y) => y[1] - x[1]).map(([owner, n]) => owner + ': ' + n).join('\\n');
}

function validate${i}(row) {
  const problems = [];
  if (!row.Email || !row.Email.includes('@')) problems.push('email');
  if (!row.Last_Name) problems.push('last name');
  if (row.Annual_Revenue !== undefined && Number.isNaN(Number(row.Annual_Revenue))) problems.push('revenue');
  return problems;
}

function merge${i}(left, right) {
  const out = { ...left };
  for (const [key, value] of Object.entries(right)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) out[key] = [...(out[key] || []), ...value];
    else if (typeof value === 'object') out[key] = merge${i}(out[key] || {}, value);
    else out[key] = value;
  }
  return out;
}

function group${i}(rows, key) {
  const groups = {};
  for (const row of rows) {
    const value = row[key] === undefined ? 'none' : String(row[key]);
    if (!groups[value]) groups[value] = [];
    groups[value].push(row);
  }
  return groups;
}

function retry${i}(run, attempts) {
  let last;
  return (async () => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await run();
      } catch (error) {
        last = error;
        await new Promise((resolve) => setTimeout(resolve, attempt * 250));
      }
    }
    throw last;
  })();
}

function csv${i}(rows) {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const escape = (value) => '"' + String(value === undefined ? '' : value).replace(/"/g, '""') + '"';
  const lines = [keys.map(escape).join(',')];
  for (const row of rows) lines.push(keys.map((key) => escape(row[key])).join(','));
  return lines.join('\\n');
}

module.exports = { job${i}, report${i}, validate${i}, merge${i}, group${i}, retry${i}, csv${i} };
`;
}

/** A Deluge function: tasks, invokeurl, pages of records, maps and lists. */
function deluge(i: number, pick: () => number): string {
	const module = MODULES[i % MODULES.length];
	const pages = 1 + Math.floor(pick() * 4);
	const filler = Array.from(
		{ length: 20 },
		(_, k) => `	note${k} = "Record " + rec.get("id") + " of ${module}: step ${k}";
	if (note${k}.length() > 200)
	{
		note${k} = note${k}.subString(0, 200);
	}
	summary.put("step${k}", note${k});`,
	).join('\n');
	return `// Workflow function ${i}: keeps ${module} in step with the ERP.
void automation.sync_${module.toLowerCase()}_${i}(int recordId)
{
	rec = zoho.crm.getRecordById("${module}", recordId);
	if (rec.isEmpty())
	{
		info "not found";
		return;
	}
	summary = Map();
${filler}
	for each page in {${Array.from({ length: pages }, (_, k) => k + 1).join(',')}}
	{
		rows = zoho.crm.getRecords("${module}", page, 200);
		for each row in rows
		{
			if (row.get("Status") == "Open")
			{
				values = Map();
				values.put("Status", "Synced");
				values.put("Description", summary.toString());
				resp = zoho.crm.updateRecord("${module}", row.get("id"), values);
			}
		}
	}
	response = invokeurl
	[
		url :"https://www.zohoapis.com/crm/v8/${module}/search?criteria=(Owner:equals:" + rec.get("Owner").get("id") + ")"
		type :GET
		connection:"crm_connection"
	];
	related = response.get("data");
	if (related != null)
	{
		for each r in related
		{
			info r.get("id");
		}
	}
	standalone.audit_${i % 7}(recordId, summary);
}
`;
}

export interface Workspace {
	/** Path → text; paths are `/`-separated and absolute under `/bench`. */
	readonly files: Map<string, { text: string; language: 'typescript' | 'javascript' | 'deluge' }>;
	/** The 3,000-line TypeScript file the edit benchmark edits. */
	readonly bigFile: string;
}

/** About `files` files: 30% TypeScript clients, 40% JavaScript jobs, 30% Deluge functions, and the big file. */
export function generateWorkspace(files: number, seed = 1): Workspace {
	const pick = random(seed);
	const out: Workspace['files'] = new Map();
	const clients = Math.max(1, Math.round(files * 0.3));
	const jobs = Math.max(1, Math.round(files * 0.4));
	const delugeCount = Math.max(0, files - clients - jobs - 1);
	for (let i = 0; i < clients; i++) out.set(`/bench/clients/client${i}.ts`, { text: tsClient(i, pick), language: 'typescript' });
	for (let i = 0; i < jobs; i++) out.set(`/bench/jobs/job${i}.js`, { text: jsJob(i, clients, pick), language: 'javascript' });
	for (let i = 0; i < delugeCount; i++) out.set(`/bench/functions/fn${i}.dg`, { text: deluge(i, pick), language: 'deluge' });
	// The big file: one client and its helpers after another, 3,000 lines.
	const parts: string[] = [];
	let lines = 0;
	for (let k = 0; lines < 3000; k++) {
		const part = tsClient(100000 + k, pick)
			.replace(/^import .*\n/gm, '')
			.replace(/^export default .*\n/m, '');
		parts.push(part);
		lines += part.split('\n').length;
	}
	const big = `import axios from 'axios';\nimport * as ZOHOCRMSDK from '@zohocrm/nodejs-sdk-8.0';\n${parts.join('\n')}`.split('\n').slice(0, 3000).join('\n');
	const bigFile = '/bench/clients/big.ts';
	out.set(bigFile, { text: big, language: 'typescript' });
	return { files: out, bigFile };
}

/** A React component of the app: props, state, formatting helpers, markup; no Zoho CRM anywhere. */
function component(i: number, utils: number, pick: () => number): string {
	const u = Math.floor(pick() * utils);
	const other = i > 0 ? Math.floor(pick() * i) : undefined;
	const items = 3 + Math.floor(pick() * 6);
	return `import { useMemo, useState } from 'react';
import { formatDate${u}, slugify${u} } from '../utils/util${u}';
import type { Item${u} } from '../types/types${u}';
${other === undefined ? '' : `import { Component${other} } from './component${other}';\n`}
export interface Component${i}Props {
  title: string;
  items: Item${u}[];
  onSelect?: (item: Item${u}) => void;
}

function summary(items: Item${u}[]): string {
  const total = items.reduce((sum, item) => sum + item.amount, 0);
  return \`\${items.length} items, \${total.toFixed(2)} in total\`;
}

export function Component${i}({ title, items, onSelect }: Component${i}Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<boolean>(false);
  const visible = useMemo(() => items.filter((item) => item.name.toLowerCase().includes(query.toLowerCase())), [items, query]);
  const sorted = useMemo(() => [...visible].sort((a, b) => a.name.localeCompare(b.name)), [visible]);
  return (
    <section className="rounded-lg border p-4 shadow-sm" aria-label={title}>
      <header className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        <button type="button" className="text-sm underline" onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'} details
        </button>
      </header>
      <input className="mt-2 w-full rounded border px-2 py-1" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Filter…" />
      <ul className="mt-3 space-y-1">
        {sorted.slice(0, ${items * 10}).map((item) => (
          <li key={slugify${u}(item.name)} className="flex justify-between">
            <a href={\`#\${slugify${u}(item.name)}\`} onClick={() => onSelect?.(item)}>
              {item.name}
            </a>
            <span className="text-xs text-gray-500">{formatDate${u}(item.updatedAt)}</span>
          </li>
        ))}
      </ul>
      {open && <p className="mt-2 text-sm">{summary(sorted)}</p>}
${other === undefined ? '' : `      {open && <Component${other} title="Related" items={[]} />}\n`}    </section>
  );
}
`;
}

/** Utilities shared by the app: dates, strings, numbers, a little caching. */
function utility(i: number, pick: () => number): string {
	const pad = 2 + Math.floor(pick() * 3);
	return `export function formatDate${i}(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const day = String(date.getDate()).padStart(${pad}, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  return \`\${date.getFullYear()}-\${month}-\${day}\`;
}

export function slugify${i}(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function clamp${i}(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function debounce${i}<T extends (...args: never[]) => void>(run: T, ms: number): T {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return ((...args: never[]) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), ms);
  }) as T;
}

const cache${i} = new Map<string, { value: unknown; at: number }>();

export function remember${i}<T>(key: string, make: () => T, ttlMs = 60_000): T {
  const known = cache${i}.get(key);
  if (known && Date.now() - known.at < ttlMs) return known.value as T;
  const value = make();
  cache${i}.set(key, { value, at: Date.now() });
  return value;
}

export function groupBy${i}<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) (out[key(item)] ??= []).push(item);
  return out;
}
`;
}

/** Types of the app's data. */
function types(i: number, pick: () => number): string {
	const extra = 3 + Math.floor(pick() * 8);
	return `export interface Item${i} {
  id: string;
  name: string;
  amount: number;
  updatedAt: string;
${Array.from({ length: extra }, (_, k) => `  attribute${k}?: ${k % 2 ? 'string' : 'number'};`).join('\n')}
}

export type Status${i} = 'draft' | 'active' | 'archived';

export interface Page${i}<T> {
  items: T[];
  next?: string;
  total: number;
}

export function isActive${i}(status: Status${i}): boolean {
  return status === 'active';
}
`;
}

/** A test of a component and a utility. */
function unitTest(i: number, components: number, utils: number, pick: () => number): string {
	const c = Math.floor(pick() * components);
	const u = Math.floor(pick() * utils);
	return `import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Component${c} } from '../components/component${c}';
import { clamp${u}, formatDate${u}, slugify${u} } from '../utils/util${u}';

describe('component${c} and util${u} (${i})', () => {
  it('renders its title', () => {
    render(<Component${c} title="Orders" items={[]} />);
    expect(screen.getByText('Orders')).toBeTruthy();
  });

  it('formats dates', () => {
    expect(formatDate${u}('2026-01-05T10:00:00Z')).toMatch(/2026-01-0?5/);
  });

  it('slugifies', () => {
    expect(slugify${u}('Hello, World!')).toBe('hello-world');
  });

  it('clamps', () => {
    for (const [value, expected] of [[-1, 0], [5, 5], [11, 10]] as const) expect(clamp${u}(value, 0, 10)).toBe(expected);
  });
});
`;
}

/**
 * A workspace that looks like a real application: about one file in ten touches Zoho CRM (clients and
 * the jobs that call them), the rest is ordinary app code (components, utilities, types, tests).
 */
export function generateSparseWorkspace(files: number, seed = 1): Workspace {
	const pick = random(seed);
	const out: Workspace['files'] = new Map();
	const zoho = Math.max(2, Math.round(files * 0.1));
	const clients = Math.max(1, Math.round(zoho * 0.4));
	const jobs = zoho - clients;
	const ordinary = files - zoho;
	const components = Math.max(1, Math.round(ordinary * 0.4));
	const utils = Math.max(1, Math.round(ordinary * 0.2));
	const typeFiles = Math.max(1, Math.round(ordinary * 0.15));
	const tests = Math.max(0, ordinary - components - utils - typeFiles);
	for (let i = 0; i < clients; i++) out.set(`/app/src/zoho/client${i}.ts`, { text: tsClient(i, pick), language: 'typescript' });
	for (let i = 0; i < jobs; i++)
		out.set(`/app/src/jobs/job${i}.js`, {
			// Jobs use the app's utilities too, as real ones do.
			text: jsJob(i, clients, pick)
				.replace(/\.\.\/clients\//g, '../zoho/')
				.replace("'use strict';\n", `'use strict';\nconst { slugify${i % utils} } = require('../utils/util${i % utils}');\n`),
			language: 'javascript',
		});
	for (let i = 0; i < utils; i++) out.set(`/app/src/utils/util${i}.ts`, { text: utility(i, pick), language: 'typescript' });
	for (let i = 0; i < typeFiles; i++) out.set(`/app/src/types/types${i}.ts`, { text: types(i, pick), language: 'typescript' });
	for (let i = 0; i < components; i++)
		out.set(`/app/src/components/component${i}.tsx`, { text: component(i, Math.min(utils, typeFiles), pick), language: 'typescript' });
	for (let i = 0; i < tests; i++) out.set(`/app/src/test/case${i}.test.tsx`, { text: unitTest(i, components, utils, pick), language: 'typescript' });
	return { files: out, bigFile: `/app/src/zoho/client0.ts` };
}
