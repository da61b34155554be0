import type { FileAnalysis } from './analysis';
import type { Budget } from './budget';
import { assumptionLines, entryExplanation } from './explain';
import { TOP_LEVEL } from './estimate/entries';
import { NESTING_LIMIT, NESTING_LIMIT_REASON, PARSER_TRAP, TOO_DEEPLY_NESTED, TOO_DEEPLY_NESTED_REASON } from './facts';
import { ownerOf } from './graph';
import type { JsonReport, SkippedEntry } from '../../../shared/report';

export interface ReportInput {
	/** Path of the file relative to the scan root, `/`-separated. */
	readonly path: string;
	readonly analysis: FileAnalysis;
}

/** Where an offset of a file (by analysis path) is in the report: its report path and 1-based line. */
export type Locate = (path: string, offset: number) => { path: string; line: number };

/** One file's share of the report: its calls, the entry points it declares, its findings. */
export interface FileReport {
	readonly file: JsonReport['files'][number];
	readonly entryPoints: JsonReport['entryPoints'];
	readonly findings: JsonReport['findings'];
	/** Credits a day by API over the file's entry points. */
	readonly apis: Readonly<Record<string, number>>;
	/** Set when the file could not be read (nested too deeply): it is listed as skipped. */
	readonly skipped?: SkippedEntry;
}

/** One file's part of the report; `where` places the steps of chains that lead into other files. */
export function reportFile({ path, analysis }: ReportInput, budget: Budget, where: Locate): FileReport {
	const { lines } = analysis;
	const lineOf = (offset: number) => lines.lineOf(offset) + 1;
	const file: JsonReport['files'][number] = {
		path,
		language: analysis.language,
		calls: analysis.estimate.calls.map((call) => {
			const start = lines.position(call.call.span.start);
			const end = lines.position(call.call.span.end);
			return {
				line: start.line + 1,
				column: start.character + 1,
				endLine: end.line + 1,
				endColumn: end.character + 1,
				api: call.operation.api,
				operation: call.operation.operation,
				via: call.call.via,
				credits: call.credits,
				multiplier: call.multiplier,
				inLoop: call.loops.length > 0,
				assumed: assumptionLines(call, lines),
				perRun: call.perRun,
				low: call.low,
				high: call.high,
				chain: (call.wrapper?.chain ?? []).map((step) => ({ ...where(step.path, step.span.start), what: step.what })),
			};
		}),
		...(analysis.executions.length > 0
			? {
					executions: analysis.executions.map((e) => {
						const limits = analysis.settings.delugeLimits.value;
						return {
							...(e.name !== undefined ? { name: e.name } : {}),
							line: lineOf(e.span.start),
							statements: { ...e.statements, limit: limits.statements },
							...(e.nesting ? { nestedCalls: { ...e.nesting, limit: limits.nestedCalls } } : {}),
						};
					}),
				}
			: {}),
	};
	const entryPoints = analysis.entryPoints.map((entry) => ({
		name: entry.name === TOP_LEVEL ? `${path} (top level)` : entry.name,
		path,
		line: entry.name === TOP_LEVEL ? 1 : lineOf(entry.span.start),
		perRun: entry.perRun,
		runsPerDay: entry.runsPerDay,
		runsSource: entry.runsSource,
		perDay: entry.perDay,
		low: entry.low,
		high: entry.high,
		perDayLow: entry.perDayLow,
		perDayHigh: entry.perDayHigh,
		shareOfDaily: entry.shareOfDaily,
		assumed: entry.assumed,
		explanation: entryExplanation(entry, lines, budget),
	}));
	const apis: Record<string, number> = {};
	for (const entry of analysis.entryPoints) for (const api in entry.apisPerDay) apis[api] = (apis[api] ?? 0) + entry.apisPerDay[api];
	const fingerprints = findingFingerprints(analysis, path);
	const findings = analysis.findings.map((finding, i) => {
		const at = lines.position(finding.span.start);
		return {
			id: finding.id,
			severity: finding.severity,
			path,
			line: at.line + 1,
			column: at.character + 1,
			message: finding.message,
			...(finding.docs ? { docs: finding.docs } : {}),
			related: finding.related.map((r) =>
				r.path === undefined ? { path, line: lineOf(r.span.start), message: r.message } : { ...where(r.path, r.span.start), message: r.message },
			),
			fingerprint: fingerprints[i],
		};
	});
	// A file nested past what the scanners follow: left out whole, or read only down to the limit.
	const unreadable = analysis.facts.errors.find((e) => e.code === TOO_DEEPLY_NESTED || e.code === NESTING_LIMIT || e.code === PARSER_TRAP);
	const reason = unreadable?.reason ?? (unreadable?.code === TOO_DEEPLY_NESTED ? TOO_DEEPLY_NESTED_REASON : NESTING_LIMIT_REASON);
	const skipped = unreadable ? { path, reason, namesZoho: unreadable.namesZoho === true } : undefined;
	return { file, entryPoints, findings, apis, ...(skipped ? { skipped } : {}) };
}

/** The report of the files' parts, in the order given: entry points sorted by credits a day, the total. */
/**
 * Each finding's fingerprint: its check, the file, the function it is in, what it is about (the call's
 * operation, else the entry point at its place) and how many such findings of the function come before it.
 */
function findingFingerprints(analysis: FileAnalysis, path: string): string[] {
	const functions = analysis.facts.functions ?? [];
	const operations = new Map(analysis.estimate.calls.map((c) => [`${c.call.span.start}:${c.call.span.end}`, c.operation.api] as const));
	const entries = new Map(analysis.entryPoints.map((e) => [e.span.start, e.name] as const));
	const bases = analysis.findings.map((f) => {
		const subject = operations.get(`${f.span.start}:${f.span.end}`) ?? entries.get(f.span.start) ?? '';
		return [f.id, path, ownerOf(functions, f.span)?.name ?? '', subject].join('\u0000');
	});
	const order = analysis.findings.map((_, i) => i).sort((a, b) => analysis.findings[a].span.start - analysis.findings[b].span.start || a - b);
	const seen = new Map<string, number>();
	const out: string[] = [];
	for (const i of order) {
		const n = seen.get(bases[i]) ?? 0;
		seen.set(bases[i], n + 1);
		out[i] = hash(`${bases[i]}\u0000${n}`);
	}
	return out;
}

/** Two FNV-1a hashes of a text, 16 hex digits: a fingerprint, not a secret. */
export function hash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function assembleReport(parts: readonly FileReport[], budget: Budget, skipped: readonly SkippedEntry[] = []): JsonReport {
	const entryPoints = parts.flatMap((p) => p.entryPoints);
	const perDay = entryPoints.reduce((sum, e) => sum + e.perDay, 0);
	const perDayLow = entryPoints.reduce((sum, e) => sum + e.perDayLow, 0);
	const perDayHigh = entryPoints.reduce((sum, e) => sum + e.perDayHigh, 0);
	const byApi = new Map<string, number>();
	for (const part of parts) for (const api in part.apis) byApi.set(api, (byApi.get(api) ?? 0) + part.apis[api]);
	const apis = [...byApi]
		.map(([api, n]) => ({ api, perDay: n }))
		.filter((a) => a.perDay > 0)
		.sort((a, b) => b.perDay - a.perDay || a.api.localeCompare(b.api));
	entryPoints.sort((a, b) => b.perDay - a.perDay || a.path.localeCompare(b.path));
	return {
		version: 1,
		budget: {
			edition: budget.edition,
			users: budget.users,
			addOnCredits: budget.addOnCredits,
			table: budget.table,
			dailyCredits: budget.dailyCredits,
			concurrency: budget.concurrency,
		},
		files: parts.map((p) => p.file),
		entryPoints,
		// By file and place, whatever order the files were read in: a report that reads the same every run.
		findings: parts.flatMap((p) => p.findings).sort((a, b) => compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.id, b.id)),
		apis,
		skipped: [...skipped, ...parts.flatMap((p) => (p.skipped ? [p.skipped] : []))].sort((a, b) => a.path.localeCompare(b.path)),
		totals: { perDay, perDayLow, perDayHigh, shareOfDaily: perDay / budget.dailyCredits },
	};
}

/**
 * Builds the JSON report: every call, the entry points (configured, annotated, or the code nothing
 * else calls, run once a day unless told otherwise), the findings, and the total per day.
 */
export function buildReport(inputs: readonly ReportInput[], budget: Budget, skipped: readonly SkippedEntry[] = []): JsonReport {
	// Chains point into other files: their report paths and lines by analysis path.
	const byPath = new Map(inputs.map((i) => [i.analysis.path, i] as const));
	const where: Locate = (path, offset) => {
		const input = byPath.get(path);
		return { path: input?.path ?? path, line: input ? input.analysis.lines.lineOf(offset) + 1 : 0 };
	};
	return assembleReport(
		inputs.map((input) => reportFile(input, budget, where)),
		budget,
		skipped,
	);
}
