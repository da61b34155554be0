/**
 * The longest the server's event loop waited while the workspace was indexed and totalled: how long an
 * answer (a hover, a keystroke's diagnostics) could have been held up. Node's monitor samples the loop
 * with a timer and counts a pause when that timer next fires, so the reading waits for one more firing:
 * read at once, the work that ran up to the reading (the last steps of a total) would go uncounted.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** How often the loop is sampled, in ms. */
const RESOLUTION_MS = 10;

export class PauseMeter {
	private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

	constructor() {
		this.histogram.enable();
	}

	/** Stops measuring without a reading (an index cancelled by a new one). */
	stop(): void {
		this.histogram.disable();
	}

	/** Stops measuring once the pause that may be under way is counted, then gives the longest pause, in ms. */
	settle(longest: (ms: number) => void): void {
		// The reading does not keep a server that is shutting down alive.
		setTimeout(() => {
			this.histogram.disable();
			longest(Math.round(this.histogram.max / 1e6));
		}, 2 * RESOLUTION_MS).unref();
	}
}
