export { type ConfigError, type EntryPointConfig, type ParsedTeamConfig, parseTeamConfig, TEAM_CONFIG_FILE, type TeamConfig } from './team-config';
export {
	budgetAssumed,
	DEFAULTS,
	describeOrigin,
	type EffectiveSettings,
	type ExplicitSettings,
	LIMITS,
	type Origin,
	resolveSettings,
	type Setting,
	type SettingsLayer,
} from './settings';
