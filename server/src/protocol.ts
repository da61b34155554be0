/**
 * Custom messages between the Zoho Credit Lens client and server, and the settings they share.
 * Imports only the protocol package, so the client can bundle this file as it is.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** Settings under `zohoCredits.*`, as the server reads them for a document. */
export interface ZohoCreditsSettings {
	edition: string;
	users: number;
	addOnCredits: number;
	defaultLoopIterations: number;
	inlayHints: 'all' | 'loops' | 'off';
}

export type Health = 'ok' | 'warning' | 'error';

/** Server state and the budget in force, for the status bar. */
export interface StatusParams {
	health: Health;
	/** False while the server is analysing. */
	quiescent: boolean;
	message: string;
	edition: string;
	editionLabel: string;
	users: number;
	dailyCredits: number;
}

/**
 * Sent by the server to the client whenever its state or the configured budget changes.
 * The client shows it in the status bar item.
 */
export namespace StatusNotification {
	export const method = 'zohoCreditLens/status';
	export const type = new NotificationType<StatusParams>(method);
}
