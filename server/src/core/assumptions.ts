import { describeEdition, EDITION_LABELS, tableName } from '../../../shared/editions';
import { describeOrigin, type EffectiveSettings, type Origin } from './config';
import { formatNumber } from '../../../shared/format';
import type { JsonReport } from '../../../shared/report';

/**
 * The assumptions a workspace total rests on, one sentence each: the budget and where each part of
 * it came from, the loop count used where the code shows none, module sizes, and the entry points
 * whose runs per day nobody stated. The panel, the exported report and the CLI's markdown show them.
 */
/** "default" for a value nobody set (the edition and users say "assumed": they are guesses about the org). */
function origin(o: Origin): string {
	return o === 'default' ? 'default' : describeOrigin(o);
}

export function assumptionsInForce(settings: EffectiveSettings, report: JsonReport): string[] {
	const b = report.budget;
	const out = [
		`Edition ${EDITION_LABELS[settings.edition.value]} (${describeOrigin(settings.edition.origin)}) with ${formatNumber(b.users)} user licences (${describeOrigin(settings.users.origin)}): ${describeEdition(settings.edition.value, settings.budgetTable.value)}.`,
		`Edition table (${origin(settings.budgetTable.origin)}): ${tableName(b.table)}; add-on credits: ${formatNumber(b.addOnCredits)} (${origin(settings.addOnCredits.origin)}).`,
	];
	const defaultLoops = report.files.reduce((n, f) => n + f.calls.filter((c) => c.assumed.some((a) => a.endsWith('iterations (default)'))).length, 0);
	out.push(
		`A loop whose bound the code does not show runs ${formatNumber(settings.defaultLoopIterations.value)} times (${origin(settings.defaultLoopIterations.origin)})` +
			(defaultLoops > 0 ? `: ${formatNumber(defaultLoops)} call${defaultLoops === 1 ? ' rests' : 's rest'} on it.` : '; no call rests on it.'),
	);
	const sizes = Object.entries(settings.moduleSizes.value);
	out.push(
		sizes.length > 0
			? `Module sizes (${origin(settings.moduleSizes.origin)}): ${sizes.map(([m, n]) => `${m} ${formatNumber(n)} records`).join(', ')}.`
			: 'No module sizes given: a loop over a module’s pages uses the loop default.',
	);
	const unstated = report.entryPoints.filter((e) => e.runsSource === 'default').length;
	out.push(
		unstated > 0
			? `${formatNumber(unstated)} of ${formatNumber(report.entryPoints.length)} entry point${report.entryPoints.length === 1 ? '' : 's'} run once a day because nothing states their runs per day (a \`// zoho-credits: runs-per-day=N\` annotation or zoho-credits.json does).`
			: `Every entry point states its runs per day (${formatNumber(report.entryPoints.length)}).`,
	);
	return out;
}
