import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PauseMeter } from '../../server/src/lsp/pause-meter';

/** The reading after settling, with the process kept alive meanwhile (the meter's timer does not: the server's connection does). */
function reading(meter: PauseMeter): Promise<number> {
	const alive = setInterval(() => undefined, 1000);
	return new Promise<number>((resolve) => meter.settle(resolve)).finally(() => clearInterval(alive));
}

/** Holds the event loop for `ms` milliseconds, as a long step of work would. */
function hold(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until);
}

test('the pause that runs up to the reading counts: the server logs the last step of a total too', async () => {
	const meter = new PauseMeter();
	// The monitor counts from its second firing on: an index runs for a while before its total ends.
	await new Promise((resolve) => setTimeout(resolve, 50));
	// Work settles the meter at its very end, as the total does once it is made: nothing fired in between.
	hold(120);
	const longest = await reading(meter);
	// 120 ms held, less the 10 ms the monitor's timer waits anyway; a reading taken at once would say 0.
	assert.ok(longest >= 100 && longest < 1_000, `longest pause ${longest} ms`);
});

test('short waits between steps are not a long pause', async () => {
	const meter = new PauseMeter();
	for (let i = 0; i < 10; i++) {
		hold(5);
		await new Promise((resolve) => setImmediate(resolve));
	}
	const longest = await reading(meter);
	assert.ok(longest < 100, `longest pause ${longest} ms`);
});
