// A small client the jobs share: each function is one Zoho CRM request.
import axios from 'axios';

const zoho = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });

export async function getLead(id: string): Promise<{ Lead_Status?: string }> {
	const response = await zoho.get(`/Leads/${id}`);
	return response.data.data[0];
}

export async function convertLead(id: string): Promise<void> {
	await zoho.post(`/Leads/${id}/actions/convert`, { data: [{ overwrite: true }] });
}
