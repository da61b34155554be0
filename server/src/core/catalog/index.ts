import { DELUGE_TASKS } from './deluge-tasks';
import { REST_OPERATIONS } from './rest-operations';
import type { DelugeTaskEntry, Operation, RestOperationEntry } from './types';

export type { DelugeTaskEntry, Operation, RestOperationEntry } from './types';

const DEFAULT_SOURCE = 'https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html';
const VERSIONED = /^\/crm\/(v[2-8](?:\.\d+)?)(\/.*)?$/;

function segments(path: string): string[] {
	return path.split('/').filter((s) => s.length > 0);
}

/** First path segments that name an API family, never a module, so `{module}` cannot match them. */
const NOT_MODULES = new Set(['settings', 'org', 'users', 'coql', 'composite', 'bulk', 'files', 'functions', '__apis', '__notification', 'actions', 'features']);

/** Number of literal segments matched, or -1 when the template does not match. */
function matchScore(template: string[], actual: string[]): number {
	if (template.length !== actual.length) return -1;
	let score = 0;
	for (let i = 0; i < template.length; i++) {
		const t = template[i];
		if (t === '{module}' && NOT_MODULES.has(actual[i].toLowerCase())) return -1;
		if (t.startsWith('{')) continue;
		if (t.toLowerCase() !== actual[i].toLowerCase()) return -1;
		score++;
	}
	return score;
}

/**
 * The operation of a REST request to Zoho CRM, by method and path (`/crm/v8/Leads/123/actions/convert`).
 * The most specific template wins; a CRM path the catalog lacks costs the default 1 credit.
 */
export function lookupRest(method: string, path: string): Operation {
	const upper = method.toUpperCase();
	const m = VERSIONED.exec(path);
	const version = m ? m[1] : 'v8';
	const rest = segments(m ? (m[2] ?? '') : path);
	let best: RestOperationEntry | undefined;
	let bestScore = -1;
	for (const entry of REST_OPERATIONS) {
		if (entry.method !== upper) continue;
		const score = matchScore(segments(entry.path), rest);
		if (score > bestScore) {
			best = entry;
			bestScore = score;
		}
	}
	if (best) {
		return {
			api: best.api,
			operation: `${upper} /crm/${version}${best.path}`,
			credits: best.credits,
			rule: best.rule,
			source: best.source,
			docs: best.docs,
			inCatalog: true,
		};
	}
	return {
		api: 'Zoho CRM API',
		operation: `${upper} ${path}`,
		credits: 1,
		rule: '1 credit per call (default; not in catalog)',
		source: DEFAULT_SOURCE,
		docs: DEFAULT_SOURCE,
		inCatalog: false,
	};
}

const TASKS_BY_NAME = new Map<string, DelugeTaskEntry>(DELUGE_TASKS.map((t) => [t.task, t]));

/** The catalog entry of a Deluge task such as `zoho.crm.v8.convertLead`, if known. */
export function lookupDelugeTask(task: string): DelugeTaskEntry | undefined {
	return TASKS_BY_NAME.get(task);
}

/** The operation a Deluge task performs; unknown `zoho.crm.*` tasks cost the default. */
export function delugeTaskOperation(task: string): Operation {
	const entry = lookupDelugeTask(task);
	if (!entry) {
		return {
			api: task,
			operation: task,
			credits: 1,
			rule: '1 credit per call (default; task not in catalog)',
			source: DEFAULT_SOURCE,
			docs: 'https://www.zoho.com/deluge/help/crm-tasks.html',
			inCatalog: false,
		};
	}
	return lookupRest(entry.method, entry.path);
}
