/** A REST operation of the catalog; `path` is relative to `/crm/v{N}` and `{x}` matches one segment. */
export interface RestOperationEntry {
	readonly api: string;
	readonly method: string;
	readonly path: string;
	readonly credits: number;
	/** The credit rule in words, shown in hover and reports. */
	readonly rule: string;
	/** Where the credit figure is stated. */
	readonly source: string;
	/** Zoho's reference page of the API. */
	readonly docs: string;
}

export interface DelugeTaskEntry {
	readonly task: string;
	readonly method: string;
	/** Full request path, with the API version, for example `/crm/v8/{module}`. */
	readonly path: string;
}

/** The operation a call resolves to, with its price. */
export interface Operation {
	readonly api: string;
	/** `METHOD /crm/vN/template`, as in the JSON report. */
	readonly operation: string;
	readonly credits: number;
	readonly rule: string;
	readonly source: string;
	readonly docs: string;
	/** False when the request is a Zoho CRM URL that the catalog does not list. */
	readonly inCatalog: boolean;
}
