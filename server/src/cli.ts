/**
 * `zoho-credits`: the Zoho Credit Lens engine in the terminal and in CI.
 * Only the report goes to stdout; errors go to stderr with exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeFile, type AnalysisSettings, DEFAULT_SETTINGS } from './core/analysis';
import { EDITIONS, isEdition, resolveBudget } from './core/budget';
import { formatNumber } from './core/explain';
import { buildReport, type JsonReport } from './core/report';
import { discover } from './workspace/discover';

const USAGE = `Usage: zoho-credits scan [paths...] [options]

Estimates the Zoho CRM API credits spent by TypeScript, JavaScript and Deluge code.

Options:
  --format table|json        report format (default: table)
  --edition <name>           ${EDITIONS.join('|')} (default: ${DEFAULT_SETTINGS.edition})
  --users <n>                user licences (default: ${DEFAULT_SETTINGS.users})
  --add-on-credits <n>       purchased add-on credits per day (default: 0)
  --fail-on warning|error|never
                             exit 1 when a finding has at least this severity (default: error)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input.`;

class UsageError extends Error {}

function count(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not "${value}".`);
	return Number(value);
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

function table(report: JsonReport, color: boolean): string {
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
		`Total: ${formatNumber(report.totals.perDay)} credits a day (1 run a day per file, assumed) of ${formatNumber(b.dailyCredits)} ` +
			`(${b.edition}, ${b.users} users${b.addOnCredits ? `, ${b.addOnCredits} add-on credits` : ''}): ${(report.totals.shareOfDaily * 100).toFixed(2)}%`,
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
	const format = oneOf('format', values.format, ['table', 'json'] as const, 'table');
	const failOn = oneOf('fail-on', values['fail-on'], ['warning', 'error', 'never'] as const, 'error');
	const edition = values.edition ?? DEFAULT_SETTINGS.edition;
	if (!isEdition(edition)) throw new UsageError(`--edition must be one of ${EDITIONS.join(', ')}, not "${edition}".`);
	const settings: AnalysisSettings = {
		...DEFAULT_SETTINGS,
		edition,
		users: count('users', values.users, DEFAULT_SETTINGS.users),
		addOnCredits: count('add-on-credits', values['add-on-credits'], DEFAULT_SETTINGS.addOnCredits),
	};

	const root = process.cwd();
	const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(root, p));
	let discovery;
	try {
		discovery = discover(root, targets);
	} catch (error) {
		throw new UsageError(`Cannot read ${(error as NodeJS.ErrnoException).path ?? 'path'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
	}
	for (const skip of discovery.skipped) process.stderr.write(`zoho-credits: skipped ${skip.path}: ${skip.reason}\n`);
	const inputs = discovery.files.map((file) => ({
		path: file.relativePath,
		analysis: analyzeFile(file.path, file.language, readFileSync(file.path, 'utf8'), settings),
	}));
	const report = buildReport(inputs, resolveBudget(settings));
	process.stdout.write((format === 'json' ? JSON.stringify(report, null, 2) : table(report, process.stdout.isTTY === true)) + '\n');
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
