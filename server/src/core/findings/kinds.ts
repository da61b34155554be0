/** What kind of request a call is, as the checks of calls in loops tell them apart. */
import type { CallEstimate } from '../estimate';

const WRITES = new Set(['Create Records', 'Update Records', 'Upsert Records']);

/** A create, update or upsert of exactly one record (a single-record task, a literal one-element list, an update by id). */
export function isSingleRecordWrite(call: CallEstimate): boolean {
	if (call.call.via === 'wrapper') return false;
	if (call.operation.api === 'Update Record') return true;
	return WRITES.has(call.operation.api) && (call.call.records ?? call.operation.records) === 1;
}

/** A request that costs 5 credits or more a call (Convert Lead, Send Mail, bulk jobs, …), or a COQL query past 200 rows. */
export function isHeavy(call: CallEstimate): boolean {
	if (call.call.via === 'wrapper') return false;
	const rule = call.operation.rule;
	if (rule.kind === 'fixed') return rule.credits >= 5;
	if (rule.kind === 'coql-limit') return call.credits >= 2;
	return false;
}
