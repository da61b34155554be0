import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { FindingRule, Severity } from './findings/types';
import type { JsonReport } from '../../../shared/report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** A rule's `name`: its id in PascalCase, as SARIF viewers show it. */
function ruleName(id: string): string {
	return id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * The findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers: one run,
 * every check as a rule, every finding as a result at its file and line (relative to the scan
 * root, `%SRCROOT%`), with the loops and calls behind it as related locations. The run's
 * properties carry the daily total, so the log alone tells the budget.
 */
export function reportSarif(report: JsonReport, rules: readonly FindingRule[], version: string, rootUri?: string): Log {
	const index = new Map(rules.map((r, i) => [r.id, i] as const));
	const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
		id: rule.id,
		name: ruleName(rule.id),
		shortDescription: { text: rule.description },
		defaultConfiguration: { level: LEVEL[rule.severity] },
	}));
	const location = (path: string, line: number, column?: number) => ({
		physicalLocation: {
			artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' },
			region: { startLine: Math.max(1, line), ...(column ? { startColumn: column } : {}) },
		},
	});
	const results: Result[] = report.findings.map((f) => ({
		ruleId: f.id,
		...(index.has(f.id) ? { ruleIndex: index.get(f.id) } : {}),
		level: LEVEL[f.severity],
		message: { text: f.message },
		locations: [location(f.path, f.line, f.column)],
		// The same identity `diff` matches findings by: code scanning follows a result across commits with it.
		partialFingerprints: { 'zohoCreditLens/v1': f.fingerprint },
		...(f.related.length > 0 ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.path, r.line), message: { text: r.message } })) } : {}),
		...(f.docs ? { properties: { docs: f.docs } } : {}),
	}));
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: { driver: { name: 'Zoho Credit Lens', version, semanticVersion: version, rules: descriptors } },
				...(rootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } } } : {}),
				results,
				// Files the analysis could not read: a warning when the file names Zoho CRM (calls may be missing).
				invocations: [
					{
						executionSuccessful: true,
						toolExecutionNotifications: report.skipped.map((skip) => ({
							level: skip.namesZoho ? ('warning' as const) : ('note' as const),
							message: { text: `Not analysed: ${skip.reason}.${skip.namesZoho ? ' The file names Zoho CRM: its calls are missing from the estimate.' : ''}` },
							locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(skip.path), uriBaseId: '%SRCROOT%' } } }],
						})),
					},
				],
				properties: {
					budget: report.budget,
					creditsPerDay: report.totals.perDay,
					shareOfDaily: report.totals.shareOfDaily,
				},
			},
		],
	};
}
