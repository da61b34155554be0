/**
 * The budget panel's script, running inside the webview. It draws the model the extension posts
 * with DOM calls only (no HTML strings from data), and posts back what the person asked for.
 */
import { formatNumber } from '../../../shared/format';
import type { FindingRow, PanelModel, PanelRequest, Target } from '../panel-model';

declare function acquireVsCodeApi(): { postMessage(message: PanelRequest): void; setState(state: unknown): void };
const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
	node.append(...children);
	return node;
}

/** A button that opens a place in the code: reachable with Tab, run with Enter or Space. */
function openButton(label: string, target: Target, title = `Open ${target.path}:${target.line}`): HTMLButtonElement {
	const button = el('button', { type: 'button', class: 'link', title, 'data-key': `${label}\n${target.path}:${target.line}` }, label);
	button.addEventListener('click', () => vscode.postMessage({ type: 'open', path: target.path, line: target.line }));
	return button;
}

function section(id: string, heading: string, ...content: Node[]): HTMLElement {
	return el('section', { id, 'aria-labelledby': `${id}-heading` }, el('h2', { id: `${id}-heading` }, heading), ...content);
}

function table(caption: string, header: string[], numeric: boolean[], rows: (Node | string)[][]): HTMLTableElement {
	const head = el('tr', {}, ...header.map((h, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : '' }, h)));
	const body = rows.map((row) => el('tr', {}, ...row.map((cell, i) => el('td', { class: numeric[i] ? 'num' : '' }, cell))));
	return el('table', {}, el('caption', { class: 'visually-hidden' }, caption), el('thead', {}, head), el('tbody', {}, ...body));
}

/** The switcher lives across updates, so a choice half made is not lost when the numbers change. */
let form: HTMLFormElement | undefined;
let shownBudget = '';

function budgetForm(model: PanelModel): HTMLFormElement {
	const budget = `${model.budget.edition}/${model.budget.users}`;
	if (form && budget === shownBudget) return form;
	shownBudget = budget;
	if (form) {
		// The configuration changed (here or elsewhere): show what is in force now.
		(form.querySelector('#edition') as HTMLSelectElement).value = model.budget.edition;
		(form.querySelector('#users') as HTMLInputElement).value = String(model.budget.users);
		return form;
	}
	const edition = el('select', { id: 'edition', 'aria-label': 'Edition' }, ...model.editions.map((e) => el('option', { value: e.id }, e.label)));
	edition.value = model.budget.edition;
	const users = el('input', { id: 'users', type: 'number', min: '0', step: '1', 'aria-label': 'User licences' });
	users.value = String(model.budget.users);
	const save = el('button', { type: 'submit', id: 'save' }, 'Save to zoho-credits.json');
	form = el('form', { id: 'budget-form' }, el('label', { for: 'edition' }, 'Edition'), edition, el('label', { for: 'users' }, 'Users'), users, save);
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const count = Number(users.value);
		if (!Number.isInteger(count) || count < 0) {
			users.setCustomValidity('A whole number of user licences, such as 25');
			users.reportValidity();
			return;
		}
		users.setCustomValidity('');
		vscode.postMessage({ type: 'setBudget', edition: edition.value, users: count });
	});
	return form;
}

function chart(model: PanelModel): HTMLElement {
	const label = `${model.usage}${model.over ? ': more than the allowance' : ''}`;
	const bar = el('div', { class: `bar${model.over ? ' over' : ''}`, role: 'img', 'aria-label': label });
	for (const segment of model.segments) {
		const part = el('div', {
			class: `segment c${segment.colour < 0 ? 'x' : segment.colour}`,
			title: `${segment.label}: ${formatNumber(segment.perDay)} credits a day`,
		});
		part.style.width = `${Math.max(segment.width, 0.4)}%`;
		bar.append(part);
	}
	const legend = el(
		'ul',
		{ class: 'legend' },
		...model.segments.map((s) =>
			el(
				'li',
				{},
				el('span', { class: `swatch c${s.colour < 0 ? 'x' : s.colour}`, 'aria-hidden': 'true' }),
				s.target ? openButton(s.label, s.target) : s.label,
			),
		),
	);
	return el('div', { class: 'chart' }, el('p', { id: 'usage', class: model.over ? 'usage over' : 'usage' }, label), bar, legend);
}

function findingItem(f: FindingRow): HTMLLIElement {
	return el(
		'li',
		{ class: f.severity },
		el('span', { class: 'severity' }, f.severity),
		' ',
		openButton(`${f.path}:${f.line}`, f),
		' ',
		f.message,
		' ',
		el('span', { class: 'id' }, `(${f.id})`),
	);
}

function render(model: PanelModel): void {
	// Keep focus on the same control across live updates.
	const active = document.activeElement;
	const focused = active?.id
		? `#${CSS.escape(active.id)}`
		: active?.getAttribute('data-key')
			? `[data-key="${CSS.escape(active.getAttribute('data-key')!)}"]`
			: undefined;
	const root = document.getElementById('root')!;
	const actions = el('div', { class: 'actions' });
	for (const [label, type] of [
		['Export report…', 'export'],
		['Rescan workspace', 'rescan'],
	] as const) {
		const button = el('button', { type: 'button', id: type }, label);
		button.addEventListener('click', () => vscode.postMessage({ type }));
		actions.append(button);
	}
	root.replaceChildren(
		el('header', {}, el('h1', {}, model.title), actions),
		el('p', { class: 'budget' }, model.budgetLine),
		budgetForm(model),
		...(model.note ? [el('p', { class: 'note', role: 'status' }, model.note)] : []),
		chart(model),
		section(
			'entries',
			`Entry points (${model.entries.length})`,
			model.entries.length === 0
				? el('p', {}, 'No code that calls Zoho CRM runs on its own.')
				: table(
						'Entry points by credits a day',
						['Entry point', 'Per run', 'Runs a day', 'Per day', 'Share'],
						[false, true, true, true, true],
						model.entries.map((e) => [
							openButton(e.name, e, [`${e.path}:${e.line}`, ...e.explanation].join('\n')),
							e.perRun,
							e.runsAssumed ? el('span', { title: 'Assumed: nothing states how often it runs' }, `${e.runsPerDay}*`) : e.runsPerDay,
							e.perDay,
							e.share,
						]),
					),
			...(model.runsNote ? [el('p', { class: 'note', id: 'runs-note' }, model.runsNote)] : []),
		),
		section(
			'files',
			`Files (${model.files.length})`,
			model.files.length === 0
				? el('p', {}, 'No Zoho CRM calls found.')
				: table(
						'Files by credits a day',
						['File', 'Calls', 'Per run of its calls', 'Per day of its entry points'],
						[false, true, true, true],
						model.files.map((f) => [openButton(f.path, f), String(f.calls), f.perRun, f.perDay]),
					),
		),
		section(
			'findings',
			`Findings (${model.findings.length})`,
			model.findings.length === 0 ? el('p', {}, 'None.') : el('ul', { class: 'findings' }, ...model.findings.map(findingItem)),
		),
		...(model.observed.length === 0
			? []
			: [
					section(
						'observed',
						'Estimated against observed',
						table(
							'Estimated against observed credits a day',
							['Entry point or API', 'Estimated a day', 'Observed a day', 'Observed ÷ estimated', 'Days observed'],
							[false, true, true, true, true],
							model.observed.map((o) => [
								o.label,
								o.estimated,
								o.observed,
								o.off ? el('strong', { title: 'Off by more than half: check the assumptions behind it' }, o.ratio) : o.ratio,
								o.days,
							]),
						),
					),
				]),
		section('assumptions', 'Assumptions', el('ul', {}, ...model.assumptions.map((a) => el('li', {}, a)))),
	);
	if (focused) root.querySelector<HTMLElement>(focused)?.focus();
}

window.addEventListener('message', (event: MessageEvent<{ type: 'model'; model: PanelModel }>) => {
	if (event.data?.type === 'model') render(event.data.model);
});
// Marks the panel as one to bring back after a reload; its content is fetched anew then.
vscode.setState({ panel: 'budget' });
vscode.postMessage({ type: 'ready' });
