import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calleeSpan } from '../../server/src/lsp/views/callee-span';

/** The underlined text of the whole text taken as one call. */
function underlined(text: string): string {
	const span = calleeSpan(text, { start: 0, end: text.length });
	return text.slice(span.start, span.end);
}

void describe('the squiggle of a call covers its callee', () => {
	test('a multi-line call, arguments with parentheses in strings, templates and comments', () => {
		assert.equal(underlined('axios.put(\n  `${base}/Deals/${id}`,\n  { data: [deal] },\n)'), 'axios.put');
		assert.equal(underlined("fetch('https://x/crm/v8/Leads/(x', { method: 'POST' /* ) */ })"), 'fetch');
		assert.equal(underlined('http.get(`/Leads/${ids.map((i) => `(${i})`).join(",")}`)'), 'http.get');
		assert.equal(underlined('zoho.crm.getRecords("Leads", p, 200)'), 'zoho.crm.getRecords');
		// The call's own parentheses, not those of a call in its callee.
		assert.equal(underlined("new RecordOperations('Leads').getRecords(params)"), "new RecordOperations('Leads').getRecords");
		assert.equal(underlined('this.client(token).post(url, body)'), 'this.client(token).post');
	});

	test('a call that does not end in its arguments is underlined to the end of its first line', () => {
		assert.equal(underlined('invokeurl\n[\n  url: "https://www.zohoapis.com/crm/v8/Leads"\n  type: GET\n]'), 'invokeurl');
		// An unclosed string inside: the text is not read as a call; its first line stands.
		assert.equal(underlined("fetch('x\n, y)"), "fetch('x");
	});
});
