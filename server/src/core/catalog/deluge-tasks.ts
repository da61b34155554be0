import type { DelugeTaskEntry } from './types';

/**
 * Deluge `zoho.crm.*` integration tasks and the REST request each one makes.
 * `zoho.crm.<task>` uses API v2 and `zoho.crm.v8.<task>` uses v8; both twins are derived from one row.
 */
const TASKS: readonly { task: string; method: string; path: string }[] = [
	{ task: 'getRecords', method: 'GET', path: '/{module}' },
	{ task: 'getRecordById', method: 'GET', path: '/{module}/{id}' },
	{ task: 'searchRecords', method: 'GET', path: '/{module}/search' },
	{ task: 'createRecord', method: 'POST', path: '/{module}' },
	{ task: 'updateRecord', method: 'PUT', path: '/{module}/{id}' },
	{ task: 'upsert', method: 'POST', path: '/{module}/upsert' },
	{ task: 'bulkCreate', method: 'POST', path: '/{module}' },
	{ task: 'bulkUpdate', method: 'PUT', path: '/{module}' },
	{ task: 'getRelatedRecords', method: 'GET', path: '/{module}/{id}/{relation}' },
	{ task: 'updateRelatedRecord', method: 'PUT', path: '/{module}/{id}/{relation}/{related_id}' },
	{ task: 'convertLead', method: 'POST', path: '/Leads/{id}/actions/convert' },
	{ task: 'attachFile', method: 'POST', path: '/{module}/{id}/Attachments' },
];

export const DELUGE_TASKS: readonly DelugeTaskEntry[] = TASKS.flatMap(({ task, method, path }) => [
	{ task: `zoho.crm.${task}`, method, path: `/crm/v2${path}` },
	{ task: `zoho.crm.v8.${task}`, method, path: `/crm/v8${path}` },
]);
