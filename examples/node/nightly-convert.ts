// Nightly job: converts the qualified leads. Each call below goes through lib/zoho-client.ts;
// hover one to see what it costs there and why.
import { convertLead, getLead } from './lib/zoho-client';

export async function convertQualified(ids: string[]): Promise<void> {
	for (const id of ids) {
		const lead = await getLead(id);
		if (lead.Lead_Status === 'Qualified') {
			await convertLead(id);
		}
	}
}
