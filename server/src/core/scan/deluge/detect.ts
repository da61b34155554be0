/**
 * Deluge kept where its extension does not say so: scripts pasted into `.js`, `.ts` or `.txt` files,
 * `.zs` and `.zdl` files, files with no extension. A text is Deluge when it makes Deluge's own calls
 * (`zoho.crm.*` and the other integration tasks, `invokeurl [`, `invokeapi [`, `getUrl(`, `postUrl(`).
 * In a JavaScript or TypeScript file that is not enough: the text must also fail to parse as that
 * language (Deluge inside a template string stays JavaScript).
 */

/** Calls only Deluge makes: integration tasks (lower case, unlike the widget SDK's `ZOHO.CRM`) and its request blocks. */
const DELUGE_CALL =
	/\bzoho\.(?:crm|books|desk|creator|people|projects|recruit|inventory|invoice|sign|workdrive|cliq|mail|bigin)\.[a-zA-Z]|\binvoke(?:url|api)\s*\[|\b(?:getUrl|postUrl)\s*\(\s*["']https?:\/\/[^"']*zoho/;

/** Extensions under which Deluge is kept besides its own (`.dg`, `.deluge`, `.ds`): read when their text is Deluge. */
const DELUGE_CANDIDATE_EXTENSIONS: ReadonlySet<string> = new Set(['txt', 'zs', 'zdl', '']);

/** The scan note of a file read as Deluge although its name does not say so. */
export const READ_AS_DELUGE = 'read-as-deluge';

/** True when the text makes Deluge calls. */
export function makesDelugeCalls(text: string): boolean {
	return DELUGE_CALL.test(text);
}

/** True for a path whose extension may hold Deluge kept elsewhere (`.txt`, `.zs`, `.zdl`, none). */
export function mayHoldDeluge(path: string): boolean {
	return DELUGE_CANDIDATE_EXTENSIONS.has(extensionOf(path));
}

/** True for Deluge kept under such an extension: the text makes Deluge calls. Discovery and open documents decide alike. */
export function keptAsDeluge(path: string, text: string): boolean {
	return mayHoldDeluge(path) && makesDelugeCalls(text);
}

/** The extension of a path's file name, lower case, '' when it has none (`script`, `.profile`). */
export function extensionOf(path: string): string {
	const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}
