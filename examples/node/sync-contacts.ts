// Pushes contacts from our shop to Zoho CRM, one request per contact.
// Hover a request to see what it costs; the loop multiplies it.
const token = process.env.ZOHO_TOKEN ?? '';
const headers = { Authorization: `Zoho-oauthtoken ${token}`, 'Content-Type': 'application/json' };

export async function syncContacts(contacts: { email: string }[]): Promise<void> {
	for (const contact of contacts) {
		await fetch('https://www.zohoapis.com/crm/v8/Contacts/upsert', {
			method: 'POST',
			headers,
			body: JSON.stringify({ data: [contact], duplicate_check_fields: ['Email'] }),
		});
	}
}

export async function firstLeads(): Promise<unknown> {
	const response = await fetch('https://www.zohoapis.com/crm/v8/Leads?fields=Last_Name,Email', { headers });
	return response.json();
}

// Token refreshes go to accounts.zoho.com and cost no API credits.
export async function refreshToken(refresh: string): Promise<unknown> {
	const response = await fetch('https://accounts.zoho.com/oauth/v2/token', { method: 'POST', body: new URLSearchParams({ refresh_token: refresh }) });
	return response.json();
}
