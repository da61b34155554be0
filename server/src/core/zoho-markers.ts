/**
 * Whether a text names Zoho CRM at all: an API host, a CRM path, an SDK package, a Deluge task or
 * `invokeurl`, the OAuth header. A file the analysis could not read but that names Zoho may hide
 * calls, so a gate must not pass it silently.
 */
const ZOHO_MARKER = /zohoapis\.|zoho\.com|zoho\.crm\.|invokeurl|@zohocrm\/|zcrmsdk|ZOHOCRMSDK|\/crm\/v\d|Zoho-oauthtoken/i;

/** The longest text a marker spans: chunked readers keep this much of one chunk for the next. */
export const ZOHO_MARKER_SPAN = 32;

export function namesZoho(text: string): boolean {
	return ZOHO_MARKER.test(text);
}
