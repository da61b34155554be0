import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JsonReport } from '../../shared/report';
import { diffMarkdown, diffReports } from '../../server/src/core/report-diff';
import { markdownSyntax } from './markdown-syntax';

/** Findings as [check, file, message], or with a fingerprint of their own (else one made of the three). */
function report(entries: [string, string, number][], findings: ([string, string, string] | [string, string, string, string])[] = []): JsonReport {
	const perDay = entries.reduce((n, [, , d]) => n + d, 0);
	return {
		version: 1,
		budget: { edition: 'professional', users: 10, addOnCredits: 0, table: 'seed', dailyCredits: 15000, concurrency: 15 },
		files: [],
		entryPoints: entries.map(([name, path, d]) => ({
			name,
			path,
			line: 1,
			perRun: d,
			runsPerDay: 1,
			runsSource: 'default',
			perDay: d,
			low: d,
			high: d,
			perDayLow: d,
			perDayHigh: d,
			shareOfDaily: d / 15000,
			assumed: true,
			explanation: [],
		})),
		findings: findings.map(([id, path, message, fingerprint]) => ({
			id,
			severity: 'warning',
			path,
			line: 1,
			column: 1,
			message,
			related: [],
			fingerprint: fingerprint ?? `${id}:${path}:${message}`,
		})),
		apis: [],
		skipped: [],
		totals: { perDay, perDayLow: perDay, perDayHigh: perDay, shareOfDaily: perDay / 15000 },
	};
}

void describe('report diff', () => {
	test('entry points gone, new and changed; unchanged ones left out; the largest change first', () => {
		const before = report([
			['a', 'a.ts', 100],
			['b', 'b.ts', 50],
			['same', 's.ts', 7],
		]);
		const after = report([
			['b', 'b.ts', 60],
			['c', 'c.ts', 5],
			['same', 's.ts', 7],
		]);
		const diff = diffReports(before, after, 'main');
		assert.deepEqual(
			diff.entryPoints.map((e) => [e.name, e.before, e.after, e.change]),
			[
				['a', 100, null, -100],
				['b', 50, 60, 10],
				['c', null, 5, 5],
			],
		);
		// 157 → 72: −85.
		assert.deepEqual([diff.totals.before, diff.totals.after, diff.totals.change], [157, 72, -85]);
		const text = diffMarkdown(diff);
		assert.ok(text.startsWith('## Zoho CRM credits: −85 a day\n'), text);
		assert.ok(text.includes('| a (gone) | a.ts:1 | 100 |  | −100 |'), text);
	});

	test('findings match by fingerprint, not by message: a stated loop count rewords a finding without making it new', () => {
		const before = report([], [['call-in-loop', 'a.ts', 'Get Records runs inside a loop: 1 credit ×10 (assumed) = 10 credits per run.', 'f1']]);
		const after = report([], [['call-in-loop', 'a.ts', 'Get Records runs inside a loop: 1 credit ×10 = 10 credits per run.', 'f1']]);
		const diff = diffReports(before, after, 'main');
		assert.deepEqual([diff.newFindings, diff.resolvedFindings], [[], []]);
	});

	test('findings match by fingerprint, counting repeats', () => {
		const f: [string, string, string] = ['call-in-loop', 'a.ts', 'Get Records runs inside a loop.'];
		const diff = diffReports(report([], [f, f]), report([], [f, f, f, ['write-in-loop', 'a.ts', 'x']]), 'main');
		assert.deepEqual(
			diff.newFindings.map((x) => x.id),
			['call-in-loop', 'write-in-loop'],
		);
		assert.deepEqual(diff.resolvedFindings, []);
		assert.equal(
			diffMarkdown(diffReports(report([]), report([]), 'v1')),
			'## Zoho CRM credits: no change\n\n0 → 0 credits a day of 15,000 (0% → 0%), against `v1`.\n\nNo entry point changed its credits a day.\n',
		);
	});

	test('a file name cannot forge a heading or hide the rest of the comment', () => {
		const forged = 'a.ts`\n\n## Zoho CRM credits: no change\n\n<!-- \n.ts';
		const diff = diffReports(report([]), report([[`${forged} (top level)`, forged, 5]], [['call-in-loop', forged, 'Get Records runs inside a loop.']]), 'main');
		const text = diffMarkdown(diff);
		// Line breaks in the name become spaces; the backtick and "<" are escaped in the table, and the
		// finding's place is code fenced by two backticks, longer than the one inside. 5 of 15,000 is 0.03%.
		assert.equal(
			text,
			[
				'## Zoho CRM credits: +5 a day',
				'',
				'0 → 5 credits a day of 15,000 (0% → 0.03%), against `main`.',
				'',
				'| Entry point | Where | Before | After | Change |',
				'| --- | --- | ---: | ---: | ---: |',
				'| a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts (top level) (new) | a.ts\\`  ## Zoho CRM credits: no change  \\<!--  .ts:1 |  | 5 | +5 |',
				'',
				'### New findings (1)',
				'',
				'- **warning** ``a.ts`  ## Zoho CRM credits: no change  <!--  .ts:1`` Get Records runs inside a loop. (call-in-loop)',
				'',
			].join('\n'),
		);
		assert.deepEqual(
			text.split('\n').filter((line) => line.startsWith('## ')),
			['## Zoho CRM credits: +5 a day'],
		);
		assert.ok(!markdownSyntax(text).includes('<!--'), text);
	});
});
