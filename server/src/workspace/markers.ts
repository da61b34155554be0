/**
 * Whether a file the analysis passed over names Zoho CRM, read in chunks so an oversized file
 * never sits whole in memory. Only regular files inside the scanned root are read.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { namesZoho, ZOHO_MARKER_SPAN } from '../core/zoho-markers';

/** How much of a passed-over file is searched for Zoho markers. */
const MAX_SEARCHED_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** True when the file, inside `root`, names Zoho CRM in its first 64 MB; false when it cannot tell. */
export function fileNamesZoho(path: string, root: string): boolean {
	let fd: number | undefined;
	try {
		const inside = relative(realpathSync(root), realpathSync(path));
		if (inside.startsWith('..') || isAbsolute(inside)) return false;
		fd = openSync(path, 'r');
		if (!fstatSync(fd).isFile()) return false;
		const buffer = Buffer.alloc(CHUNK_BYTES);
		let carry = '';
		for (let offset = 0; offset < MAX_SEARCHED_BYTES;) {
			const read = readSync(fd, buffer, 0, buffer.length, offset);
			if (read === 0) return false;
			const text = carry + buffer.toString('latin1', 0, read);
			if (namesZoho(text)) return true;
			carry = text.slice(-ZOHO_MARKER_SPAN);
			offset += read;
		}
		return false;
	} catch {
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
