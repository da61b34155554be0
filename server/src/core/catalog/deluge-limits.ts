/**
 * What one run of a Deluge function may execute before the product stops it: statements (a loop's
 * statements count once per iteration; an `invokeurl` or `sendmail` block is one) and calls of other
 * functions. The figures are Zoho's, per product, with their sources and the date they were checked.
 */
import data from './data/deluge-limits.json';

export type DelugeProduct = keyof typeof data.products;

export const DELUGE_PRODUCTS = Object.keys(data.products) as DelugeProduct[];

/** The date the figures were last checked against Zoho's pages. */
export const DELUGE_LIMITS_CHECKED = data.checked;

export interface DelugeLimits {
	readonly product: DelugeProduct;
	/** "Zoho CRM". */
	readonly label: string;
	readonly statements: number;
	readonly nestedCalls: number;
	/** Where each figure comes from: Zoho's page, or the team's file when it sets its own. */
	readonly statementsSource: string;
	readonly nestedCallsSource: string;
}

export function isDelugeProduct(value: unknown): value is DelugeProduct {
	return typeof value === 'string' && Object.hasOwn(data.products, value);
}

/** The limits of a product, with the figures the team set in place of Zoho's. */
export function delugeLimitsOf(product: DelugeProduct, own: { readonly statements?: number; readonly nestedCalls?: number } = {}): DelugeLimits {
	const figures = data.products[product];
	return {
		product,
		label: figures.label,
		statements: own.statements ?? figures.statements,
		nestedCalls: own.nestedCalls ?? figures.nestedCalls,
		statementsSource: own.statements === undefined ? figures.statementsSource : 'zoho-credits.json',
		nestedCallsSource: own.nestedCalls === undefined ? figures.nestedCallsSource : 'zoho-credits.json',
	};
}
