import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { type FileAnalysis } from '../../server/src/core/analysis';
import { analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { resolveSettings } from '../../server/src/core/config';
import { LineMap } from '../../server/src/core/text';
import { codeActions } from '../../server/src/lsp/views/code-actions';
import { diagnostics } from '../../server/src/lsp/views/diagnostics';
import type { TeamFile } from '../../server/src/lsp/views/entry-point-config';

const URI = 'file:///w/jobs.ts';
const JOBS = `// zoho-credits: runs-per-day=24
export async function hourly(ids: string[]) {
  for (const id of ids) {
    await fetch('https://www.zohoapis.com/crm/v8/Leads/' + id + '/actions/convert', { method: 'POST' });
  }
}
export async function nightly(ids: string[]) {
  for (const id of ids) await fetch('https://www.zohoapis.com/crm/v8/Deals/' + id);
}
`;

function analyse(text: string): FileAnalysis {
	const [analysis] = analyzeWorkspace(
		[{ path: '/w/jobs.ts', language: 'typescript', text }],
		resolveSettings([{ values: { edition: 'professional', users: 10 }, origin: 'settings' }]),
	);
	return analysis;
}

function actionsOn(text: string, line: number, extra: Diagnostic[] = []): CodeAction[] {
	const analysis = analyse(text);
	const onLine = diagnostics(analysis, URI, true).filter((d) => d.range.start.line <= line && line <= d.range.end.line);
	return codeActions(analysis, URI, { start: { line, character: 0 }, end: { line, character: 0 } }, [...onLine, ...extra]);
}

function apply(text: string, action: CodeAction | undefined): string {
	assert.ok(action?.edit?.changes?.[URI], 'the action edits the document');
	const lines = new LineMap(text);
	const offset = (p: { line: number; character: number }) => lines.lineStart(p.line) + p.character;
	const edits = [...(action.edit.changes[URI] as TextEdit[])].sort((a, b) => offset(b.range.start) - offset(a.range.start));
	let out = text;
	for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
	return out;
}

void describe('code actions', () => {
	test('on a Convert Lead in a loop of assumed length: ignore here, ignore the file, state the count, open the docs', () => {
		const actions = actionsOn(JOBS, 3);
		assert.deepEqual(
			actions.map((a) => a.title),
			[
				'Ignore heavy-call-in-loop on this line',
				'Ignore Zoho Credit Lens findings in this file',
				'State how many times the loop at line 3 runs (now assumed 10)',
				"Open Zoho's documentation of Convert Lead",
			],
		);
		// The server opens the page (window/showDocument), so this works in any editor.
		assert.deepEqual(actions[3].command, {
			title: "Open Zoho's documentation of Convert Lead",
			command: 'zohoCredits.server.openDocumentation',
			arguments: ['https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html'],
		});
		assert.equal(actions[3].edit, undefined);
	});

	test('stating the count inserts the annotation above the loop, and the next analysis reads it', () => {
		const action = actionsOn(JOBS, 3).find((a) => a.title.startsWith('State how many times the loop'));
		const edited = apply(JOBS, action);
		assert.equal(edited.split('\n')[2], '  // zoho-credits: iterations=10');
		const call = analyse(edited).estimate.calls[0];
		// Convert Lead 5 × 10 stated = 50, no longer assumed.
		assert.deepEqual([call.loops[0].source, call.perRun, call.assumed], ['annotation', 50, false]);
	});

	test('ignoring on this line removes the finding from the next analysis; the other one stays', () => {
		const edited = apply(
			JOBS,
			actionsOn(JOBS, 3).find((a) => a.title === 'Ignore heavy-call-in-loop on this line'),
		);
		assert.equal(edited.split('\n')[3], '    // zoho-credits: ignore');
		assert.deepEqual(
			analyse(edited).findings.map((f) => f.id),
			['call-in-loop'],
		);
		const whole = apply(
			JOBS,
			actionsOn(JOBS, 3).find((a) => a.title === 'Ignore Zoho Credit Lens findings in this file'),
		);
		assert.equal(whole.split('\n')[0], '// zoho-credits: ignore-file');
		assert.deepEqual(analyse(whole).findings, []);
	});

	test('an entry point with assumed runs per day gets the annotation; one with stated runs does not', () => {
		const titles = actionsOn(JOBS, 6).map((a) => a.title);
		assert.ok(titles.includes('State how many times a day nightly() runs (now assumed 1)'), titles.join('\n'));
		assert.ok(!actionsOn(JOBS, 1).some((a) => a.title.includes('hourly()')));
		const edited = apply(
			JOBS,
			actionsOn(JOBS, 6).find((a) => a.title.includes('nightly()')),
		);
		const nightly = analyse(edited).entryPoints.find((e) => e.name === 'nightly')!;
		assert.deepEqual([nightly.runsPerDay, nightly.runsSource], [1, 'annotation']);
	});

	test('an annotation already above the line is extended, so it stays next to its declaration', () => {
		const finding: Diagnostic = {
			range: { start: { line: 1, character: 22 }, end: { line: 1, character: 28 } },
			source: 'Zoho Credit Lens',
			code: 'daily-budget-risk',
			message: '',
		};
		const edited = apply(
			JOBS,
			actionsOn(JOBS, 1, [finding]).find((a) => a.title === 'Ignore daily-budget-risk on this line'),
		);
		assert.equal(edited.split('\n')[0], '// zoho-credits: runs-per-day=24 ignore');
		const hourly = analyse(edited).entryPoints.find((e) => e.name === 'hourly')!;
		assert.deepEqual([hourly.runsPerDay, hourly.runsSource], [24, 'annotation']);
	});

	test('no actions for other sources, or on lines without calls', () => {
		const foreign: Diagnostic = { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } }, source: 'ts', code: 2304, message: 'x' };
		const analysis = analyse(JOBS);
		assert.deepEqual(
			codeActions(analysis, URI, foreign.range, [foreign]).map((a) => a.title),
			['State how many times the loop at line 3 runs (now assumed 10)', "Open Zoho's documentation of Convert Lead"],
		);
		assert.deepEqual(actionsOn(JOBS, 5), []);
	});

	const TEAM_URI = 'file:///w/zoho-credits.json';
	const team = (text: string, exists = true, canCreate = true): TeamFile => ({ uri: TEAM_URI, text, exists, relativePath: 'jobs.ts', canCreate });
	const addTitle = 'Add nightly() to zoho-credits.json as an entry point (1 run a day: set the real count there)';
	const onNightly = (file: TeamFile) => {
		const analysis = analyse(JOBS);
		return codeActions(analysis, URI, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, [], file).find((a) => a.title === addTitle);
	};
	const applyTo = (text: string, action: CodeAction | undefined): string => {
		const edits = action?.edit?.changes?.[TEAM_URI] as TextEdit[] | undefined;
		assert.ok(edits, 'the action edits zoho-credits.json');
		const lines = new LineMap(text);
		const offset = (p: { line: number; character: number }) => lines.lineStart(p.line) + p.character;
		let out = text;
		for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
			out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
		return out;
	};

	test('an entry point with assumed runs is added to zoho-credits.json, after the entries already there', () => {
		const text = '{\n\t"edition": "enterprise",\n\t"entryPoints": [{ "function": "hourly", "runsPerDay": 24 }]\n}\n';
		const edited = applyTo(text, onNightly(team(text)));
		assert.deepEqual(JSON.parse(edited), {
			edition: 'enterprise',
			entryPoints: [
				{ function: 'hourly', runsPerDay: 24 },
				{ function: 'nightly', runsPerDay: 1 },
			],
		});
		// The rest of the file is as it was written (the list itself is laid out anew, one entry a line).
		assert.ok(edited.startsWith('{\n\t"edition": "enterprise",\n\t"entryPoints": [\n'), edited);
		// A file without entryPoints gets the list.
		assert.deepEqual(JSON.parse(applyTo('{ "users": 5 }', onNightly(team('{ "users": 5 }')))), {
			users: 5,
			entryPoints: [{ function: 'nightly', runsPerDay: 1 }],
		});
	});

	test('without zoho-credits.json the action creates it, where the editor can create files', () => {
		const action = onNightly(team('', false));
		assert.deepEqual(action?.edit?.documentChanges?.[0], { kind: 'create', uri: TEAM_URI, options: { ignoreIfExists: true } });
		const content = (action!.edit!.documentChanges![1] as { edits: TextEdit[] }).edits[0].newText;
		assert.deepEqual(JSON.parse(content), { entryPoints: [{ function: 'nightly', runsPerDay: 1 }] });
		assert.equal(onNightly(team('', false, false)), undefined);
	});

	test('no addition when entryPoints is not a list, or the runs are stated already', () => {
		assert.equal(onNightly(team('{ "entryPoints": 3 }')), undefined);
		const analysis = analyse(JOBS);
		const onHourly = codeActions(analysis, URI, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, [], team('{}'));
		assert.ok(!onHourly.some((a) => a.title.includes('zoho-credits.json')));
	});

	test('code at the top level of a file is added by file', () => {
		const text = `await fetch('https://www.zohoapis.com/crm/v8/Leads');\n`;
		const [analysis] = analyzeWorkspace([{ path: '/w/jobs.ts', language: 'typescript', text }]);
		const action = codeActions(analysis, URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], team('{}')).find((a) =>
			a.title.includes('zoho-credits.json'),
		);
		assert.equal(action?.title, 'Add the top level of jobs.ts to zoho-credits.json as an entry point (1 run a day: set the real count there)');
		assert.deepEqual(JSON.parse(applyTo('{}', action)), { entryPoints: [{ file: 'jobs.ts', runsPerDay: 1 }] });
	});
});
