// Draws the marketplace icon, media/icon.png (128×128): a lens over three bars of a budget, on a rounded
// square. Shapes are tested per pixel with 4×4 samples for smooth edges; the PNG is written with zlib.
// Usage: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const BACKGROUND = [30, 64, 120];
const BAR = [120, 200, 255];
const LENS = [255, 255, 255];

const inRoundedSquare = (x, y) => {
	const r = 24;
	const cx = Math.min(Math.max(x, r), SIZE - r);
	const cy = Math.min(Math.max(y, r), SIZE - r);
	return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// Three bars rising left to right, the budget the lens reads.
const inBar = (x, y) =>
	[
		[30, 70],
		[46, 56],
		[62, 42],
	].some(([left, top]) => x >= left && x < left + 12 && y >= top && y < 86);
const LENS_CENTER = [58, 58];
const inLensRing = (x, y) => {
	const d = Math.hypot(x - LENS_CENTER[0], y - LENS_CENTER[1]);
	return d >= 30 && d <= 38;
};
// The handle: a thick segment from the ring toward the lower right corner.
const inHandle = (x, y) => {
	const [ax, ay, bx, by] = [84, 84, 106, 106];
	const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
	return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= 6.5;
};

function colourAt(x, y) {
	if (!inRoundedSquare(x, y)) return undefined;
	if (inLensRing(x, y) || inHandle(x, y)) return LENS;
	if (inBar(x, y)) return BAR;
	return BACKGROUND;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
	const row = Buffer.alloc(1 + SIZE * 4);
	for (let x = 0; x < SIZE; x++) {
		let r = 0;
		let g = 0;
		let b = 0;
		let a = 0;
		for (let sy = 0; sy < SAMPLES; sy++) {
			for (let sx = 0; sx < SAMPLES; sx++) {
				const c = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
				if (!c) continue;
				r += c[0];
				g += c[1];
				b += c[2];
				a++;
			}
		}
		const n = SAMPLES * SAMPLES;
		row.set(a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / n)], 1 + x * 4);
	}
	rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (buffer) => {
	let c = 0xffffffff;
	for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	chunk('IHDR', header),
	chunk('IDAT', deflateSync(Buffer.concat(rows))),
	chunk('IEND', Buffer.alloc(0)),
]);
const out = join(import.meta.dirname, '..', 'media', 'icon.png');
writeFileSync(out, png);
console.log(`Wrote ${out} (${png.length} bytes).`);
