/** A shared Zoho client: convertLead(id) posts Convert Lead (5 credits) through an axios instance. */
export const CONVERT_LEAD_CLIENT = `import axios from 'axios';
const http = axios.create({ baseURL: 'https://www.zohoapis.com/crm/v8' });
export async function convertLead(id: string) {
  return http.post(\`/Leads/\${id}/actions/convert\`);
}
`;
