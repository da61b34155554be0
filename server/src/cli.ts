/**
 * `zoho-credits`: the Zoho Credit Lens engine in the terminal and in CI.
 * Only the report goes to stdout; errors go to stderr with exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeWorkspace, budgetOf } from './core/analysis';
import { assumptionsInForce } from './core/assumptions';
import { BUDGET_TABLE_IDS, EDITIONS } from './core/budget';
import { budgetAssumed, DEFAULTS, type ExplicitSettings, parseTeamConfig, resolveSettings, TEAM_CONFIG_FILE, type TeamConfig } from './core/config';
import { formatNumber } from './core/explain';
import { reportMarkdown } from './core/markdown-report';
import { buildReport, type JsonReport } from './core/report';
import { LineMap } from './core/text';
import { discover } from './workspace/discover';
import { readTeamConfigFile } from './workspace/team-config';

const USAGE = `Usage: zoho-credits scan [paths...] [options]

Estimates the Zoho CRM API credits spent by TypeScript, JavaScript and Deluge code.

Options:
  --format table|json|markdown
                             report format (default: table)
  --config <file>            team configuration (default: ./${TEAM_CONFIG_FILE} when present)
  --edition <name>           ${EDITIONS.join('|')} (default: ${DEFAULTS.edition})
  --users <n>                user licences (default: ${DEFAULTS.users})
  --add-on-credits <n>       purchased add-on credits per day (default: 0)
  --budget-table <table>     ${BUDGET_TABLE_IDS.join('|')}: the source document's edition table or Zoho's newest (default: seed)
  --fail-on warning|error|never
                             exit 1 when a finding has at least this severity (default: error)
  -h, --help                 show this help
  -v, --version              show the version

Options given here win over the configuration file, which wins over the defaults.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage, input or configuration.`;

class UsageError extends Error {}

function count(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not "${value}".`);
	return Number(value);
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

function pad(text: string, width: number, right = false): string {
	return right ? text.padStart(width) : text.padEnd(width);
}

function table(report: JsonReport, color: boolean, budgetNote: string): string {
	const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
	const rows = report.files.flatMap((file) =>
		file.calls.map((call) => [`${file.path}:${call.line}:${call.column}`, call.api, formatNumber(call.credits), call.multiplier === 1 ? '' : `×${formatNumber(call.multiplier)}`, formatNumber(call.perRun)]),
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
			out.push(`${f.path}:${f.line}  ${label}  ${f.message}  [${f.id}]`);
		}
	}
	const b = report.budget;
	out.push('');
	out.push(
		`Total: ${formatNumber(report.totals.perDay)} credits a day from ${report.entryPoints.length} entry point${report.entryPoints.length === 1 ? '' : 's'} (1 run a day each unless configured) of ${formatNumber(b.dailyCredits)} ` +
			`(${b.edition}, ${b.users} users${b.addOnCredits ? `, ${b.addOnCredits} add-on credits` : ''}, ${b.table} table${budgetNote}): ${(report.totals.shareOfDaily * 100).toFixed(2)}%`,
	);
	return out.join('\n');
}

function run(argv: string[]): number {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: true,
		options: {
			format: { type: 'string' },
			config: { type: 'string' },
			'budget-table': { type: 'string' },
			edition: { type: 'string' },
			users: { type: 'string' },
			'add-on-credits': { type: 'string' },
			'fail-on': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' },
		},
	});
	if (values.help) {
		process.stdout.write(USAGE + '\n');
		return 0;
	}
	if (values.version) {
		process.stdout.write(`${process.env.ZOHO_CREDIT_LENS_VERSION ?? '0.1.0'}\n`);
		return 0;
	}
	const [command, ...paths] = positionals;
	if (command !== 'scan') throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
	const format = oneOf('format', values.format, ['table', 'json', 'markdown'] as const, 'table');
	const failOn = oneOf('fail-on', values['fail-on'], ['warning', 'error', 'never'] as const, 'error');
	const flags: ExplicitSettings = {
		edition: values.edition === undefined ? undefined : oneOf('edition', values.edition, EDITIONS, DEFAULTS.edition),
		users: count('users', values.users),
		addOnCredits: count('add-on-credits', values['add-on-credits']),
		budgetTable: values['budget-table'] === undefined ? undefined : oneOf('budget-table', values['budget-table'], BUDGET_TABLE_IDS, DEFAULTS.budgetTable),
	};
	const root = process.cwd();
	const settings = resolveSettings([
		{ values: flags, origin: 'command line' },
		{ values: loadConfig(values.config, root), origin: 'zoho-credits.json' },
	]);

	const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(root, p));
	let discovery;
	try {
		discovery = discover(root, targets, { ignore: settings.ignore.value, deluge: settings.deluge.value });
	} catch (error) {
		throw new UsageError(`Cannot read ${(error as NodeJS.ErrnoException).path ?? 'path'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
	}
	for (const skip of discovery.skipped) process.stderr.write(`zoho-credits: skipped ${skip.path}: ${skip.reason}\n`);
	const sources = discovery.files.map((file) => ({ path: file.path.split(sep).join('/'), language: file.language, text: readFileSync(file.path, 'utf8') }));
	const analyses = analyzeWorkspace(sources, settings);
	const inputs = discovery.files.map((file, i) => ({ path: file.relativePath, analysis: analyses[i] }));
	const report = buildReport(inputs, budgetOf(settings));
	const budgetNote = budgetAssumed(settings) ? `; assumed: set --edition and --users or ${TEAM_CONFIG_FILE}` : '';
	const output =
		format === 'json'
			? JSON.stringify(report, null, 2) + '\n'
			: format === 'markdown'
				? reportMarkdown(report, assumptionsInForce(settings, report))
				: table(report, process.stdout.isTTY === true, budgetNote) + '\n';
	process.stdout.write(output);
	if (failOn === 'never') return 0;
	return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

try {
	process.exitCode = run(process.argv.slice(2));
} catch (error) {
	const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
	process.stderr.write(`zoho-credits: ${(error as Error).message}\n${usage ? 'Run "zoho-credits --help" for usage.\n' : ''}`);
	process.exitCode = 2;
}
