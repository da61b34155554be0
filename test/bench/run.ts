/**
 * Benchmarks, printed as JSON. Machines here are shared and noisy, so every figure comes with a
 * baseline measured in the same run: TypeScript's own parse of the same files, and a cold analysis
 * for the cost of an edit. Each figure is the median of several rounds.
 *
 * Usage: npm run bench [-- --files N] [-- --scale-files N --seed S] [-- --fuzz-inputs N]: N generated TypeScript files (half
 * helpers, half jobs) for the incremental figures; a mixed workspace of about 2,000 files for the scale ones.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { analyzeFacts, assumptionsOf, budgetOf, DEFAULT_SETTINGS } from '../../server/src/core/analysis';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { resolveSettings } from '../../server/src/core/config';
import { IncrementalReport, makeReport } from '../../server/src/core/workspace-report';
import { DEFAULT_ASSUMPTIONS, FunctionCosts } from '../../server/src/core/estimate';
import type { FileFacts } from '../../server/src/core/facts';
import { type FunctionRef, Graph } from '../../server/src/core/graph';
import { parse as parseDeluge } from '../../server/src/core/scan/deluge/parser';
import { FUZZ_SEED, runFuzz } from './fuzz';
import { benchScale } from './scale';

const ROUNDS = 5;

function argument(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void): number {
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

function round(n: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

/** A helper module: five wrappers of different Zoho CRM calls, and some ordinary code around them. */
function helper(i: number): string {
	return `import axios from 'axios';
const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });

export interface Row${i} { id: string; name: string; amount: number }

export async function read${i}(id: string) {
  const response = await zoho.get('/Leads/' + id);
  return response.data;
}

export async function list${i}(page: number) {
  const response = await zoho.get('/Deals', { params: { page, per_page: 200 } });
  return response.data.data as Row${i}[];
}

export async function convert${i}(id: string) {
  return zoho.post('/Leads/' + id + '/actions/convert', { data: [{ overwrite: true }] });
}

export async function save${i}(rows: Row${i}[]) {
  for (const row of rows) {
    await zoho.put('/Contacts/' + row.id, { data: [row] });
  }
}

export function format${i}(rows: Row${i}[]): string {
  return rows.map((r) => r.name.padEnd(20) + String(r.amount).padStart(10)).join('\\n');
}

export function total${i}(rows: Row${i}[]): number {
  let sum = 0;
  for (const row of rows) sum += row.amount;
  return sum;
}
`;
}

/** A job module: calls into two helper modules, in loops. */
function job(i: number, helpers: number): string {
	const a = i % helpers;
	const b = (i * 7 + 3) % helpers;
	return `import { read${a}, convert${a}, format${a} } from '../lib/helper${a}';
import { list${b}, save${b}, total${b} } from '../lib/helper${b}';

export async function job${i}(ids: string[]) {
  for (const page of [1, 2, 3]) {
    const rows = await list${b}(page);
    console.log(format${a}(rows as never), total${b}(rows));
    await save${b}(rows);
  }
  for (const id of ids) {
    const lead = await read${a}(id);
    if (lead && lead.hot) await convert${a}(id);
  }
}
`;
}

function workspace(files: number): Map<string, string> {
	const helpers = Math.max(1, Math.floor(files / 2));
	const out = new Map<string, string>();
	for (let i = 0; i < helpers; i++) out.set(`/bench/lib/helper${i}.ts`, helper(i));
	for (let i = 0; i < files - helpers; i++) out.set(`/bench/jobs/job${i}.ts`, job(i, helpers));
	return out;
}

function functionsOf(modules: ReadonlyMap<string, FileFacts>): FunctionRef[] {
	return [...modules].flatMap(([path, facts]) => (facts.functions ?? []).map((f) => ({ path, name: f.name })));
}

function linesOf(texts: Iterable<string>): number {
	let lines = 0;
	for (const t of texts) lines += t.split('\n').length;
	return lines;
}

function benchTypeScript(files: number) {
	const texts = workspace(files);
	const lines = linesOf(texts.values());
	const parse: number[] = [];
	const scan: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		parse.push(
			time(() => {
				for (const [path, text] of texts) ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
			}),
		);
		scan.push(
			time(() => {
				for (const [path, text] of texts) scanFile(text, path, 'typescript');
			}),
		);
	}
	const parseMs = median(parse);
	const scanMs = median(scan);
	return {
		files: texts.size,
		lines,
		typescriptParseMsPer1000Lines: round((parseMs / lines) * 1000, 3),
		scanMsPer1000Lines: round((scanMs / lines) * 1000, 3),
		scanToParseRatio: round(scanMs / parseMs),
	};
}

/** A cold analysis of every function's cost against one edit of a helper, then one of a job. */
function benchIncremental(files: number) {
	const texts = workspace(files);
	const modules = new Map([...texts].map(([path, text]) => [path, scanFile(text, path, 'typescript')] as const));
	const functions = functionsOf(modules);
	const cold: number[] = [];
	const helperEdit: number[] = [];
	const jobEdit: number[] = [];
	let recomputed = { helper: 0, job: 0, cold: 0 };
	for (let r = 0; r < ROUNDS; r++) {
		const graph = new Graph(modules);
		const costs = new FunctionCosts(graph, DEFAULT_ASSUMPTIONS);
		cold.push(
			time(() => {
				graph.calledFunctions();
				for (const f of functions) costs.cost(f);
			}),
		);
		recomputed.cold = costs.computed;
		const helperPath = '/bench/lib/helper0.ts';
		const editedHelper = texts.get(helperPath)!.replace("zoho.get('/Leads/' + id)", "zoho.get('/Leads/' + id + '/Notes')");
		let before = costs.computed;
		helperEdit.push(
			time(() => {
				graph.update(helperPath, scanFile(editedHelper, helperPath, 'typescript'));
				graph.calledFunctions();
				for (const f of functions) costs.cost(f);
			}),
		);
		recomputed.helper = costs.computed - before;
		const jobPath = '/bench/jobs/job0.ts';
		const editedJob = texts.get(jobPath)!.replace('[1, 2, 3]', '[1, 2, 3, 4]');
		before = costs.computed;
		jobEdit.push(
			time(() => {
				graph.update(jobPath, scanFile(editedJob, jobPath, 'typescript'));
				graph.calledFunctions();
				for (const f of functions) costs.cost(f);
			}),
		);
		recomputed = { ...recomputed, job: costs.computed - before };
	}
	const coldMs = median(cold);
	return {
		files: modules.size,
		functions: functions.length,
		coldAnalysisMs: round(coldMs),
		functionCostsComputedCold: recomputed.cold,
		helperEdit: { ms: round(median(helperEdit)), ratioToCold: round(median(helperEdit) / coldMs, 3), functionCostsComputed: recomputed.helper },
		jobEdit: { ms: round(median(jobEdit)), ratioToCold: round(median(jobEdit) / coldMs, 3), functionCostsComputed: recomputed.job },
	};
}

/**
 * The workspace report behind the status bar and the budget panel: every file analysed and totalled,
 * cold and after a helper edit (function costs kept), against the cold analysis of costs alone.
 */
function benchReport(files: number) {
	const texts = workspace(files);
	const modules = new Map([...texts].map(([path, text]) => [path, scanFile(text, path, 'typescript')] as const));
	const settings = resolveSettings();
	const budget = budgetOf(settings);
	const cold: number[] = [];
	const afterEdit: number[] = [];
	let entryPoints = 0;
	const helperPath = '/bench/lib/helper0.ts';
	const helperFacts = modules.get(helperPath)!;
	const edited = scanFile(texts.get(helperPath)!.replace("zoho.get('/Leads/' + id)", "zoho.get('/Leads/' + id + '/Notes')"), helperPath, 'typescript');
	// The report as the server makes it: parts kept across the edit, only the files it touches analysed again.
	const report = (reporter: IncrementalReport, costs: FunctionCosts) => {
		const sources = [...modules].map(([path, facts]) => ({ path, reportPath: path, facts, settings, costs, text: () => texts.get(path) }));
		entryPoints = makeReport(reporter, sources, budget).entryPoints.length;
	};
	let analysedAfterEdit = 0;
	for (let r = 0; r < ROUNDS; r++) {
		modules.set(helperPath, helperFacts);
		const graph = new Graph(modules);
		const costs = new FunctionCosts(graph, assumptionsOf(settings));
		const reporter = new IncrementalReport();
		cold.push(time(() => report(reporter, costs)));
		const before = costs.computed;
		afterEdit.push(
			time(() => {
				graph.update(helperPath, edited);
				modules.set(helperPath, edited);
				report(reporter, costs);
			}),
		);
		analysedAfterEdit = costs.computed - before;
	}
	return {
		files: modules.size,
		entryPoints,
		coldMs: round(median(cold)),
		afterHelperEditMs: round(median(afterEdit)),
		editToColdRatio: round(median(afterEdit) / median(cold), 3),
		functionCostsComputedAfterEdit: analysedAfterEdit,
	};
}

/** One file of `n` functions, each with a branch, two requests and a call of a helper, called once each at the top level. */
function manyFunctions(n: number): string {
	const lines = ["import axios from 'axios';", "const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });"];
	for (let i = 0; i < n; i++) {
		lines.push(
			`export async function read${i}(id: string, module: string) {`,
			"  if (id) { await zoho.get('/Leads/' + id); } else { await zoho.get('/Deals'); }",
			`  return fetch${i}(module);`,
			'}',
			`async function fetch${i}(module: string) { return zoho.get('/' + module); }`,
		);
	}
	for (let i = 0; i < n; i++) lines.push(`read${i}('1', 'Contacts');`);
	return lines.join('\n');
}

/**
 * The analysis of one large file against one a quarter of its size: work that grows with the square of
 * a file's functions (each function reading every branch, call or function of its file) shows as a
 * ratio far above 4. Five small files were analysed first, so the ratio is not the warm-up's.
 */
function benchOneLargeFile() {
	const analyse = (n: number) => {
		const path = `/bench/large${n}.ts`;
		const text = manyFunctions(n);
		const facts = scanFile(text, path, 'typescript');
		return time(() => {
			const graph = new Graph(new Map([[path, facts]]));
			analyzeFacts(path, text, facts, DEFAULT_SETTINGS, { path, costs: new FunctionCosts(graph, assumptionsOf(DEFAULT_SETTINGS)) });
		});
	};
	for (let i = 0; i < 5; i++) analyse(200);
	const small = median([0, 1, 2].map(() => analyse(1000)));
	const large = median([0, 1, 2].map(() => analyse(4000)));
	return { functions: [2000, 8000], analysisMs: [round(small), round(large)], ratio: round(large / small) };
}

function benchDeluge(functions: number) {
	const parts: string[] = [];
	for (let i = 0; i < functions; i++) {
		parts.push(`void standalone.sync_${i}(string id)
{
  leads = zoho.crm.getRecords("Leads", 1, 200);
  for each lead in leads
  {
    if (lead.get("Rating") == "Hot")
    {
      resp = zoho.crm.updateRecord("Leads", lead.get("id"), {"Status": "Contacted"});
    }
  }
  info resp;
}
`);
	}
	const text = parts.join('\n');
	const lines = text.split('\n').length;
	// The same number of lines of TypeScript, parsed by TypeScript: the baseline.
	const tsText = workspace(Math.ceil(lines / 40))
		.values()
		.next().value as string;
	const tsRepeated = tsText.repeat(Math.max(1, Math.round(lines / tsText.split('\n').length)));
	const tsLines = tsRepeated.split('\n').length;
	const parse: number[] = [];
	const baseline: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		parse.push(time(() => parseDeluge(text)));
		baseline.push(time(() => ts.createSourceFile('/bench/big.ts', tsRepeated, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)));
	}
	const perLine = (median(parse) / lines) * 1000;
	const basePerLine = (median(baseline) / tsLines) * 1000;
	return {
		lines,
		parseMsPer1000Lines: round(perLine, 3),
		typescriptParseMsPer1000Lines: round(basePerLine, 3),
		parseToTypeScriptRatio: round(perLine / basePerLine),
	};
}

/** The heap in use once garbage is collected: what the figures above keep alive, not when V8 last happened to collect. */
function liveHeapMB(): number {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
	return round(process.memoryUsage().heapUsed / 1024 / 1024, 1);
}

async function main(): Promise<void> {
	const files = argument('files', 1000);
	const result = {
		node: process.version,
		rounds: ROUNDS,
		typescriptScan: benchTypeScript(files),
		incremental: benchIncremental(files),
		workspaceReport: benchReport(files),
		delugeParse: benchDeluge(argument('deluge-functions', 2000)),
		oneLargeFile: benchOneLargeFile(),
		heapUsedMB: liveHeapMB(),
		scale: await benchScale(argument('scale-files', 2000), argument('seed', 1), 3),
		// Last: a long run of hostile and mutated inputs, no crash and no input over a second allowed.
		fuzz: runFuzz(argument('fuzz-inputs', 100_000), argument('fuzz-seed', FUZZ_SEED)),
	};
	process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

void main();
