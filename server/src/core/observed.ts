/**
 * Observed usage set beside the estimate, so a team sees where the model is off. The usage itself is
 * configuration (`config/observed-usage.ts`); this compares it with a report.
 */
import { lookupRest } from './catalog';
import { type ObservedUsage } from './config/observed-usage';
import type { JsonReport, ObservedComparison } from '../../../shared/report';

export * from './config/observed-usage';

/** The API name an observation means: a name as the report writes it (`Convert Lead`), or a request (`POST /crm/v8/Leads/{id}/actions/convert`). */
function apiName(api: string, known: ReadonlySet<string>): string {
	const lower = api.toLowerCase();
	for (const name of known) if (name.toLowerCase() === lower) return name;
	const m = /^(GET|POST|PUT|PATCH|DELETE)\s+(\/\S+)$/i.exec(api);
	return m ? lookupRest(m[1], m[2]).api : api;
}

/**
 * Observed credits a day beside the estimate: each entry point or API averaged over the days it was
 * observed, matched by name (an entry point's name may appear in several files: their days add up).
 */
export function compareObserved(report: JsonReport, usage: ObservedUsage): ObservedComparison[] {
	const groups = new Map<string, { kind: ObservedComparison['kind']; name: string; credits: number; dates: Set<string>; undated: number }>();
	const apis = new Set(report.apis.map((a) => a.api));
	for (const row of usage.rows) {
		const kind = row.entryPoint !== undefined ? 'entry-point' : 'api';
		const name = row.entryPoint ?? apiName(row.api!, apis);
		const key = `${kind}\u0000${name}`;
		const group = groups.get(key) ?? { kind, name, credits: 0, dates: new Set<string>(), undated: 0 };
		group.credits += row.credits;
		if (row.date) group.dates.add(row.date);
		else group.undated++;
		groups.set(key, group);
	}
	const out: ObservedComparison[] = [];
	for (const group of groups.values()) {
		const days = group.dates.size + group.undated;
		const observedPerDay = group.credits / days;
		let estimatedPerDay: number | null = null;
		if (group.kind === 'entry-point') {
			const entries = report.entryPoints.filter((e) => e.name === group.name || e.name.endsWith(`.${group.name}`));
			if (entries.length > 0) estimatedPerDay = entries.reduce((n, e) => n + e.perDay, 0);
		} else {
			const api = report.apis.find((a) => a.api === group.name);
			estimatedPerDay = api ? api.perDay : null;
		}
		out.push({
			kind: group.kind,
			name: group.name,
			observedPerDay,
			days,
			estimatedPerDay,
			ratio: estimatedPerDay ? observedPerDay / estimatedPerDay : null,
		});
	}
	return out.sort((a, b) => b.observedPerDay - a.observedPerDay || a.name.localeCompare(b.name));
}
