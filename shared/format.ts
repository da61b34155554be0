/**
 * How numbers read in every view (hover, hints, lens, panel, reports, CLI): one place, no imports,
 * so the model and the views below and above it share it without depending on each other.
 */

/** One formatter for every number: `toLocaleString` with options builds a new one on each call, which is slow. */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Number formatting shared by every view, so hover, hints and reports agree. */
export function formatNumber(n: number): string {
	// Whole numbers, nearly all of them, are grouped here as the formatter groups them: a workspace
	// report formats hundreds of thousands, and the formatter takes microseconds for each.
	if (!Number.isSafeInteger(n) || Object.is(n, -0)) return NUMBER.format(n);
	const digits = String(Math.abs(n));
	let grouped = digits.slice(0, digits.length % 3 || 3);
	for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
	return n < 0 ? `-${grouped}` : grouped;
}

/** `1 record`, `1,200 records`. */
export function plural(n: number, word: string): string {
	return `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function formatCredits(n: number): string {
	return `${formatNumber(n)} credit${n === 1 ? '' : 's'}`;
}

/** Credits with their range when it is open: `40 credits`, or `≈ 40 (4–400) credits`. */
export function formatCreditsRange(point: number, low: number, high: number): string {
	return low === high && low === point ? formatCredits(point) : `${formatRange(point, low, high)} credits`;
}

/** A figure with its range when the range is open: `40`, or `≈ 40 (4–400)`. */
export function formatRange(point: number, low: number, high: number): string {
	return low === high && low === point ? formatNumber(point) : `≈ ${formatNumber(point)} (${formatNumber(low)}–${formatNumber(high)})`;
}

/** Observed ÷ estimated as text: `×2.5`, or `—` without an estimate to compare with. */
export function formatRatio(ratio: number | null): string {
	return ratio === null ? '—' : `×${formatNumber(ratio)}`;
}

/** A share (1 = all of it) as a percentage text with the digits that matter: "160%", "3.2%", "0.07%", "0.007%". */
export function formatPercent(share: number): string {
	const p = share * 100;
	const digits = p >= 10 || p === 0 ? 0 : p >= 1 ? 1 : p >= 0.01 ? 2 : 3;
	return `${p.toFixed(digits)}%`;
}
