/**
 * The fuzz run: 100,000 generated and mutated inputs by default (`npm run fuzz -- --inputs N --seed S`),
 * through the Deluge parser, the TypeScript scanner and the estimator over small workspaces.
 * Prints JSON: inputs per kind, crashes (with the seed and index that reproduce each), nonsense
 * results, and the slowest input against the 1-second limit.
 */
import fc from 'fast-check';
import { analyzeFile, analyzeWorkspace } from '../../server/src/core/analysis';
import { parse } from '../../server/src/core/scan/deluge/parser';
import { assertSane } from '../unit/fuzz-check';
import { delugeSource, typeScriptSource, workspaceSources } from '../unit/fuzz-inputs';

function argument(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

const inputs = argument('inputs', 100000);
const seed = argument('seed', 20261125);
const CHUNK = 1000;
const LIMIT_MS = 1000;

interface Kind {
	readonly name: string;
	readonly share: number;
	readonly run: (chunkSeed: number, count: number) => { index: number; run: () => void }[];
}

const kinds: Kind[] = [
	{
		name: 'deluge',
		share: 0.4,
		run: (s, n) =>
			fc.sample(delugeSource, { seed: s, numRuns: n }).map((text, index) => ({
				index,
				run: () => {
					parse(text);
					assertSane(analyzeFile('/f.dg', 'deluge', text), text);
				},
			})),
	},
	{
		name: 'typescript',
		share: 0.4,
		run: (s, n) =>
			fc.sample(typeScriptSource, { seed: s, numRuns: n }).map((text, index) => ({
				index,
				run: () => assertSane(analyzeFile(index % 2 ? '/f.js' : '/f.ts', index % 2 ? 'javascript' : 'typescript', text), text),
			})),
	},
	{
		name: 'workspace',
		share: 0.2,
		run: (s, n) =>
			fc.sample(workspaceSources, { seed: s, numRuns: n }).map((files, index) => ({
				index,
				run: () => analyzeWorkspace(files).forEach((a, i) => assertSane(a, files[i].text)),
			})),
	},
];

const result: Record<string, unknown> = { inputs, seed, limitMs: LIMIT_MS };
let total = 0;
const started = performance.now();
for (const kind of kinds) {
	const count = Math.round(inputs * kind.share);
	const failures: { seed: number; index: number; error: string }[] = [];
	let failed = 0;
	let slowest = 0;
	let overLimit = 0;
	for (let done = 0; done < count; done += CHUNK) {
		const chunkSeed = seed + done;
		for (const item of kind.run(chunkSeed, Math.min(CHUNK, count - done))) {
			const start = performance.now();
			try {
				item.run();
			} catch (error) {
				failed++;
				if (failures.length < 10) failures.push({ seed: chunkSeed, index: item.index, error: String(error).slice(0, 300) });
			}
			const ms = performance.now() - start;
			slowest = Math.max(slowest, ms);
			if (ms > LIMIT_MS) overLimit++;
		}
	}
	total += count;
	result[kind.name] = { inputs: count, failures: failed, firstFailures: failures, slowestMs: Math.round(slowest * 10) / 10, overLimit };
}
result.totalInputs = total;
result.seconds = Math.round((performance.now() - started) / 100) / 10;
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
