import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { branchTotal } from '../../server/src/core/estimate/branches';
import { analyze } from './check';

const ROUTE = `export async function route(kind: string) {
  if (kind === 'convert') {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert', { method: 'POST' });
  } else if (kind === 'read') {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/1');
  } else {
    await fetch('https://www.zohoapis.com/crm/v8/Leads', { method: 'POST', body: JSON.stringify({ data: [kind] }) });
  }
  await fetch('https://www.zohoapis.com/crm/v8/Deals');
  return kind === 'x' ? fetch('https://www.zohoapis.com/crm/v8/Leads/2/actions/convert', { method: 'POST' }) : fetch('https://www.zohoapis.com/crm/v8/Leads/2');
}`;

void describe('branches take the maximum', () => {
	test('an if/else if/else chain and a conditional pay for their dearest arm; code outside counts in full', () => {
		// max(Convert Lead 5, Get Record 1, Create Records 1) + Get Records 1 + max(5, 1) = 11, not 5+1+1+1+5+1 = 14.
		const [analysis] = analyzeWorkspace([{ path: '/route.ts', language: 'typescript', text: ROUTE }]);
		assert.equal(analysis.estimate.perRun, 11);
		assert.deepEqual(
			analysis.entryPoints.map((e) => [e.name, e.perRun]),
			[['route', 11]],
		);
	});

	test('nested branches inside an arm, and an if without else (which may run) in Deluge', () => {
		// if/else: max(getRecords 1 + max(convertLead 5, updateRecord 1), searchRecords 1) = 6; the lone if adds 1: 7.
		const analysis = analyze(
			'deluge',
			`if (a)
{
  zoho.crm.getRecords("Leads");
  if (b) { zoho.crm.convertLead(id, Map()); } else { zoho.crm.updateRecord("Leads", id, m); }
}
else
{
  zoho.crm.searchRecords("Leads", "(a:equals:b)");
}
if (c) { zoho.crm.getRecordById("Leads", id); }`,
		);
		assert.equal(analysis.estimate.perRun, 7);
	});

	test('a function with branches, called in a loop, costs its dearest path per iteration', () => {
		const caller = `import { route } from './route';\nexport async function all(kinds: string[]) {\n  for (const k of kinds.slice(0, 3)) await route(k);\n}`;
		const [, callerAnalysis] = analyzeWorkspace([
			{ path: '/route.ts', language: 'typescript', text: ROUTE },
			{ path: '/all.ts', language: 'typescript', text: caller },
		]);
		// 11 per call × 3.
		assert.deepEqual(
			callerAnalysis.entryPoints.map((e) => [e.name, e.perRun]),
			[['all', 33]],
		);
	});
});

void describe('branches nested thousands deep', () => {
	test('a chain of 20,000 arms, each holding the next (as early returns nest), is totalled without recursion', () => {
		const depth = 20_000;
		const end = depth * 10 + 100;
		// Branch i: its "then" arm holds a 1-credit item, its "rest" arm holds branch i + 1; the deepest rest holds 5.
		const branches = Array.from({ length: depth }, (_, i) => ({
			span: { start: i * 10, end },
			arms: [
				{ start: i * 10 + 1, end: i * 10 + 2 },
				{ start: i * 10 + 5, end },
			],
		}));
		const items = [
			...Array.from({ length: depth }, (_, i) => ({ span: { start: i * 10 + 1, end: i * 10 + 2 }, value: 1 })),
			{ span: { start: depth * 10 + 50, end: depth * 10 + 51 }, value: 5 },
		];
		const { total, chose, counted } = branchTotal(items, branches);
		// Every level picks its rest (the 5 below beats the 1 beside it): 5 in all, one item counted.
		assert.equal(total, 5);
		assert.equal(chose, true);
		assert.equal(counted.size, 1);
	});
});
