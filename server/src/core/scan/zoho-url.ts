/**
 * Recognises Zoho CRM API URLs. Only the API hosts of Zoho's data centres (and their sandbox and
 * developer variants) serve CRM credits; `accounts.zoho.*` token requests and other products do not.
 */
const CRM_URL =
	/^https?:\/\/(?:www\.|sandbox\.|developer\.)?zohoapis\.(?:com|eu|in|com\.au|jp|com\.cn|ca|sa)(?::\d+)?(\/crm\/(?:v[2-8](?:\.\d+)?|bulk)(?:\/[^?#\s]*)?)(?:[?#].*)?$/i;

/** The request path (`/crm/v8/Leads/123`) of a Zoho CRM API URL, or undefined for any other URL. */
export function crmPathOf(url: string): string | undefined {
	const m = CRM_URL.exec(url.trim());
	if (!m) return undefined;
	const path = m[1].replace(/\/+$/, '');
	return path.length > 0 ? path : undefined;
}
