import type { RestOperationEntry } from './types';

/**
 * Zoho CRM REST operations with their credit cost, as data.
 * Paths are relative to `/crm/v{N}`; `{x}` matches one path segment.
 * The default of 1 credit per call and Convert Lead's 5 credits are stated on Zoho's API limits page.
 */
const LIMITS = 'https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html';
const DOCS = 'https://www.zoho.com/crm/developer/docs/api/v8/';

export const REST_OPERATIONS: readonly RestOperationEntry[] = [
	{ api: 'Convert Lead', method: 'POST', path: '/Leads/{id}/actions/convert', credits: 5, rule: '5 credits per call', source: LIMITS, docs: DOCS + 'convert-lead.html' },
	{ api: 'Get Records', method: 'GET', path: '/{module}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'get-records.html' },
	{ api: 'Get Record', method: 'GET', path: '/{module}/{id}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'get-records.html' },
	{ api: 'Search Records', method: 'GET', path: '/{module}/search', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'search-records.html' },
	{ api: 'Insert Records', method: 'POST', path: '/{module}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'insert-records.html' },
	{ api: 'Update Records', method: 'PUT', path: '/{module}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'update-records.html' },
	{ api: 'Update Record', method: 'PUT', path: '/{module}/{id}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'update-records.html' },
	{ api: 'Upsert Records', method: 'POST', path: '/{module}/upsert', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'upsert-records.html' },
	{ api: 'Delete Records', method: 'DELETE', path: '/{module}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'delete-records.html' },
	{ api: 'Delete Record', method: 'DELETE', path: '/{module}/{id}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'delete-records.html' },
	{ api: 'Get Related Records', method: 'GET', path: '/{module}/{id}/{relation}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'get-related-records.html' },
	{ api: 'Update Related Record', method: 'PUT', path: '/{module}/{id}/{relation}/{related_id}', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'update-related-records.html' },
	{ api: 'Upload Attachment', method: 'POST', path: '/{module}/{id}/Attachments', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'upload-attachment.html' },
	{ api: 'COQL Query', method: 'POST', path: '/coql', credits: 1, rule: '1 credit per call', source: LIMITS, docs: DOCS + 'COQL-Overview.html' },
];
