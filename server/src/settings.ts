import { type AnalysisSettings, DEFAULT_SETTINGS } from './core/analysis';
import { isEdition } from './core/budget';
import type { ZohoCreditsSettings } from './protocol';

export const DEFAULT_EDITOR_SETTINGS: ZohoCreditsSettings = {
	edition: DEFAULT_SETTINGS.edition,
	users: DEFAULT_SETTINGS.users,
	addOnCredits: DEFAULT_SETTINGS.addOnCredits,
	defaultLoopIterations: DEFAULT_SETTINGS.defaultLoopIterations,
	inlayHints: 'all',
};

function wholeNumber(value: unknown, min: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.floor(value) : fallback;
}

/** Settings as the client sent them (any shape, possibly partial) made whole and valid. */
export function normalizeSettings(raw: unknown): ZohoCreditsSettings {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const d = DEFAULT_EDITOR_SETTINGS;
	return {
		edition: isEdition(value.edition) ? value.edition : d.edition,
		users: wholeNumber(value.users, 0, d.users),
		addOnCredits: wholeNumber(value.addOnCredits, 0, d.addOnCredits),
		defaultLoopIterations: wholeNumber(value.defaultLoopIterations, 1, d.defaultLoopIterations),
		inlayHints: value.inlayHints === 'loops' || value.inlayHints === 'off' ? value.inlayHints : 'all',
	};
}

export function analysisSettings(settings: ZohoCreditsSettings): AnalysisSettings {
	return {
		edition: isEdition(settings.edition) ? settings.edition : DEFAULT_SETTINGS.edition,
		users: settings.users,
		addOnCredits: settings.addOnCredits,
		defaultLoopIterations: settings.defaultLoopIterations,
	};
}
