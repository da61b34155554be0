import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TEAM_CONFIG_FILE } from '../../core/config';
import { LineMap } from '../../core/text';
import type { TeamConfigState } from '../../workspace/team-config';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/**
 * Problems of a team file as diagnostics in that file, plus one note on what is in force meanwhile.
 * When the editor validates the schema itself, syntax and schema errors are left to it.
 */
export function configDiagnostics(state: TeamConfigState, clientValidatesSchema: boolean): Diagnostic[] {
	if (state.errors.length === 0) return [];
	const lines = new LineMap(state.text);
	const range = (offset: number, length: number) => ({ start: lines.position(offset), end: lines.position(offset + length) });
	const shown = state.errors.filter((e) => !clientValidatesSchema || e.kind === 'semantic' || e.kind === 'file');
	const out: Diagnostic[] = shown.map((e) => ({
		range: range(e.offset, e.length),
		severity: DiagnosticSeverity.Error,
		source: DIAGNOSTIC_SOURCE,
		code: `config-${e.kind}`,
		message: e.message,
	}));
	out.push({
		range: range(0, 0),
		severity: DiagnosticSeverity.Information,
		source: DIAGNOSTIC_SOURCE,
		code: 'config-not-applied',
		message: `${TEAM_CONFIG_FILE} has ${state.errors.length} problem${state.errors.length === 1 ? '' : 's'}: ${state.stale ? 'the last good version of this file stays in force' : 'editor settings and defaults are in force'} until ${state.errors.length === 1 ? 'it is' : 'they are'} fixed.`,
	});
	return out;
}
