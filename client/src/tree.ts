import * as vscode from 'vscode';
import type { WorkspaceReport } from '../../shared/protocol';
import { type EntryRow, entryTooltip, type FindingRow, panelModel } from './panel-model';
import type { ReportStore } from './report-store';

type Node =
	| { kind: 'usage'; label: string; over: boolean }
	| { kind: 'entry'; row: EntryRow }
	| { kind: 'findings'; rows: FindingRow[] }
	| { kind: 'finding'; row: FindingRow };

const OPEN = 'zohoCredits.openReportLocation';

/**
 * The explorer's "Zoho Credit Budget" view: the workspace total, the entry points by credits a day
 * (the panel's top rows) and the findings. Each row opens its code.
 */
export class BudgetTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
	private readonly emitter = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.emitter.event;
	private readonly view: vscode.TreeView<Node>;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(private readonly store: ReportStore) {
		this.view = vscode.window.createTreeView('zohoCredits.budget', { treeDataProvider: this, showCollapseAll: true });
		store.want(this, this.view.visible);
		this.disposables.push(
			this.view,
			this.view.onDidChangeVisibility((e) => store.want(this, e.visible)),
			store.onDidChange(() => this.emitter.fire()),
		);
	}

	getChildren(node?: Node): Node[] {
		const report: WorkspaceReport | undefined = this.store.current;
		if (!report) return [];
		const model = panelModel(report);
		if (!node) {
			const out: Node[] = [{ kind: 'usage', label: model.usage, over: model.over }, ...model.entries.map((row) => ({ kind: 'entry' as const, row }))];
			if (model.findings.length > 0) out.push({ kind: 'findings', rows: model.findings });
			return out;
		}
		return node.kind === 'findings' ? node.rows.map((row) => ({ kind: 'finding' as const, row })) : [];
	}

	getTreeItem(node: Node): vscode.TreeItem {
		switch (node.kind) {
			case 'usage': {
				const item = new vscode.TreeItem(node.label);
				item.iconPath = new vscode.ThemeIcon(node.over ? 'error' : 'dashboard', node.over ? new vscode.ThemeColor('errorForeground') : undefined);
				item.command = { command: 'zohoCredits.showBudgetPanel', title: 'Show Budget Panel' };
				item.tooltip = 'Estimated credits a day of the whole workspace. Click to open the budget panel.';
				return item;
			}
			case 'entry': {
				const { row } = node;
				const item = new vscode.TreeItem(row.name);
				item.description = `${row.perDay} cr/day · ${row.share}`;
				item.tooltip = new vscode.MarkdownString(entryTooltip(row));
				item.iconPath = new vscode.ThemeIcon('symbol-function');
				item.command = { command: OPEN, title: 'Open', arguments: [row.path, row.line] };
				return item;
			}
			case 'findings': {
				const item = new vscode.TreeItem(`Findings (${node.rows.length})`, vscode.TreeItemCollapsibleState.Collapsed);
				item.iconPath = new vscode.ThemeIcon('warning');
				return item;
			}
			case 'finding': {
				const { row } = node;
				const item = new vscode.TreeItem(row.message);
				item.description = `${row.path}:${row.line}`;
				item.tooltip = `${row.severity}: ${row.message} (${row.id})`;
				item.iconPath = new vscode.ThemeIcon(row.severity === 'error' ? 'error' : row.severity === 'warning' ? 'warning' : 'info');
				item.command = { command: OPEN, title: 'Open', arguments: [row.path, row.line] };
				return item;
			}
		}
	}

	dispose(): void {
		this.store.want(this, false);
		this.emitter.dispose();
		for (const d of this.disposables) d.dispose();
	}
}
