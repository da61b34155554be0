/**
 * The documentation page a link may open: https on zoho.com (or a subdomain) or github.com, with no
 * user name or password. Returns the URL as parsed (`href`), never the text given: the parser and the
 * editor may read odd text differently (`https://zoho.com\@evil.example/` is zoho.com to one and
 * evil.example to the other), so only the normalised form is ever passed on. Undefined for anything else.
 */
export function documentationUrl(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
	const host = url.hostname;
	return host === 'zoho.com' || host.endsWith('.zoho.com') || host === 'github.com' ? url.href : undefined;
}
