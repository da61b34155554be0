/**
 * The fuzz run: 100,000 generated and mutated inputs per language by default (Deluge, TypeScript,
 * JavaScript; a fifth as many small workspaces), one input in ten hostile (a stretch repeated
 * thousands of times, brackets nested thousands deep). Part of `npm run bench`; on its own,
 * `npm run fuzz -- --inputs N --seed S`. Prints JSON: inputs per kind, crashes (with the seed and
 * index that reproduce each), and the slowest input against the 1-second limit.
 */
import fc from 'fast-check';
import ts from 'typescript';
import { analyzeFile, analyzeWorkspace } from '../../server/src/core/analyze-texts';
import { parse } from '../../server/src/core/scan/deluge/parser';
import { assertSane } from '../unit/fuzz-check';
import { hostileDelugeSource, hostileTypeScriptSource, workspaceSources } from '../unit/fuzz-inputs';

const CHUNK = 1000;
const LIMIT_MS = 1000;

interface Item {
	readonly index: number;
	/** The input's size in characters (all files of a workspace). */
	readonly length: number;
	readonly run: () => void;
	/** TypeScript's own parse of the input, for TS/JS: how much of a slow input is the parser's. */
	readonly parseOnly?: () => void;
}

interface Kind {
	readonly name: string;
	/** Inputs of this kind for every `perLanguage` inputs. */
	readonly share: number;
	readonly sample: (chunkSeed: number, count: number) => Item[];
}

const KINDS: readonly Kind[] = [
	{
		name: 'deluge',
		share: 1,
		sample: (s, n) =>
			fc.sample(hostileDelugeSource, { seed: s, numRuns: n }).map((text, index) => ({
				index,
				length: text.length,
				run: () => {
					parse(text);
					assertSane(analyzeFile('/f.dg', 'deluge', text), text);
				},
			})),
	},
	...(['typescript', 'javascript'] as const).map((language) => ({
		name: language,
		share: 1,
		sample: (s: number, n: number) =>
			fc.sample(hostileTypeScriptSource, { seed: s, numRuns: n }).map((text, index) => ({
				index,
				length: text.length,
				run: () => assertSane(analyzeFile(language === 'typescript' ? '/f.ts' : '/f.js', language, text), text),
				parseOnly: () => ts.createSourceFile(language === 'typescript' ? 'f.ts' : 'f.js', text, ts.ScriptTarget.Latest, false),
			})),
	})),
	{
		name: 'workspace',
		share: 0.2,
		sample: (s, n) =>
			fc.sample(workspaceSources, { seed: s, numRuns: n }).map((files, index) => ({
				index,
				length: files.reduce((sum, f) => sum + f.text.length, 0),
				run: () => analyzeWorkspace(files).forEach((a, i) => assertSane(a, files[i].text)),
			})),
	},
];

export interface FuzzKindResult {
	inputs: number;
	failures: number;
	firstFailures: { seed: number; index: number; error: string }[];
	/** The slowest input: its time, size, the chunk seed and index that generate it again, and TypeScript's parse of it alone. */
	slowest: { ms: number; characters: number; seed: number; index: number; typescriptParseMs?: number };
	overLimit: number;
	/** The first inputs over the limit: their time, size and the seed and index that make them again. */
	overLimitInputs: { ms: number; characters: number; seed: number; index: number }[];
	/** Time spent making the inputs and analysing them, in seconds. */
	generatingSeconds?: number;
	analysingSeconds?: number;
}

export interface FuzzResult {
	perLanguage: number;
	seed: number;
	limitMs: number;
	kinds: Record<string, FuzzKindResult>;
	totalInputs: number;
	totalFailures: number;
	totalOverLimit: number;
	seconds: number;
}

export function runFuzz(perLanguage: number, seed: number, only?: readonly string[]): FuzzResult {
	const kinds: Record<string, FuzzKindResult> = {};
	let totalInputs = 0;
	let totalFailures = 0;
	let totalOverLimit = 0;
	const started = performance.now();
	for (const kind of KINDS) {
		if (only && !only.includes(kind.name)) continue;
		const count = Math.round(perLanguage * kind.share);
		const result: FuzzKindResult = {
			inputs: count,
			failures: 0,
			firstFailures: [],
			slowest: { ms: 0, characters: 0, seed, index: 0 },
			overLimit: 0,
			overLimitInputs: [],
		};
		let slowestParse: (() => void) | undefined;
		let generatingMs = 0;
		let runningMs = 0;
		for (let done = 0; done < count; done += CHUNK) {
			const chunkSeed = seed + done;
			const generating = performance.now();
			const items = kind.sample(chunkSeed, Math.min(CHUNK, count - done));
			generatingMs += performance.now() - generating;
			for (const item of items) {
				const start = performance.now();
				try {
					item.run();
				} catch (error) {
					result.failures++;
					process.stderr.write(`fuzz: ${kind.name} seed ${chunkSeed} index ${item.index} failed: ${String(error).split('\n')[0].slice(0, 200)}\n`);
					if (result.firstFailures.length < 10) result.firstFailures.push({ seed: chunkSeed, index: item.index, error: String(error).slice(0, 300) });
				}
				const ms = performance.now() - start;
				runningMs += ms;
				if (ms > result.slowest.ms) {
					result.slowest = { ms: Math.round(ms * 10) / 10, characters: item.length, seed: chunkSeed, index: item.index };
					slowestParse = item.parseOnly;
				}
				if (ms > LIMIT_MS) {
					// Said at once: a run that never ends still shows the inputs that slow it.
					process.stderr.write(`fuzz: ${kind.name} seed ${chunkSeed} index ${item.index}: ${Math.round(ms)} ms, ${item.length} characters\n`);
					result.overLimit++;
					if (result.overLimitInputs.length < 20)
						result.overLimitInputs.push({ ms: Math.round(ms), characters: item.length, seed: chunkSeed, index: item.index });
				}
			}
			// Progress on stderr, so a long run shows where its time goes (making inputs or analysing them).
			if ((done / CHUNK) % 10 === 9) {
				process.stderr.write(
					`fuzz: ${kind.name} ${done + CHUNK}/${count}: ${Math.round(generatingMs / 1000)} s making inputs, ${Math.round(runningMs / 1000)} s analysing\n`,
				);
			}
		}
		result.generatingSeconds = Math.round(generatingMs / 100) / 10;
		result.analysingSeconds = Math.round(runningMs / 100) / 10;
		if (slowestParse) {
			const start = performance.now();
			try {
				slowestParse();
			} catch {
				// Nested past the parser's stack: the time until it gave up is still its time.
			}
			result.slowest.typescriptParseMs = Math.round((performance.now() - start) * 10) / 10;
		}
		kinds[kind.name] = result;
		totalInputs += count;
		totalFailures += result.failures;
		totalOverLimit += result.overLimit;
	}
	return {
		perLanguage,
		seed,
		limitMs: LIMIT_MS,
		kinds,
		totalInputs,
		totalFailures,
		totalOverLimit,
		seconds: Math.round((performance.now() - started) / 100) / 10,
	};
}

function argument(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The seed of the fuzz run unless `--seed` says otherwise. */
export const FUZZ_SEED = 20261125;

// Run on its own (`npm run fuzz`); the bench imports runFuzz (bundled, `require.main` would be the bench too).
if (/fuzz\.js$/.test(process.argv[1] ?? '')) {
	// `--only deluge,typescript`: some kinds, so a long run can be split across processes.
	const only = process.argv.indexOf('--only');
	const result = runFuzz(argument('inputs', 100_000), argument('seed', FUZZ_SEED), only >= 0 ? process.argv[only + 1].split(',') : undefined);
	process.stdout.write(JSON.stringify(result, null, 2) + '\n');
	if (result.totalFailures > 0 || result.totalOverLimit > 0) process.exitCode = 1;
}
