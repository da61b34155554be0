import type { CreditRule } from './rules';

/** How firmly a credit figure is sourced (see the reference: verified on a Zoho page, or weaker). */
export type Verification = 'verified-primary' | 'secondary-only' | 'unverified' | 'default-rule' | 'org-api-list';

/** A Zoho CRM REST operation: method, path template (`{x}` matches one segment) and its credit rule. */
export interface RestOperationEntry {
	readonly api: string;
	readonly method: string;
	/** Template as Zoho's spec writes it, e.g. `/crm/v8/Leads/{lead_id}/actions/convert`. */
	readonly path: string;
	readonly rule: CreditRule;
	readonly verification: Verification;
	/** Pages that state the credit figure. */
	readonly sources: readonly string[];
	/** The specification the operation comes from. */
	readonly spec: string;
	/** Zoho's page about the API. */
	readonly docs: string;
	/** Set when the API counts against the sub-concurrency limit of complex APIs (true, or the condition). */
	readonly subConcurrency?: string | true;
}

/** A method of an official SDK and the REST request it makes. */
export interface SdkMethodEntry {
	readonly sdk: string;
	readonly version: string;
	/** Module to import when it differs from `sdk` (deep imports of the operations classes). */
	readonly importPath?: string;
	readonly accessExpr: string;
	readonly class: string;
	readonly method: string;
	readonly constructorArgs: readonly string[];
	readonly methodArgs: readonly string[];
	readonly httpMethod: string;
	readonly path: string;
	/** Metadata requests the SDK makes before this one (`getFields`, `getRelatedLists`, …). */
	readonly hiddenCalls?: readonly string[];
	/** Host the SDK sends the request to instead of the API host (uploads). */
	readonly host?: string;
	readonly note?: string;
	/** File of the package the mapping was read from. */
	readonly file: string;
}

/** A Deluge `zoho.crm.*` integration task. */
export interface DelugeTaskEntry {
	readonly task: string;
	readonly params: readonly string[];
	readonly paramsVerified: boolean;
	readonly source: string;
	/** The REST request the task makes, when Zoho documents one. */
	readonly method?: string;
	readonly path?: string;
	/** Records one execution writes, for single-record tasks. */
	readonly records?: number;
	/** For tasks without a REST mapping: their own rule. */
	readonly rule?: CreditRule;
	readonly verification?: Verification;
	readonly note?: string;
}

/** The operation a call resolves to, with its rule. */
export interface Operation {
	readonly api: string;
	/** `METHOD /crm/vN/template` (or the task name for tasks without a REST mapping), as in the JSON report. */
	readonly operation: string;
	readonly rule: CreditRule;
	readonly verification: Verification;
	readonly sources: readonly string[];
	readonly docs: string;
	/** False when the request is a Zoho CRM URL (or task) that the catalog does not list. */
	readonly inCatalog: boolean;
	readonly subConcurrency?: string | true;
	/** Records one call carries when the operation itself fixes it (single-record tasks). */
	readonly records?: number;
	/** Cheaper operations a computed path segment may also stand for (this one, the dearest, is assumed). */
	readonly alternatives?: readonly string[];
	/** Set when the org's own API list priced it: its figures and the day they were imported. */
	readonly orgList?: { readonly min: number; readonly max: number; readonly importedAt: string; readonly path: string };
}
