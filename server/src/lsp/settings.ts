import type { ExplicitSettings } from '../core/config';
import type { ZohoCreditsSettings } from '../../../shared/protocol';

export type InlayHintMode = NonNullable<ZohoCreditsSettings['inlayHints']>;

/** Settings as the client sent them (any shape, possibly partial or wrong): the analysis values and the editor-only ones. */
export function splitSettings(raw: unknown): { explicit: ExplicitSettings; inlayHints: InlayHintMode } {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const { inlayHints, ...explicit } = value;
	return { explicit, inlayHints: inlayHints === 'loops' || inlayHints === 'off' ? inlayHints : 'all' };
}
