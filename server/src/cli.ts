/**
 * `zoho-credits`: the Zoho Credit Lens engine in the terminal and in CI.
 * Only the report goes to stdout; errors go to stderr with exit code 2, never a stack trace.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { budgetOf, type FileAnalysis } from './core/analysis';
import { assumptionsInForce } from './core/assumptions';
import { BUDGET_TABLE_IDS, EDITIONS, tableName } from '../../shared/editions';
import {
	budgetAssumed,
	DEFAULTS,
	type EffectiveSettings,
	type ExplicitSettings,
	LIMITS,
	parseTeamConfig,
	resolveSettings,
	TEAM_CONFIG_FILE,
	type TeamConfig,
} from './core/config';
import { FINDING_RULES } from './core/findings';
import { formatNumber, formatRange, formatRatio } from '../../shared/format';
import { markdownToText } from '../../shared/markdown';
import { reportMarkdown } from '../../shared/markdown-report';
import { IncrementalReport } from './core/workspace-report';
import { sourcesOfTexts } from './core/analyze-texts';
import { type JsonReport, type SkippedEntry } from '../../shared/report';
import { diffMarkdown, diffReports } from './core/report-diff';
import { reportSarif } from './core/sarif-report';
import { LineMap, printable } from './core/text';
import { entryMarkdown, hoverMarkdown, loopMarkdown } from './core/explain-markdown';
import { discover } from './workspace/discover';
import { fileNamesZoho } from './workspace/markers';
import { graphPath } from './workspace/index';
import { pathExists, readSource } from './workspace/small-file';
import { checkoutBase, GitError } from './workspace/git';
import { readTeamConfigFile } from './workspace/team-config';
import { importCalibration, readCalibration, readCalibrationInput, today, withCalibration } from './workspace/calibration';
import { compareObserved, type ObservedUsage, parseObservedUsage } from './core/observed';

const USAGE = `Usage:
  zoho-credits scan [paths...] [options]             the credits the code spends, per call, entry point and day
  zoho-credits diff --base <git ref> [paths...] [options]
                                                     the change against a revision, as a pull request comment
  zoho-credits explain <file>:<line> [options]       why the call on a line costs what it does
  zoho-credits calibrate [--apis <file>] [--usage <file>] [--config <file>]
                                                     store the org's API list (the saved answer of
                                                     GET /crm/v8/__apis) or observed usage (CSV or JSON)
                                                     in .zoho-credits/ next to ${TEAM_CONFIG_FILE}

Estimates the Zoho CRM API credits spent by TypeScript, JavaScript and Deluge code.

Options:
  --format <format>          scan: table|json|sarif|markdown (default: table)
                             diff: markdown|json (default: markdown)
  --config <file>            team configuration (default: ./${TEAM_CONFIG_FILE} when present)
  --edition <name>           ${EDITIONS.join('|')} (default: ${DEFAULTS.edition})
  --users <n>                user licences (default: ${DEFAULTS.users})
  --add-on-credits <n>       purchased add-on credits per day (default: 0)
  --budget-table <table>     ${BUDGET_TABLE_IDS.join('|')}: Zoho's newest edition table or the source document's (default: current)
  --fail-on warning|error|never
                             exit 1 when a finding (diff: a new finding) has at least this severity (default: error)
  --base <git ref>           diff: the revision to compare with (a branch, tag or commit)
  --max-increase <n>         diff: exit 1 when the credits a day grow by more than n
  --apis <file>              calibrate: a saved answer of GET /crm/v8/__apis
  --usage <file>             calibrate: observed credits a day to store; scan: to compare with,
                             instead of the stored .zoho-credits/usage.json
  -h, --help                 show this help
  -v, --version              show the version

Options given here win over the configuration file, which wins over the defaults.
Exit codes: 0 clean, 1 findings at or above --fail-on (or a growth past --max-increase),
2 bad usage, input or configuration.`;

class UsageError extends Error {}

function count(name: string, value: string | undefined, max: number): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not "${value}".`);
	const n = Number(value);
	if (n > max)
		throw new UsageError(`--${name} must be at most ${formatNumber(max)}, not ${value.length > 20 ? `a number of ${value.length} digits` : formatNumber(n)}.`);
	return n;
}

/**
 * The team file: the one --config names (which must exist), else ./zoho-credits.json when present.
 * Any problem is an error: a CI gate must not pass on a configuration it could not read.
 */
function loadConfig(path: string | undefined, cwd: string): TeamConfig | undefined {
	const file = resolve(cwd, path ?? TEAM_CONFIG_FILE);
	const read = readTeamConfigFile(file);
	if (!read.exists) {
		if (path !== undefined) throw new UsageError(`Cannot read --config ${path}: no such file.`);
		return undefined;
	}
	if (read.error) throw new UsageError(`${file}: ${read.error}`);
	const parsed = parseTeamConfig(read.text);
	if (parsed.errors.length > 0) {
		const lines = new LineMap(read.text);
		const details = parsed.errors.map((e) => {
			const { line, character } = lines.position(e.offset);
			return `  ${file}:${line + 1}:${character + 1}: ${e.message}`;
		});
		throw new UsageError(`${file} has ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}:\n${details.join('\n')}`);
	}
	return parsed.config;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
	if (value === undefined) return fallback;
	if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}".`);
	return value as T;
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/**
 * True when a finding is at least as severe as --fail-on asks (never, with `never`). A file that names
 * Zoho CRM but could not be analysed counts as a warning: its calls are missing from the estimate.
 */
function failsOn(
	findings: readonly { severity: keyof typeof SEVERITY_RANK }[],
	skipped: readonly SkippedEntry[],
	failOn: 'warning' | 'error' | 'never',
): boolean {
	if (failOn === 'never') return false;
	if (failOn === 'warning' && skipped.some((s) => s.namesZoho)) return true;
	return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

function pad(text: string, width: number, right = false): string {
	return right ? text.padStart(width) : text.padEnd(width);
}

function table(report: JsonReport, color: boolean, budgetNote: string): string {
	const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
	// Paths, API names and messages are shown with their control characters escaped.
	const rows = report.files.flatMap((file) =>
		file.calls.map((call) => [
			printable(`${file.path}:${call.line}:${call.column}`),
			printable(call.api),
			formatNumber(call.credits),
			call.multiplier === 1 ? '' : `×${formatNumber(call.multiplier)}`,
			formatRange(call.perRun, call.low, call.high),
		]),
	);
	const header = ['location', 'api', 'credits', 'loops', 'per run'];
	const out: string[] = [];
	if (rows.length === 0) {
		out.push('No Zoho CRM calls found.');
	} else {
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
		const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i], i >= 2)).join('  ');
		out.push(paint(1, line(header)));
		for (const row of rows) out.push(line(row));
	}
	if (report.findings.length > 0) {
		out.push('');
		for (const f of report.findings) {
			const label = f.severity === 'error' ? paint(31, 'error') : f.severity === 'warning' ? paint(33, 'warning') : 'info';
			out.push(`${printable(`${f.path}:${f.line}`)}  ${label}  ${printable(f.message)}  [${f.id}]`);
		}
	}
	if (report.skipped.length > 0) {
		out.push('');
		for (const skip of report.skipped) {
			const note = skip.namesZoho ? `  ${paint(33, 'warning')}  the file names Zoho CRM: its calls are missing from the estimate` : '';
			out.push(`${printable(skip.path)}  not analysed: ${printable(skip.reason)}${note}`);
		}
	}
	const b = report.budget;
	out.push('');
	if (report.observed?.length) {
		out.push(paint(1, 'Estimated against observed credits a day'));
		const cells = report.observed.map((o) => [
			printable(`${o.kind === 'api' ? 'API' : 'entry point'} ${o.name}`),
			o.estimatedPerDay === null ? 'not in the code' : formatNumber(o.estimatedPerDay),
			formatNumber(o.observedPerDay),
			formatRatio(o.ratio),
			`${o.days} day${o.days === 1 ? '' : 's'}`,
		]);
		const head = ['', 'estimated', 'observed', 'ratio', 'over'];
		const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
		for (const row of [head, ...cells])
			out.push(
				row
					.map((cell, i) => pad(cell, widths[i], i >= 1 && i <= 3))
					.join('  ')
					.trimEnd(),
			);
		out.push('');
	}
	const { perDayLow, perDayHigh } = report.totals;
	const range =
		perDayLow === perDayHigh
			? ''
			: ` (${formatNumber(perDayLow)}–${formatNumber(perDayHigh)} where prices or loop counts depend on data the code does not show)`;
	out.push(
		`Total: ${perDayLow === perDayHigh ? '' : '≈ '}${formatNumber(report.totals.perDay)}${range} credits a day from ${report.entryPoints.length} entry point${report.entryPoints.length === 1 ? '' : 's'} (1 run a day each unless configured) of ${formatNumber(b.dailyCredits)} ` +
			`(${b.edition}, ${b.users} users${b.addOnCredits ? `, ${b.addOnCredits} add-on credits` : ''}, ${tableName(b.table)}${budgetNote}): ${(report.totals.shareOfDaily * 100).toFixed(2)}%`,
	);
	return out.join('\n');
}

interface Scanned {
	readonly report: JsonReport;
	readonly settings: EffectiveSettings;
	/** Each analysed file with its absolute path. */
	readonly files: readonly { readonly absolute: string; readonly analysis: FileAnalysis }[];
}

/** Progress on stderr while a long scan runs, when a person watches the terminal; nothing otherwise. */
function progressLine(files: number): ((done: number) => void) | undefined {
	if (!process.stderr.isTTY) return undefined;
	// Three passes over the files (scan, link their calls, analyse): progress counts all.
	return (done) => process.stderr.write(`\rzoho-credits: ${Math.round((done / (files * 3)) * 100)}% of ${formatNumber(files)} files`);
}

/**
 * Discovers and analyses the files under `paths` of `root` with the team file `config` (relative to
 * root, or ./zoho-credits.json when present) and the command-line flags over it.
 */
function scanTree(
	root: string,
	paths: readonly string[],
	flags: ExplicitSettings,
	config: string | undefined,
	announceSkips: boolean,
	usageFile?: string,
): Scanned {
	const resolved = resolveSettings([
		{ values: flags, origin: 'command line' },
		{ values: loadConfig(config, root), origin: 'zoho-credits.json' },
	]);
	// The calibration files next to the team file: a broken one stops the scan, as a broken team file does.
	const calibration = readCalibration(dirname(resolve(root, config ?? TEAM_CONFIG_FILE)));
	if (calibration.errors.length > 0) throw new UsageError(calibration.errors.join('\n'));
	const observed = usageFile === undefined ? calibration.observed : readUsage(usageFile);
	const settings = withCalibration(resolved, { orgApis: calibration.orgApis, observed });
	const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(root, p));
	let discovery;
	try {
		discovery = discover(root, targets, { ignore: settings.ignore.value, deluge: settings.deluge.value });
	} catch (error) {
		throw new UsageError(
			`Cannot read ${(error as NodeJS.ErrnoException).path ?? 'path'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
		);
	}
	// A file replaced or grown past the limit since it was found is skipped too, unread.
	const { skipped } = discovery;
	const read = discovery.files.flatMap((file) => {
		const { text, reason } = readSource(file.path);
		if (reason !== undefined) skipped.push({ path: file.path, reason });
		return text === undefined ? [] : [{ file, text }];
	});
	if (announceSkips) for (const skip of skipped) process.stderr.write(`zoho-credits: skipped ${printable(skip.path)}: ${skip.reason}\n`);
	const progress = read.length >= 200 ? progressLine(read.length) : undefined;
	// Only the files that can matter are parsed; the others hold nothing the report could show.
	const sources = sourcesOfTexts(
		read.map(({ file, text }) => ({ path: graphPath(file.path), reportPath: file.relativePath, language: file.language, text })),
		settings,
		{
			scanned: (done) => {
				if (done % 50 === 0) progress?.(done);
			},
		},
	);
	const analyses = new Map<string, FileAnalysis>();
	const steps = new IncrementalReport().steps(sources, budgetOf(settings), {
		skipped: skipped.map((skip) => ({
			path: relative(root, skip.path).split(sep).join('/') || skip.path,
			reason: skip.reason,
			namesZoho: fileNamesZoho(skip.path, root),
		})),
		analysed: (source, analysis) => analyses.set(source.path, analysis),
		failed: (source, error) => process.stderr.write(`zoho-credits: could not analyse ${printable(source.reportPath)}: ${printable(String(error))}\n`),
	});
	let step = steps.next();
	for (; !step.done; step = steps.next()) if (step.value.done % 50 === 0) progress?.(read.length + step.value.done);
	const report = step.value;
	if (progress) process.stderr.write('\r\u001b[K');
	if (settings.observed) report.observed = compareObserved(report, settings.observed);
	const files = read.flatMap(({ file }) => {
		const analysis = analyses.get(graphPath(file.path));
		return analysis ? [{ absolute: file.path, analysis }] : [];
	});
	return { report, settings, files };
}

/** Observed usage given with --usage: read, never stored. */
function readUsage(file: string): ObservedUsage {
	let text: string | undefined;
	try {
		text = readCalibrationInput(file);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (text === undefined) throw new UsageError(`Cannot read --usage ${file}: no such file.`);
	const parsed = parseObservedUsage(text, { fileName: file, importedAt: today() });
	if (!parsed.value) throw new UsageError(`${file} is not usable observed usage:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}`);
	return parsed.value;
}

function calibrateCommand(values: Values, rest: string[]): number {
	if (rest.length > 0) throw new UsageError(`calibrate takes no paths; give the files with --apis and --usage.`);
	if (values.apis === undefined && values.usage === undefined)
		throw new UsageError('calibrate needs --apis <file> (a saved answer of GET /crm/v8/__apis) or --usage <file> (observed credits, CSV or JSON).');
	const cwd = process.cwd();
	const folder = dirname(resolve(cwd, values.config ?? TEAM_CONFIG_FILE));
	for (const [kind, file] of [
		['apis', values.apis],
		['usage', values.usage],
	] as const) {
		if (file === undefined) continue;
		let result;
		try {
			result = importCalibration(kind, resolve(cwd, file), folder);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		process.stdout.write(`Wrote ${printable(relative(cwd, result.written) || result.written)}: ${printable(result.summary)}.\n`);
	}
	return 0;
}

function scanCommand(values: Values, paths: string[], flags: ExplicitSettings): number {
	const format = oneOf('format', values.format, ['table', 'json', 'sarif', 'markdown'] as const, 'table');
	const failOn = oneOf('fail-on', values['fail-on'], ['warning', 'error', 'never'] as const, 'error');
	const { report, settings } = scanTree(process.cwd(), paths, flags, values.config, format !== 'table', values.usage);
	const budgetNote = budgetAssumed(settings) ? `; assumed: set --edition and --users or ${TEAM_CONFIG_FILE}` : '';
	const output =
		format === 'json'
			? JSON.stringify(report, null, 2) + '\n'
			: format === 'sarif'
				? JSON.stringify(reportSarif(report, FINDING_RULES, VERSION, pathToFileURL(process.cwd()).href), null, 2) + '\n'
				: format === 'markdown'
					? reportMarkdown(report, assumptionsInForce(settings, report))
					: table(report, process.stdout.isTTY === true, budgetNote) + '\n';
	process.stdout.write(output);
	return failsOn(report.findings, report.skipped, failOn) ? 1 : 0;
}

function diffCommand(values: Values, paths: string[], flags: ExplicitSettings): number {
	if (values.base === undefined) throw new UsageError('diff needs --base <git ref>, the revision to compare with.');
	const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
	const failOn = oneOf('fail-on', values['fail-on'], ['warning', 'error', 'never'] as const, 'error');
	const maxIncrease = count('max-increase', values['max-increase'], Number.MAX_SAFE_INTEGER);
	const cwd = process.cwd();
	const after = scanTree(cwd, paths, flags, values.config, true).report;
	let base;
	try {
		base = checkoutBase(values.base, cwd);
	} catch (error) {
		if (error instanceof GitError) throw new UsageError(error.message);
		throw error;
	}
	let before;
	try {
		// The base is measured with its own team file, so a change to it (runs per day, the edition) shows too.
		const config = values.config === undefined ? undefined : relative(cwd, resolve(cwd, values.config));
		const baseConfig = config !== undefined && pathExists(resolve(base.root, config)) ? config : undefined;
		// Paths that did not exist yet at the base contribute nothing there.
		const basePaths = paths.filter((p) => pathExists(resolve(base.root, p)));
		const any = pathExists(base.root) && (paths.length === 0 || basePaths.length > 0);
		before = any ? scanTree(base.root, basePaths, flags, baseConfig, false).report : undefined;
	} finally {
		base.dispose();
	}
	const diff = diffReports(
		before ?? {
			...after,
			files: [],
			entryPoints: [],
			findings: [],
			apis: [],
			observed: undefined,
			totals: { perDay: 0, perDayLow: 0, perDayHigh: 0, shareOfDaily: 0 },
		},
		after,
		values.base,
	);
	process.stdout.write(format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : diffMarkdown(diff));
	const grew = maxIncrease !== undefined && diff.totals.change > maxIncrease;
	const failed = failsOn(diff.newFindings, after.skipped, failOn);
	return grew || failed ? 1 : 0;
}

function isWithin(folder: string, path: string): boolean {
	const rel = relative(folder, path);
	return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The nearest folder above a file that holds a team file, a package manifest or a git repository; else the file's own. */
function projectRootOf(path: string): string {
	for (let dir = dirname(path); ;) {
		if ([TEAM_CONFIG_FILE, 'package.json', '.git'].some((name) => pathExists(join(dir, name)))) return dir;
		const parent = dirname(dir);
		if (parent === dir) return dirname(path);
		dir = parent;
	}
}

function explainCommand(values: Values, targets: string[], flags: ExplicitSettings): number {
	const [target, ...extra] = targets;
	const match = target === undefined ? null : /^([^]+):(\d+)$/.exec(target);
	if (!match || extra.length > 0) throw new UsageError('explain takes one <file>:<line>, for example src/sync.ts:42.');
	const [, file, lineText] = match;
	const line = Number(lineText);
	const cwd = process.cwd();
	const absolute = resolve(cwd, file);
	if (!pathExists(absolute)) throw new UsageError(`Cannot read ${printable(file)}: no such file.`);
	// The whole folder is read, so calls of functions in other files are priced as in a scan: the working
	// folder when it holds the file, else the project the file belongs to (`../other/src/sync.ts`, an absolute path).
	const { files } = scanTree(isWithin(cwd, absolute) ? cwd : projectRootOf(absolute), [], flags, values.config, false);
	const found = files.find((f) => f.absolute === absolute);
	if (!found) throw new UsageError(`${printable(file)} is not a file the scan reads (not TypeScript, JavaScript or Deluge, or ignored by the configuration).`);
	const { analysis } = found;
	const onLine = (offset: number) => analysis.lines.lineOf(offset) + 1 === line;
	const sections: string[] = analysis.estimate.calls.filter((c) => onLine(c.call.span.start)).map((call) => hoverMarkdown(analysis, call));
	for (const entry of analysis.entryPoints) if (entry.body && onLine(entry.span.start)) sections.push(entryMarkdown(analysis, entry));
	analysis.facts.loops.forEach((loop, i) => {
		const text = onLine(loop.header.start) ? loopMarkdown(analysis, i) : undefined;
		if (text) sections.push(text);
	});
	if (sections.length === 0) {
		const lines = [...new Set(analysis.estimate.calls.map((c) => analysis.lines.lineOf(c.call.span.start) + 1))];
		throw new UsageError(
			`No Zoho CRM call, entry point or loop around calls on ${printable(file)}:${line}.${lines.length > 0 ? ` Calls are on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}.` : ' The file makes no Zoho CRM calls.'}`,
		);
	}
	// A value's line breaks are spaces in the Markdown already: each line is shown as it is, its control characters escaped.
	const text = sections.map((section) => markdownToText(section).split('\n').map(printable).join('\n'));
	process.stdout.write(`${printable(file)}:${line}\n\n${text.join('\n\n---\n\n')}\n`);
	return 0;
}

const OPTIONS = {
	format: { type: 'string' },
	config: { type: 'string' },
	'budget-table': { type: 'string' },
	edition: { type: 'string' },
	users: { type: 'string' },
	'add-on-credits': { type: 'string' },
	'fail-on': { type: 'string' },
	base: { type: 'string' },
	'max-increase': { type: 'string' },
	apis: { type: 'string' },
	usage: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
	version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>['values'];

const VERSION = process.env.ZOHO_CREDIT_LENS_VERSION ?? '0.1.0';

function run(argv: string[]): number {
	const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
	if (values.help) {
		process.stdout.write(USAGE + '\n');
		return 0;
	}
	if (values.version) {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}
	const [command, ...rest] = positionals;
	const flags: ExplicitSettings = {
		edition: values.edition === undefined ? undefined : oneOf('edition', values.edition, EDITIONS, DEFAULTS.edition),
		users: count('users', values.users, LIMITS.users),
		addOnCredits: count('add-on-credits', values['add-on-credits'], LIMITS.addOnCredits),
		budgetTable: values['budget-table'] === undefined ? undefined : oneOf('budget-table', values['budget-table'], BUDGET_TABLE_IDS, DEFAULTS.budgetTable),
	};
	if (command !== 'diff' && (values.base !== undefined || values['max-increase'] !== undefined))
		throw new UsageError('--base and --max-increase belong to the diff command.');
	if (command !== 'calibrate' && values.apis !== undefined) throw new UsageError('--apis belongs to the calibrate command.');
	if (command !== 'calibrate' && command !== 'scan' && values.usage !== undefined) throw new UsageError('--usage belongs to the calibrate and scan commands.');
	switch (command) {
		case 'scan':
			return scanCommand(values, rest, flags);
		case 'diff':
			return diffCommand(values, rest, flags);
		case 'explain':
			return explainCommand(values, rest, flags);
		case 'calibrate':
			return calibrateCommand(values, rest);
		default:
			throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
	}
}

try {
	process.exitCode = run(process.argv.slice(2));
} catch (error) {
	const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
	// Messages quote paths and values read from files: each line is shown with its control characters escaped.
	const message = (error as Error).message.split('\n').map(printable).join('\n');
	process.stderr.write(`zoho-credits: ${message}\n${usage ? 'Run "zoho-credits --help" for usage.\n' : ''}`);
	process.exitCode = 2;
}
