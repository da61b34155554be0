import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assumptionsOf, DEFAULT_SETTINGS } from '../../server/src/core/analysis';
import { FunctionCosts } from '../../server/src/core/estimate';
import { Graph } from '../../server/src/core/graph';
import { scanFile } from '../../server/src/core/scan/scan-file';

// A file of many functions (indexed once, not read through for each function). By hand, for each i:
// - choose{i}: if/else of a Get Record (1) and a Convert Lead (5): the dearest arm, 5 credits a run.
// - nested{i}: a Get Records (1) outside, and a function inside it whose branch is its own (1 or 1): 1 credit.
// - send{i}(url): a POST whose whole URL only the caller gives; run{i} passes a Convert Lead URL: 5 credits.
const COUNT = 30;
function text(): string {
	const lines = ["import axios from 'axios';", "const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });"];
	for (let i = 0; i < COUNT; i++) {
		lines.push(
			`export async function choose${i}(id: string) {`,
			"  if (id) { await zoho.get('/Leads/' + id); } else { await zoho.post('/Leads/' + id + '/actions/convert', {}); }",
			'}',
			`export async function nested${i}() {`,
			"  await zoho.get('/Deals');",
			"  const inner = async (x: string) => { if (x) { return zoho.get('/Leads/1'); } else { return zoho.get('/Leads/2'); } };",
			'  return inner;',
			'}',
			`async function send${i}(url: string) { return fetch(url, { method: 'POST' }); }`,
			`export async function run${i}() { return send${i}('https://www.zohoapis.com/crm/v8/Leads/1/actions/convert'); }`,
		);
	}
	return lines.join('\n');
}

test('in a file of many functions, each is priced from its own branches and its callers’ arguments', () => {
	const path = '/w/many.ts';
	const graph = new Graph(new Map([[path, scanFile(text(), path, 'typescript')]]));
	const costs = new FunctionCosts(graph, assumptionsOf(DEFAULT_SETTINGS));
	for (let i = 0; i < COUNT; i++) {
		const cost = (name: string) => costs.cost({ path, name }).perRun;
		assert.equal(cost(`choose${i}`), 5, `choose${i}`);
		assert.equal(costs.cost({ path, name: `choose${i}` }).branchMaximum, true, `choose${i} took its dearest arm`);
		assert.equal(cost(`nested${i}`), 1, `nested${i}`);
		assert.equal(cost(`run${i}`), 5, `run${i}`);
	}
});
