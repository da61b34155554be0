/** What kind of request a call is, as the checks of calls in loops tell them apart. */
import type { CallEstimate, Heaviest } from '../estimate';

const WRITES = new Set(['Create Records', 'Update Records', 'Upsert Records']);

/** A create, update or upsert of exactly one record (a single-record task, a literal one-element list, an update by id). */
export function isSingleRecordWrite(call: CallEstimate): boolean {
	if (call.call.via === 'wrapper') return false;
	if (call.operation.api === 'Update Record') return true;
	return WRITES.has(call.operation.api) && (call.call.records ?? call.operation.records) === 1;
}

/**
 * A request that costs 5 credits or more a call (Convert Lead, Send Mail, bulk jobs, …), or a COQL query past
 * 200 rows; or a call of a function that makes such a request, however many functions lie between.
 */
export function isHeavy(call: CallEstimate): boolean {
	if (call.call.via === 'wrapper') return heavyOperation(call.wrapper?.heaviest);
	return heavyOperation({ operation: call.operation, credits: call.credits });
}

/** The heavy operation a call reaches: its own, or the dearest one a function it calls makes. */
export function heavyReached(call: CallEstimate): Heaviest | undefined {
	const reached = call.call.via === 'wrapper' ? call.wrapper?.heaviest : { operation: call.operation, credits: call.credits };
	return heavyOperation(reached) ? reached : undefined;
}

function heavyOperation(reached: Heaviest | undefined): boolean {
	const rule = reached?.operation.rule;
	if (rule?.kind === 'fixed') return rule.credits >= 5;
	if (rule?.kind === 'coql-limit') return reached!.credits >= 2;
	return false;
}

/**
 * A create, update or upsert that sends 10 records or more a call: a batch, the way Zoho asks writes to be
 * made (a loop sending `slice(i, i + 100)`), paying each credit in full. Not a call to move out of its loop.
 */
export function isBatchedWrite(call: CallEstimate): boolean {
	if (call.call.via === 'wrapper') return false;
	const records = call.call.records ?? call.operation.records;
	return WRITES.has(call.operation.api) && records !== undefined && records >= 10;
}
