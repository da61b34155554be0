/**
 * Reads a file the product needs whole (a team file, a calibration file, a source file) only after
 * checking what it is: a device, a pipe or a file over the limit is refused before a byte is read,
 * so a link to /dev/zero or a huge generated file never stops the CLI or the server.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_LENGTH } from '../core/analysis';

/** The bytes of a regular file, or why it was not read. */
export type SmallFile =
	| { readonly ok: true; readonly buffer: Buffer }
	| {
			readonly ok: false;
			/** Why, as a phrase: "larger than 2 MB", "not a regular file", "unreadable: EACCES". */
			readonly reason: string;
			/** The system's error code when the file could not be opened or read (ENOENT when it does not exist). */
			readonly code?: string;
	  };

/** Opening never waits for a writer, so a named pipe is refused, not waited on (no such flag on Windows). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** How a size reads in a message: "2 MB", "512 KB". */
export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

/** Reads a regular file of at most `maxBytes`; anything else is refused with the reason, unread. */
export function readSmallFile(path: string, maxBytes: number): SmallFile {
	let fd: number;
	try {
		fd = openSync(path, OPEN_FLAGS);
	} catch (error) {
		return unreadable(error);
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
		if (stat.size > maxBytes) return { ok: false, reason: `larger than ${formatBytes(maxBytes)}` };
		const buffer = readAtMost(fd, stat.size, maxBytes + 1);
		if (buffer.length > maxBytes) return { ok: false, reason: `larger than ${formatBytes(maxBytes)}` };
		return { ok: true, buffer };
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(fd);
	}
}

/** Up to `limit` bytes from the start of the file; `expected` is its size when it was opened (it may have grown since). */
function readAtMost(fd: number, expected: number, limit: number): Buffer {
	let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
	let length = 0;
	for (;;) {
		if (length === buffer.length) {
			if (length >= limit) break;
			buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, limit - length))]);
		}
		const read = readSync(fd, buffer, length, buffer.length - length, null);
		if (read === 0) break;
		length += read;
	}
	return buffer.subarray(0, length);
}

function unreadable(error: unknown): SmallFile {
	const code = (error as NodeJS.ErrnoException).code;
	return { ok: false, reason: `unreadable: ${code ?? (error as Error).message}`, ...(code ? { code } : {}) };
}

/**
 * A source file's text, or why it was not read (`missing` when it does not exist): a source larger than
 * the analysis takes, or no regular file, is refused unread.
 */
export function readSource(path: string): { text: string; reason?: undefined } | { text?: undefined; reason: string; missing: boolean } {
	const read = readSmallFile(path, MAX_FILE_LENGTH);
	return read.ok ? { text: read.buffer.toString('utf8') } : { reason: read.reason, missing: read.code === 'ENOENT' };
}

/** Whether anything (a file, a folder, a link's target) is at a path. */
export function pathExists(path: string): boolean {
	return existsSync(path);
}
