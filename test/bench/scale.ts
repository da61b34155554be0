/**
 * The workspace at scale (about 2,000 files, 300,000 lines of TypeScript, JavaScript and Deluge):
 * a cold analysis against TypeScript's parse of the same TS/JS files and against ESLint with one
 * rule; one-line edits in a 3,000-line file; the server's peak memory on the same files on disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';
import {
	createProtocolConnection,
	DidChangeTextDocumentNotification,
	DidOpenTextDocumentNotification,
	ExitNotification,
	InitializedNotification,
	InitializeRequest,
	LogMessageNotification,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { analyzeFacts, DEFAULT_SETTINGS } from '../../server/src/core/analysis';
import { scanFile } from '../../server/src/core/scan/scan-file';
import { type SourceText } from '../../server/src/core/analyze-texts';
import { assumptionsOf, budgetOf } from '../../server/src/core/analysis';
import { FunctionCosts } from '../../server/src/core/estimate';
import { Graph } from '../../server/src/core/graph';
import { ScanPool } from '../../server/src/workspace/scan-pool';
import { relevantSources } from '../../server/src/core/scan/relevance';
import { IncrementalReport, makeReport } from '../../server/src/core/workspace-report';
import { sourcesOfTexts } from '../../server/src/core/analyze-texts';
import { SERVER_ENV, SERVER_NODE_OPTIONS, type StatusParams } from '../../shared/protocol';
import { statusNotification } from '../../server/src/lsp/messages';
import { generateSparseWorkspace, generateWorkspace, random } from './workspace';
import { floorThreads, freshProcessParseMs, incrementalParseMs, parseAndVisitMs, threadedParseMs, threadRoundTripMs, warmParseMs } from './floors';

const ROOT = join(__dirname, '..', '..', '..');
/** Edits of the 3,000-line file counted as warm-up as well (`afterWarmUp`): the first few dozen after the scanner thread starts run unoptimised code. */
const WARM_UP_EDITS = 50;

function time(run: () => void): number {
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** What the CLI does with the files it read: find those that can matter, scan them, link, then the report. */
function coldAnalysis(files: readonly SourceText[]): void {
	makeReport(new IncrementalReport(), sourcesOfTexts(files, DEFAULT_SETTINGS), budgetOf(DEFAULT_SETTINGS));
}

/** A sparse workspace (one file in ten touching Zoho CRM): the cold analysis against TypeScript's parse of the same files. */
async function benchSparse(fileCount: number, seed: number, rounds: number) {
	const workspace = generateSparseWorkspace(fileCount, seed);
	const sparse = [...workspace.files].map(([path, f]) => ({ path, language: f.language, text: f.text }));
	const parse: number[] = [];
	const ours: number[] = [];
	for (let r = 0; r < rounds; r++) {
		parse.push(time(() => sparse.forEach((f) => ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest))));
		ours.push(time(() => coldAnalysis(sparse)));
	}
	// The floors of the sparse figure: finding the files that can matter, and parsing only them.
	const relevant = relevantSources(sparse);
	const parseAll = median(parse);
	const relevanceMs = median([0, 1, 2].map(() => time(() => relevantSources(sparse))));
	const relevantParse = warmParseMs(
		sparse.filter((f) => relevant.has(f.path) && f.language !== 'deluge'),
		rounds,
	);
	return {
		files: sparse.length,
		filesRead: relevant.size,
		lines: sparse.reduce((n, f) => n + f.text.split('\n').length, 0),
		typescriptParseMs: round(median(parse)),
		coldAnalysisMs: round(median(ours)),
		ratioToParse: round(median(ours) / parseAll),
		floors: {
			relevanceMs: round(relevanceMs),
			relevanceToParse: round(relevanceMs / parseAll),
			parseOfFilesReadMs: round(relevantParse),
			parseOfFilesReadToParse: round(relevantParse / parseAll),
			note: 'finding the files that can matter (a scan of every text), and TypeScript parsing only those files: together the least the sparse figure can take, before any walk, link or report',
		},
		commandLine: commandLines(workspace.files, parseAll),
		server: await serverPeak(workspace.files, '/app/src/jobs/job0.js'),
	};
}

/** ESLint's linter with one rule, in memory: the parse and walk a user would run instead. */
function eslintAll(sources: readonly SourceText[]): number {
	const linter = new Linter({ configType: 'flat' });
	const rules: Linter.RulesRecord = { 'no-restricted-syntax': ['warn', "CallExpression[callee.property.name='getRecords']"] };
	const config: Linter.Config[] = [
		{ files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, rules },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' }, rules },
	];
	let messages = 0;
	// Paths relative to a root, as ESLint's file patterns expect.
	for (const f of sources) messages += linter.verify(f.text, config, { filename: f.path.replace(/^\//, '') }).length;
	return messages;
}

/** A workspace written to a new temporary folder, each file at its path under it. */
function writeWorkspace(files: Map<string, { text: string }>): string {
	const dir = mkdtempSync(join(tmpdir(), 'zcl-bench-'));
	for (const [path, f] of files) {
		const target = join(dir, path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, f.text);
	}
	return dir;
}

/** Wall time of a command, in milliseconds; its output is dropped. */
function run(args: readonly string[], cwd: string): number {
	const start = performance.now();
	const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`);
	return performance.now() - start;
}

/**
 * The CLI as a user runs it (`zoho-credits scan`, a new process: start-up, discovery, reading, the report)
 * and ESLint's CLI with typescript-eslint and one rule on the same files, single-threaded and with
 * `--concurrency auto`, each against TypeScript's single-threaded parse of the same files in this process.
 */
function commandLines(files: Map<string, { text: string; language: string }>, parseMs: number) {
	const dir = writeWorkspace(files);
	try {
		const parser = require.resolve('@typescript-eslint/parser');
		writeFileSync(
			join(dir, 'eslint.config.mjs'),
			[
				`import tsParser from ${JSON.stringify(pathToFileURL(parser).href)};`,
				`const rules = { 'no-restricted-syntax': ['warn', "CallExpression[callee.property.name='getRecords']"] };`,
				'export default [',
				"  { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, rules },",
				"  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, rules },",
				'];',
			].join('\n'),
		);
		const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
		const cli = median([0, 1, 2].map(() => run([join(ROOT, 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never'], dir)));
		const eslintSingle = run([eslint, '--no-warn-ignored', '--concurrency', 'off', '.'], dir);
		const eslintConcurrent = run([eslint, '--no-warn-ignored', '--concurrency', 'auto', '.'], dir);
		return {
			cliScanMs: round(cli),
			cliScanToParse: round(cli / parseMs),
			eslintOneRuleMs: round(eslintSingle),
			eslintConcurrentMs: round(eslintConcurrent),
			eslintConcurrentToOurs: round(eslintConcurrent / cli),
			cores: availableParallelism(),
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The server on the workspace written to disk: indexed, totalled, then its peak resident memory (Linux). */
export async function serverPeak(
	files: Map<string, { text: string }>,
	/** The file edited once the workspace is totalled, by its path in `files`; its folder's first segment is the workspace folder. */
	edited = '/bench/jobs/job0.js',
): Promise<{ peakRssMB: number | null; readyMs: number; longestPauseMs: number | null; heapAfterIndexMB: number | null; reportAfterEdit: string }> {
	const dir = writeWorkspace(files);
	try {
		// Started as the VS Code client starts it.
		const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, join(ROOT, 'dist/server.js'), '--stdio'], {
			stdio: ['pipe', 'pipe', 'inherit'],
			env: { ...process.env, ...SERVER_ENV },
		});
		const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
		const started = performance.now();
		const logs: string[] = [];
		let onLog: (() => void) | undefined;
		connection.onNotification(LogMessageNotification.type, (m: { message: string }) => {
			logs.push(m.message);
			onLog?.();
		});
		const nextLine = (after: number, start: string) =>
			new Promise<string>((resolve) => {
				const check = () => {
					const line = logs.slice(after).find((l) => l.startsWith(start));
					if (line) resolve(line);
				};
				onLog = check;
				check();
			});
		const nextTotal = (after: number) => nextLine(after, 'Totalled');
		const ready = new Promise<void>((resolve) =>
			connection.onNotification(statusNotification, (s: StatusParams) => {
				if (s.usage && s.quiescent && !s.message.startsWith('Indexing')) resolve();
			}),
		);
		connection.listen();
		const root = edited.split('/')[1];
		const folder = pathToFileURL(join(dir, root)).toString();
		await connection.sendRequest(InitializeRequest.type, {
			processId: process.pid,
			rootUri: folder,
			capabilities: {},
			workspaceFolders: [{ uri: folder, name: root }],
		});
		await connection.sendNotification(InitializedNotification.type, {});
		await ready;
		const readyMs = performance.now() - started;
		// The server's own measure: the longest the event loop waited while indexing and totalling, and its heap then.
		const settled = await nextLine(0, 'Longest pause');
		const pause = /(\d+) ms; heap in use ([\d,]+) MB/.exec(settled);
		// An edit of one job, as typed in the editor: the workspace report is made again from the parts it changed.
		const jobPath = join(dir, edited);
		const jobUri = pathToFileURL(jobPath).toString();
		const jobText = readFileSync(jobPath, 'utf8');
		let mark = logs.length;
		await connection.sendNotification(DidOpenTextDocumentNotification.type, {
			textDocument: { uri: jobUri, languageId: 'javascript', version: 1, text: jobText },
		});
		await nextTotal(mark);
		mark = logs.length;
		await connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri: jobUri, version: 2 },
			contentChanges: [{ text: jobText.replace(/ids\.slice\(0, \d+\)/, 'ids.slice(0, 99)') }],
		});
		const afterEdit = await nextTotal(mark);
		let peakRssMB: number | null = null;
		try {
			const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
			if (kb) peakRssMB = round(Number(kb[1]) / 1024, 1);
		} catch {
			// Not Linux: no /proc.
		}
		await connection.sendRequest(ShutdownRequest.type);
		await connection.sendNotification(ExitNotification.type);
		connection.dispose();
		return {
			peakRssMB,
			readyMs: round(readyMs, 0),
			longestPauseMs: pause ? Number(pause[1]) : null,
			heapAfterIndexMB: pause ? Number(pause[2].replace(/,/g, '')) : null,
			reportAfterEdit: afterEdit,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function benchScale(fileCount: number, seed: number, rounds: number) {
	const workspace = generateWorkspace(fileCount, seed);
	const all: SourceText[] = [...workspace.files].map(([path, f]) => ({ path, language: f.language, text: f.text }));
	const tsjs = all.filter((f) => f.language !== 'deluge');
	const lines = (list: readonly SourceText[]) => list.reduce((n, f) => n + f.text.split('\n').length, 0);

	const parse: number[] = [];
	const oursTsJs: number[] = [];
	const oursAll: number[] = [];
	for (let r = 0; r < rounds; r++) {
		parse.push(time(() => tsjs.forEach((f) => ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest))));
		oursTsJs.push(time(() => coldAnalysis(tsjs)));
		oursAll.push(time(() => coldAnalysis(all)));
	}
	let eslintMessages = 0;
	const eslintMs = time(() => (eslintMessages = eslintAll(tsjs)));

	// One-line edits of the 3,000-line file, each followed by what the server does before answering: the
	// document scanned in the server's scanner thread (the shipped `dist/scanner.js`, which keeps the last
	// version's parse and walk) and its facts sent back as JSON text, then on the main thread the facts
	// read, the graph updated and the file analysed. Timed from sending the text to the analysis. The
	// workspace is totalled first, as the server has it once indexed: the function costs of every file kept.
	const facts = new Map(all.map((f) => [f.path, scanFile(f.text, f.path, f.language)] as const));
	const graph = new Graph(facts);
	const costs = new FunctionCosts(graph, assumptionsOf(DEFAULT_SETTINGS));
	makeReport(
		new IncrementalReport(),
		all.map((f) => ({ path: f.path, reportPath: f.path, facts: facts.get(f.path)!, settings: DEFAULT_SETTINGS, costs, text: () => f.text })),
		budgetOf(DEFAULT_SETTINGS),
	);
	const big = workspace.files.get(workspace.bigFile)!.text;
	analyzeFacts(workspace.bigFile, big, facts.get(workspace.bigFile)!, DEFAULT_SETTINGS, { path: workspace.bigFile, costs });
	const pick = random(seed + 1);
	const bigLines = big.split('\n');
	const edits: number[] = [];
	const mainThread: number[] = [];
	const versions = [big];
	const pool = new ScanPool(join(ROOT, 'dist', 'scanner.js'), 1);
	// The pool's threads do not keep a process alive (the server's connection does): this timer does meanwhile.
	const alive = setInterval(() => undefined, 1000);
	try {
		await pool.scanDocument(workspace.bigFile, big, 'typescript');
		for (let k = 0; k < 200; k++) {
			const line = Math.floor(pick() * bigLines.length);
			bigLines[line] = `${bigLines[line]} // edit ${k}`;
			const edited = bigLines.join('\n');
			versions.push(edited);
			const start = performance.now();
			const scanned = await pool.scanDocument(workspace.bigFile, edited, 'typescript');
			if (!('facts' in scanned)) throw new Error(`the edited document was not scanned: ${scanned.reason}`);
			const main = time(() => {
				graph.update(workspace.bigFile, scanned.facts);
				analyzeFacts(workspace.bigFile, edited, scanned.facts, DEFAULT_SETTINGS, { path: workspace.bigFile, costs });
			});
			edits.push(performance.now() - start);
			mainThread.push(main);
		}
	} finally {
		clearInterval(alive);
		pool.dispose();
	}

	const server = await serverPeak(workspace.files);
	const parseMs = median(parse);
	// The floors of the dense and edit figures, measured after the rest so the threads they start weigh on nothing else.
	const threads = floorThreads();
	const visitMs = parseAndVisitMs(tsjs, rounds);
	const threaded = await threadedParseMs(tsjs, threads, rounds);
	const fresh = freshProcessParseMs(tsjs);
	const editParse = incrementalParseMs(versions, workspace.bigFile);
	const hop = await threadRoundTripMs(JSON.stringify(facts.get(workspace.bigFile)).length, 200);
	return {
		files: {
			typescript: all.filter((f) => f.language === 'typescript').length,
			javascript: all.filter((f) => f.language === 'javascript').length,
			deluge: all.filter((f) => f.language === 'deluge').length,
		},
		lines: { all: lines(all), typescriptAndJavaScript: lines(tsjs) },
		coldAnalysisAllMs: round(median(oursAll)),
		tsJs: {
			typescriptParseMs: round(parseMs),
			coldAnalysisMs: round(median(oursTsJs)),
			ratioToParse: round(median(oursTsJs) / parseMs),
			eslintOneRuleMs: round(eslintMs),
			eslintMessages,
			eslintToOursRatio: round(eslintMs / median(oursTsJs)),
			floors: {
				parseAndVisitMs: round(visitMs),
				parseAndVisitToParse: round(visitMs / parseMs),
				threads,
				threadedParseWarmMs: round(threaded.warmMs),
				threadedParseWarmToParse: round(threaded.warmMs / parseMs),
				threadedParseColdMs: round(threaded.coldMs),
				threadedParseColdToParse: round(threaded.coldMs / parseMs),
				newProcessParseMs: round(fresh),
				newProcessParseToParse: round(fresh / parseMs),
				note: 'the parse and one visit of every node, single-threaded; the parse alone spread over one thread per core (warm: the median round after the first; cold: the first round of new threads); the parse alone in a new process, timed inside it. Each against the single-threaded warm parse above',
			},
		},
		commandLine: { ...commandLines(workspace.files, parseMs), note: 'the whole workspace, Deluge included, against the parse of its TS/JS files' },
		sparse: await benchSparse(fileCount, seed, rounds),
		editIn3000LineFile: {
			edits: edits.length,
			p50Ms: round(percentile(edits, 50)),
			p95Ms: round(percentile(edits, 95)),
			mainThread: { p50Ms: round(percentile(mainThread, 50)), p95Ms: round(percentile(mainThread, 95)) },
			afterWarmUp: {
				edits: edits.length - WARM_UP_EDITS,
				p50Ms: round(percentile(edits.slice(WARM_UP_EDITS), 50)),
				p95Ms: round(percentile(edits.slice(WARM_UP_EDITS), 95)),
				firstEdits: { edits: WARM_UP_EDITS, p50Ms: round(percentile(edits.slice(0, WARM_UP_EDITS), 50)) },
				note: "the same edits without the first ones after the scanner thread starts, while V8 has not yet optimised the code an edit runs (the server's documents' thread starts with the first document opened and stays)",
			},
			floors: {
				incrementalParse: { p50Ms: round(editParse.p50Ms), p95Ms: round(editParse.p95Ms) },
				threadRoundTrip: { p50Ms: round(hop.p50Ms), p95Ms: round(hop.p95Ms), characters: JSON.stringify(facts.get(workspace.bigFile)).length },
				note: "TypeScript's incremental parse of the same versions, nothing else done; a text the size of the file's facts as JSON sent to an idle thread and back",
			},
			note: 'in a process holding the totalled workspace (every function cost kept, as the server holds them), from sending the text to the scanner thread (dist/scanner.js: scan, facts sent back as JSON text) to the end of the graph update and analysis on the main thread; mainThread: the graph update and analysis, the part that holds up the server (the facts are read from JSON as the message arrives)',
		},
		server: {
			...server,
			note: 'peak resident memory (VmHWM) of the shipped (minified) server bundle once the workspace is indexed, totalled, and one job edited; the longest the event loop waited from the start of the index until the workspace was totalled, and the heap then (the server logs both); the server log line of the report after the edit',
		},
	};
}
