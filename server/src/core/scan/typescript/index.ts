/**
 * TypeScript/JavaScript scanner: finds Zoho CRM requests (official SDKs and raw REST clients) and the
 * loops around them, on the TypeScript compiler API at syntax level, in one pass per file.
 * Never throws: the TypeScript parser recovers from any input, and unknown shapes are passed over.
 */
import ts from 'typescript';
import { sdkOfImport } from '../../catalog';
import {
	type BranchFact,
	EVALUATION_BUDGET,
	type CallFact,
	type DeferredCall,
	type ExportFact,
	type FileFacts,
	type FunctionFact,
	type ImportFact,
	type InvocationFact,
	type Language,
	type LoopFact,
	MAX_NESTING,
	NESTING_LIMIT,
	type ScanError,
} from '../../facts';
import { namesZoho } from '../../zoho-markers';
import { describeLoop } from './loops';
import { boundNames, functionStartOf, PageResponses } from './pages';
import { bodyArgument, bodyFacts, bodyParameter, queryTemplate } from './body';
import {
	evaluate,
	fieldOf,
	GLOBAL_OBJECTS,
	importedMember,
	isUserModule,
	MAX_EVALUATION_STEPS,
	memberOf,
	moduleValue,
	optionsText,
	Scope,
	stringPart,
	unwrap,
	type UserRef,
	type Value,
} from './values';
import { recogniseCall } from './recognizers';
import { StatementReuse, type WalkRecords } from './reuse';
import { httpClientMarker, listMarker, parameterMarker } from '../zoho-url';
import {
	forEachChild,
	isArrayBindingPattern,
	isArrowFunction,
	isBinaryExpression,
	isBindingElement,
	isBlock,
	isBreakStatement,
	isCallExpression,
	isCaseClause,
	isClassDeclaration,
	isClassExpression,
	isClassLike,
	isConditionalExpression,
	isConstructorDeclaration,
	isContinueStatement,
	isExportAssignment,
	isExportDeclaration,
	isExpressionStatement,
	isExternalModuleReference,
	isFunctionDeclaration,
	isFunctionExpression,
	isFunctionLike,
	isGetAccessor,
	isGetAccessorDeclaration,
	isIdentifier,
	isIfStatement,
	isImportDeclaration,
	isImportEqualsDeclaration,
	isIterationStatement,
	isMethodDeclaration,
	isNamedExports,
	isNamedImports,
	isNamespaceExport,
	isNamespaceImport,
	isNewExpression,
	isObjectBindingPattern,
	isObjectLiteralExpression,
	isPrivateIdentifier,
	isPropertyAccessExpression,
	isPropertyAssignment,
	isPropertyDeclaration,
	isReturnStatement,
	isSetAccessor,
	isShorthandPropertyAssignment,
	isSourceFile,
	isSpreadElement,
	isStringLiteral,
	isStringLiteralLike,
	isSwitchStatement,
	isThrowStatement,
	isTryStatement,
	isTypeReferenceNode,
	isVariableDeclaration,
	isVariableDeclarationList,
	isVariableStatement,
	SyntaxKind,
} from './syntax';

export function scriptKindOf(path: string): ts.ScriptKind {
	const lower = path.toLowerCase();
	if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
	if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
	if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
	return ts.ScriptKind.TS;
}

/** Array methods whose callback runs once per element. */
const ARRAY_CALLBACKS = new Set([
	'forEach',
	'map',
	'flatMap',
	'filter',
	'reduce',
	'reduceRight',
	'some',
	'every',
	'find',
	'findIndex',
	'findLast',
	'findLastIndex',
]);

/** Sets a node's parent pointer (the parse leaves them unset). */
function adopt(child: ts.Node, parent: ts.Node): void {
	(child as { parent: ts.Node }).parent = parent;
}

/** What the walk does with a node of each kind: skip it, only walk into it, or look at it first. */
const WALK = 0;
const SKIP = 1;
const LOOK = 2;
const KIND_ACTION = (() => {
	const K = ts.SyntaxKind;
	const table = new Uint8Array(K.Count).fill(WALK);
	// Nothing in these runs: tokens (names, literals, keywords), types, type and import declarations (bound before the walk).
	for (let k = 0; k <= K.LastToken; k++) table[k] = SKIP;
	for (let k = K.FirstTypeNode; k <= K.LastTypeNode; k++) table[k] = SKIP;
	for (const k of [K.InterfaceDeclaration, K.TypeAliasDeclaration, K.ImportDeclaration, K.ImportEqualsDeclaration]) table[k] = SKIP;
	// Declarations, functions with bodies, assignments, branches, loops and calls: what the walk records.
	for (const k of [
		K.VariableDeclaration,
		K.ClassDeclaration,
		K.ClassExpression,
		K.FunctionDeclaration,
		K.MethodDeclaration,
		K.Constructor,
		K.GetAccessor,
		K.SetAccessor,
		K.FunctionExpression,
		K.ArrowFunction,
		K.BinaryExpression,
		K.IfStatement,
		K.ConditionalExpression,
		K.SwitchStatement,
		K.TryStatement,
		K.Block,
		K.ForStatement,
		K.ForInStatement,
		K.ForOfStatement,
		K.WhileStatement,
		K.DoStatement,
		K.CallExpression,
	])
		table[k] = LOOK;
	return table;
})();

/** Characters compared at once while looking for where a new version of a text departs from the last. */
const BLOCK = 1024;

/**
 * Versions parsed and walked from the last one, past which a document is parsed and walked afresh. Each
 * version's tree and walk keep parts of the versions before (names TypeScript's scanner cut out of
 * their texts, facts of statements reused): 3,000 one-line edits of the bench's 3,000-line file took the
 * heap from 35 to 65 MB, and starting over every 200 versions keeps it under 50 MB, for one slower edit
 * in 200.
 */
export const MAX_VERSIONS_FROM_LAST = 200;

/** A parse the next one can start from: the text and TypeScript's tree of it (kept for open documents). */
export interface TypeScriptParse {
	readonly path: string;
	readonly text: string;
	readonly source: ts.SourceFile;
	/** How many versions in a row were parsed from the one before (0 for a parse from scratch). */
	readonly versions: number;
	/** What the walk of each top-level statement found, for the next version's walk to reuse. */
	readonly walk?: WalkRecords;
}

/**
 * The tree of a text: parsed again only where it differs from the previous one (TypeScript's
 * incremental parser reuses the rest), else from scratch, without parent pointers (setting them
 * costs a quarter of the parse): the walk sets them on the nodes it enters.
 */
function parseTypeScript(text: string, path: string, previous: TypeScriptParse | undefined): ts.SourceFile {
	if (!previous || previous.path !== path) return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
	const old = previous.text;
	const max = Math.min(old.length, text.length);
	// Where the texts part, found a block at a time (comparing substrings is far quicker than characters) and then a character at a time.
	let start = 0;
	while (start + BLOCK <= max && old.substring(start, start + BLOCK) === text.substring(start, start + BLOCK)) start += BLOCK;
	while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
	let oldEnd = old.length;
	let newEnd = text.length;
	while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && old.substring(oldEnd - BLOCK, oldEnd) === text.substring(newEnd - BLOCK, newEnd)) {
		oldEnd -= BLOCK;
		newEnd -= BLOCK;
	}
	while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
		oldEnd--;
		newEnd--;
	}
	try {
		return ts.updateSourceFile(previous.source, text, ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start));
	} catch {
		// Should the incremental parser ever fail, a whole parse is the answer.
		return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
	}
}

export function scanTypeScript(text: string, path: string, language: Language): FileFacts {
	return scanTypeScriptFrom(text, path, language, undefined, false).facts;
}

/**
 * Scans a new version of a file from the parse of its last version (an open document being edited).
 * The previous parse must not be used again: TypeScript reuses its nodes. With `remember`, the parse
 * returned keeps what the walk of each top-level statement found, and the next version's walk reuses
 * it for the statements an edit did not touch (`reuse.ts`).
 */
export function scanTypeScriptFrom(
	text: string,
	path: string,
	language: Language,
	previous: TypeScriptParse | undefined,
	remember = true,
): { facts: FileFacts; parse: TypeScriptParse; reused: number } {
	// The last version of the same file to start from, unless the line of versions is long enough to start over.
	const last = previous && previous.path === path && previous.versions < MAX_VERSIONS_FROM_LAST ? previous : undefined;
	const source = parseTypeScript(text, path, last);
	const calls: CallFact[] = [];
	const loops: LoopFact[] = [];
	const loopStack: number[] = [];
	const moduleScope = new Scope();
	const module: ModuleFacts = { functions: [], imports: [], exports: [] };
	const invocations: InvocationFact[] = [];
	const deferred: DeferredCall[] = [];
	const branches: BranchFact[] = [];
	const spanOf = (n: ts.Node) => ({ start: n.getStart(source), end: n.getEnd() });
	const usesLegacySdk = text.includes('zcrmsdk');
	/** Statements already taken as the first try of a retry. */
	const retried = new Set<ts.Node>();
	/** Early returns taken as alternatives so far, by block (one walk's count: blocks outlive it in the next version's tree). */
	const earlyReturns = new Map<ts.Node, number>();
	/**
	 * Each block's statements by position, built once a block in this walk (a block of thousands of `if`s
	 * is read in linear time). Kept by the walk, not in a module-wide WeakMap: V8's young-generation
	 * collections keep alive what a WeakMap's entries reach, so every tree walked survived into the old
	 * generation (four scans of the dense workspace's TS/JS files spent 1.5 s of their 6.8 s in
	 * young-generation collections; with the map kept here, 0.13 s).
	 */
	const positions: Positions = new Map();

	bindTopLevel(source, moduleScope, module);
	// A script loaded by a page shares its top-level functions with the page's other scripts.
	const script = language === 'javascript' && isScript(source, module);

	const pages = new PageResponses();
	const pushLoop = (loop: LoopFact): void => {
		loops.push(loop);
		loopStack.push(loops.length - 1);
	};

	// Children are visited through one shared callback (no closure per node): it reads the scopes set here.
	// The walk sets each entered node's parent, so the ancestors of any node it looks at are known.
	let currentScope = moduleScope;
	let currentThis: Scope | undefined;
	let currentParent: ts.Node = source;
	const visitChild = (child: ts.Node): void => {
		adopt(child, currentParent);
		visit(child, currentScope, currentThis);
	};
	const visitChildren = (node: ts.Node, scope: Scope, thisScope: Scope | undefined): void => {
		const savedScope = currentScope;
		const savedThis = currentThis;
		const savedParent = currentParent;
		currentScope = scope;
		currentThis = thisScope;
		currentParent = node;
		forEachChild(node, visitChild);
		currentScope = savedScope;
		currentThis = savedThis;
		currentParent = savedParent;
	};
	/** Visits a child the walk enters by hand, its parent set first. */
	const visitUnder = (child: ts.Node, parent: ts.Node, scope: Scope, thisScope: Scope | undefined): void => {
		adopt(child, parent);
		visit(child, scope, thisScope);
	};

	const recordInvocation = (node: ts.CallExpression, callee: Extract<Value, { kind: 'user' }>, scope: Scope, thisScope: Scope | undefined): void => {
		const ref = callee.ref;
		invocations.push({
			span: { start: node.getStart(source), end: node.getEnd() },
			loops: [...loopStack],
			target: invocationTarget(ref),
			callee: calleeLabel(unwrap(node.expression)),
			args: argumentsOf(node, scope, thisScope),
		});
	};

	/** The loop depth at which each array or object value was made: a push inside deeper loops runs once per iteration. */
	const builtAt = new WeakMap<Value, number>();
	/** Replaces a built value, keeping where it was made. */
	const rebuild = (scope: Scope, name: string, before: Value, after: Value): void => {
		builtAt.set(after, builtAt.get(before) ?? 0);
		scope.assign(name, after);
	};
	/** How many times the loops entered since a value was made run, when all their counts are known. */
	const timesSince = (value: Value): number | undefined => {
		let times: number | undefined = 1;
		for (const i of loopStack.slice(builtAt.get(value) ?? 0))
			times = times === undefined || loops[i].iterations === undefined ? undefined : times * loops[i].iterations!;
		return times;
	};
	/** `ids.push(id)`, `body.data.push(row)`: the array grows by the items, once per iteration of the loops around. */
	const fill = (array: ts.Expression, items: readonly ts.Expression[], scope: Scope, thisScope: Scope | undefined): void => {
		const added = items.some(isSpreadElement) ? undefined : items.length;
		const grow = (value: Value): Value | undefined => {
			const times = timesSince(value);
			return value.kind === 'array'
				? { kind: 'array', length: value.length === undefined || added === undefined || times === undefined ? undefined : value.length + added * times }
				: undefined;
		};
		const target = unwrap(array);
		if (isIdentifier(target)) {
			const value = scope.get(target.text);
			if (value?.kind === 'array') {
				const grown = grow(value)!;
				rebuild(scope, target.text, value, grown);
			}
		} else if (isPropertyAccessExpression(target) && isIdentifier(target.expression)) {
			const object = scope.get(target.expression.text);
			const field = object?.kind === 'object' ? fieldOf(object, target.name.text, scope, thisScope) : undefined;
			if (object?.kind === 'object' && field?.kind === 'array') {
				builtAt.set(field, builtAt.get(object) ?? 0);
				rebuild(scope, target.expression.text, object, { ...object, fields: new Map(object.fields).set(target.name.text, grow(field)) });
			}
		}
	};

	/** Nodes entered above the current one; past MAX_NESTING the walk goes no deeper (the first place is kept). */
	let depth = 0;
	let tooDeepAt: number | undefined;
	/** How many times the walk stopped at the nesting limit. */
	let stops = 0;
	const visit = (node: ts.Node, scope: Scope, thisScope: Scope | undefined): void => {
		if (depth >= MAX_NESTING) {
			tooDeepAt ??= node.pos;
			stops++;
			return;
		}
		depth++;
		visitNode(node, scope, thisScope);
		depth--;
	};

	const visitNode = (node: ts.Node, scope: Scope, thisScope: Scope | undefined): void => {
		// Most nodes cannot hold a call: tokens (names, literals, keywords), types, and declarations of
		// types and imports (bound before the walk). Returning at once keeps the walk near the cost of the parse.
		const action = KIND_ACTION[node.kind];
		if (action === SKIP) return;
		if (action === WALK) {
			visitChildren(node, scope, thisScope);
			return;
		}
		// A function declared in a nested block (a `try`, an `if`) is callable throughout the block.
		if (isBlock(node)) {
			if (!isFunctionLike(node.parent)) bindFunctionDeclarations(node.statements, scope);
			visitChildren(node, scope, thisScope);
			return;
		}
		// Declarations bind names for what follows in the same scope.
		if (isVariableDeclaration(node)) {
			const before = calls.length;
			if (node.initializer) visitUnder(node.initializer, node, scope, thisScope);
			// A name holding a page of records a list read returned: loops over it run as many times as the page holds.
			if (node.initializer) {
				const made = calls.length > before ? calls[before] : undefined;
				pages.declare(
					boundNames(node.name),
					node.initializer,
					made && { call: made, text: text.slice(made.span.start, made.span.end) },
					functionStartOf(node, source),
				);
			}
			// Top-level statements were bound before the walk, with what they import.
			const list = node.parent;
			const topLevel = isVariableDeclarationList(list) && isVariableStatement(list.parent) && isSourceFile(list.parent.parent);
			if (!topLevel) bindDeclaration(node, scope, thisScope, module);
			// Arrays and objects filled later are filled once per iteration of the loops entered after this.
			const declared = isIdentifier(node.name) ? scope.get(node.name.text) : undefined;
			if (declared?.kind === 'array' || declared?.kind === 'object') builtAt.set(declared, loopStack.length);
			return;
		}
		if (isClassDeclaration(node) || isClassExpression(node)) {
			const className = classNameOf(node);
			const classScope = new Scope(scope);
			const instance = new Scope(undefined, scope.work);
			instance.set('this', { kind: 'user-instance', ref: { kind: 'local', name: className } });
			bindClassMembers(node, classScope, instance);
			for (const member of node.members) visitUnder(member, node, classScope, instance);
			return;
		}
		if (isFunctionLike(node) && 'body' in node && node.body) {
			const name = functionNameOf(node);
			if (name) module.functions.push({ name, span: { start: node.getStart(source), end: node.getEnd() }, nameSpan: nameSpanOf(node, source) });
			const inner = new Scope(scope);
			const start = node.getStart(source);
			node.parameters.forEach((parameter, index) => bindParameter(parameter, inner, { fn: start, index }));
			if (isBlock(node.body)) bindFunctionDeclarations(node.body.statements, inner);
			visitUnder(node.body as ts.Node, node, inner, thisScope);
			return;
		}
		if (isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken) {
			visitChildren(node, scope, thisScope);
			const target = unwrap(node.left);
			if (isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword && thisScope) {
				const value = evaluate(node.right, scope, thisScope);
				if (value) thisScope.set(`this.${target.name.text}`, value);
			} else if (isIdentifier(target)) {
				// A reassigned name no longer has the value it was declared with, unless the new one only adds to
				// it (`url = \`\${url}/search?…\``): the request goes where it went, with more after it.
				const value = evaluate(node.right, scope, thisScope);
				const before = scope.get(target.text);
				if (value?.kind === 'string' && before?.kind === 'string' && value.text.length > before.text.length && value.text.startsWith(before.text))
					scope.set(target.text, value);
				else if (!value || value.kind === 'string' || value.kind === 'number') scope.set(target.text, undefined);
			} else if (isPropertyAccessExpression(target) && isIdentifier(target.expression)) {
				// `body.data = [lead]`: an object assembled field by field.
				const object = scope.get(target.expression.text);
				// An object given thousands of fields keeps the first ones: each assignment copies what is kept.
				if (object?.kind === 'object' && ((object.fields?.size ?? 0) < MAX_TRACKED_FIELDS || object.fields?.has(target.name.text))) {
					rebuild(scope, target.expression.text, object, {
						...object,
						fields: new Map(object.fields).set(target.name.text, evaluate(node.right, scope, thisScope)),
					});
				}
			}
			return;
		}
		// Only one arm of an if/else chain, a conditional or a switch runs.
		if (isIfStatement(node) && node.elseStatement && !(isIfStatement(node.parent) && node.parent.elseStatement === node)) {
			const arms: { start: number; end: number }[] = [];
			let branch: ts.IfStatement | undefined = node;
			while (branch) {
				arms.push(spanOf(branch.thenStatement));
				const otherwise: ts.Statement | undefined = branch.elseStatement;
				branch = otherwise && isIfStatement(otherwise) ? otherwise : undefined;
				if (otherwise && !branch) arms.push(spanOf(otherwise));
			}
			branches.push({ span: spanOf(node), arms });
		} else if (isConditionalExpression(node)) {
			branches.push({ span: spanOf(node), arms: [spanOf(node.whenTrue), spanOf(node.whenFalse)] });
		} else if (isSwitchStatement(node)) {
			// switch (name) on a parameter: each call with a literal name runs one arm (`executeTool('get_record')`).
			const discriminant = evaluate(node.expression, scope, thisScope);
			const on =
				discriminant?.kind === 'param'
					? {
							param: parameterMarker(discriminant.fn, discriminant.index, discriminant.member),
							cases: node.caseBlock.clauses.map((c) => (isCaseClause(c) && isStringLiteralLike(c.expression) ? c.expression.text : undefined)),
							falls: node.caseBlock.clauses.map((c) => !leaves(c.statements)),
						}
					: undefined;
			branches.push({ span: spanOf(node), arms: node.caseBlock.clauses.map(spanOf), ...(on ? { on } : {}) });
		} else if (isTryStatement(node) && node.catchClause) {
			// The catch block runs when the try block failed: a retry there is the same request again, not a second one.
			branches.push({ span: { start: node.getStart(source), end: node.catchClause.getEnd() }, arms: [spanOf(node.tryBlock), spanOf(node.catchClause.block)] });
		}
		if (isIfStatement(node) && !node.elseStatement) {
			const alternative = retryOf(node, source, retried, positions) ?? earlyReturnOf(node, source, earlyReturns, positions);
			if (alternative) branches.push(alternative);
		}
		if (isIterationStatement(node, false)) {
			pushLoop(describeLoop(node, source, text, scope, thisScope, pages));
			visitChildren(node, scope, thisScope);
			loopStack.pop();
			return;
		}
		if (isCallExpression(node)) {
			const calleeValue = evaluate(node.expression, scope, thisScope);
			const callee = unwrap(node.expression);
			const member = isPropertyAccessExpression(callee) ? callee.name.text : undefined;
			// One shape for every call site (no spread): built for every call of every file.
			const request = recogniseCall({
				call: node,
				callee,
				args: node.arguments,
				target: calleeValue,
				member,
				receiver: member !== undefined ? evaluate((callee as ts.PropertyAccessExpression).expression, scope, thisScope) : undefined,
				label: calleeLabel(callee),
				scope,
				thisScope,
				usesLegacySdk,
			});
			// A method of a value another file exports: a request if that value is an SDK or HTTP client instance, else a function of the workspace.
			if ((request?.deferred?.sdk || request?.deferred?.client) && calleeValue?.kind === 'user') recordInvocation(node, calleeValue, scope, thisScope);
			const bodyParam = request && (request.bodyTemplate ?? bodyParameter(request.body, scope, thisScope) ?? queryTemplate(request.body, scope, thisScope));
			if (request?.deferred) {
				deferred.push({
					span: { start: node.getStart(source), end: node.getEnd() },
					callee: request.callee,
					method: request.method,
					...request.deferred,
					loops: [...loopStack],
					...bodyFacts(request.body, scope, thisScope),
					...(bodyParam ? { bodyParam } : {}),
				});
			} else if (request) {
				const template = request.template || bodyParam ? { ...request.template, ...(bodyParam ? { body: bodyParam } : {}) } : undefined;
				calls.push({
					span: { start: node.getStart(source), end: node.getEnd() },
					via: request.via,
					callee: request.callee,
					method: request.method,
					path: request.path,
					loops: [...loopStack],
					...(request.sdk ? { sdk: request.sdk } : {}),
					...(template ? { template } : {}),
					...(request.evidence ? { evidence: request.evidence } : {}),
					...bodyFacts(request.body, scope, thisScope),
				});
			} else if (calleeValue?.kind === 'user') recordInvocation(node, calleeValue, scope, thisScope);
			else if (script && !calleeValue && isIdentifier(callee) && !scope.has(callee.text)) {
				invocations.push({
					span: { start: node.getStart(source), end: node.getEnd() },
					loops: [...loopStack],
					target: { kind: 'global', name: callee.text },
					callee: callee.text,
					args: argumentsOf(node, scope, thisScope),
				});
			}
			if (!request && isPropertyAccessExpression(callee) && (callee.name.text === 'push' || callee.name.text === 'unshift'))
				fill(callee.expression, node.arguments, scope, thisScope);
			if (!request && !registers(callee)) {
				// A function of the workspace handed to a helper (`retry(getLead)`, `unstable_cache(listLeads)`) runs
				// where the helper is called; handed to `forEach`/`map`, once per element.
				const perElement = isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.name.text);
				for (const argument of node.arguments) {
					const passed = isIdentifier(argument) || isPropertyAccessExpression(argument) ? evaluate(argument, scope, thisScope) : undefined;
					if (passed?.kind !== 'user' || !isFunctionReference(argument, passed)) continue;
					if (perElement) pushLoop(describeLoop(node, source, text, scope, thisScope, pages));
					invocations.push({
						span: { start: node.getStart(source), end: node.getEnd() },
						loops: [...loopStack],
						target: invocationTarget(passed.ref),
						callee: calleeLabel(unwrap(argument)),
						args: [],
					});
					if (perElement) loopStack.pop();
				}
			}
			const callback = arrayCallback(node);
			if (callback) {
				visitUnder(node.expression, node, scope, thisScope);
				pushLoop(describeLoop(node, source, text, scope, thisScope, pages));
				for (const argument of node.arguments) visitUnder(argument, node, scope, thisScope);
				loopStack.pop();
				return;
			}
		}
		visitChildren(node, scope, thisScope);
	};
	// The top-level statements, each reused from the last version's walk when it can be (`reuse.ts`).
	const reuse = remember
		? new StatementReuse(
				{
					text,
					scope: moduleScope,
					pages,
					calls,
					loops,
					invocations,
					deferred,
					branches,
					functions: module.functions,
					imports: module.imports,
					stops: () => stops,
				},
				`${script}:${usesLegacySdk}`,
				last?.walk,
			)
		: undefined;
	depth = 1;
	for (const statement of source.statements) {
		adopt(statement, source);
		// A top-level `if` reads the statements before it (a retry of the request they make): it is always walked.
		if (reuse && !isIfStatement(statement)) reuse.statement(statement, () => visit(statement, moduleScope, undefined));
		else visit(statement, moduleScope, undefined);
	}
	depth = 0;
	assignPaginationModules(loops, calls);

	const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
	const errors: ScanError[] = diagnostics.map((d) => ({
		code: `TS${d.code}`,
		message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
		span: { start: d.start, end: d.start + d.length },
	}));
	const strings = topLevelStrings(source, moduleScope);
	if (tooDeepAt !== undefined) {
		errors.push({
			code: NESTING_LIMIT,
			message: `Code nested more than ${MAX_NESTING} levels deep is not read from here on: Zoho CRM calls inside it are not counted.`,
			span: { start: tooDeepAt, end: tooDeepAt },
			namesZoho: namesZoho(text),
		});
	}
	if (moduleScope.exhausted) {
		errors.push({
			code: EVALUATION_BUDGET,
			message: `Values in this file take more than ${MAX_EVALUATION_STEPS.toLocaleString('en-US')} steps to follow; the rest are read as unknown (URLs, counts and clients after that point may be missed).`,
			span: { start: 0, end: 0 },
		});
	}
	const facts: FileFacts = {
		language,
		calls,
		loops,
		errors,
		branches,
		functions: module.functions,
		imports: module.imports,
		exports: module.exports,
		invocations,
		deferred,
		strings,
		...(script ? { script } : {}),
	};
	return {
		facts,
		parse: { path, text, source, versions: last ? last.versions + 1 : 0, ...(reuse ? { walk: reuse.result() } : {}) },
		reused: reuse?.reused ?? 0,
	};
}

/** A condition that says the request failed and is sent again: a refreshed token, a 401, a failed status. */
const RETRY_CONDITION = /retry|401|unauthori[sz]ed|expired|invalid|token|refresh|status|\.ok\b|fail|error/i;

/**
 * `let r = await send(token); if (r.status === 401) { token = await refresh(); r = await send(token); }`:
 * the second call repeats the first when it failed, so a run makes one of the two. A branch whose arms
 * are the statement of the first call and the retrying block.
 */
function retryOf(node: ts.IfStatement, source: ts.SourceFile, retried: Set<ts.Node>, positions: Positions): BranchFact | undefined {
	const block = node.parent;
	if (!isBlock(block) && !isSourceFile(block)) return undefined;
	const condition = node.expression.getText(source);
	if (condition.length > 300 || !RETRY_CONDITION.test(condition)) return undefined;
	// The call again, or the function handed to a helper that calls it again (`refreshAndRetry(search, props)`).
	const again = callLabels(node.thenStatement, true);
	if (again.size === 0) return undefined;
	const statements = block.statements;
	const at = indexIn(block, node, positions);
	for (let i = at - 1; i >= Math.max(0, at - 4); i--) {
		const first = statements[i];
		// An early return in between already makes the rest of the block a branch of its own.
		const between = statements[i + 1];
		if (i < at - 1 && isIfStatement(between) && exits(between)) return undefined;
		if (![...callLabels(first)].some((label) => again.has(label))) continue;
		if (retried.has(first) || isIfStatement(first)) return undefined;
		retried.add(first);
		retried.add(node);
		return {
			span: { start: first.getStart(source), end: node.getEnd() },
			arms: [
				{ start: first.getStart(source), end: first.getEnd() },
				{ start: node.thenStatement.getStart(source), end: node.thenStatement.getEnd() },
			],
		};
	}
	return undefined;
}

/** The arguments of a call as linking reads them: a body's records, an options object's URL and method, else the text. */
function argumentsOf(call: ts.CallExpression, scope: Scope, thisScope: Scope | undefined): string[] {
	return call.arguments.map(
		(a) =>
			bodyArgument(a, scope, thisScope) ??
			// `{ select_query: query }` handed on with this function's own parameter: each call of it fills the query.
			queryTemplate(a, scope, thisScope) ??
			optionsText(a, scope, thisScope) ??
			listArgument(a, scope, thisScope) ??
			stringPart(a, scope, thisScope),
	);
}

/** A list of known length, for loops over the parameter it fills: `['Contacts', 'Leads']`, a constant holding one. */
function listArgument(argument: ts.Expression, scope: Scope, thisScope: Scope | undefined): string | undefined {
	const value = evaluate(argument, scope, thisScope);
	return value?.kind === 'array' && value.length !== undefined ? listMarker(value.length) : undefined;
}

/** What an invocation of a user function or method calls, for linking. */
function invocationTarget(ref: UserRef): InvocationFact['target'] {
	return ref.kind === 'local'
		? { kind: 'local', name: ref.name }
		: { kind: 'import', local: ref.local, ...(ref.member ? { member: ref.member } : {}), ...(ref.instance ? { instance: true } : {}) };
}

/**
 * Calls that register a function for later rather than run it: routes (`router.get('/leads', listLeads)`),
 * events, timers and jobs. The function stays an entry point of its own, run by the framework.
 */
const REGISTRATIONS = new Set([
	'get',
	'post',
	'put',
	'patch',
	'delete',
	'del',
	'all',
	'use',
	'route',
	'on',
	'once',
	'addListener',
	'addEventListener',
	'listen',
	'handle',
	'schedule',
	'setTimeout',
	'setInterval',
	'setImmediate',
	'queueMicrotask',
	'nextTick',
	'subscribe',
	'register',
	'command',
	'action',
	'process',
	'define',
	'every',
	'catch',
]);

function registers(callee: ts.Expression): boolean {
	const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : undefined;
	return name !== undefined && REGISTRATIONS.has(name);
}

/**
 * True when an argument names a function rather than data: a name bound to a function of this file or
 * imported (a module's constants are imported names too, but linking finds no function under them).
 * `this.x` and namespaces' members stay data unless linked to a function.
 */
function isFunctionReference(argument: ts.Expression, value: Extract<Value, { kind: 'user' }>): boolean {
	return isIdentifier(argument) || value.ref.kind === 'import';
}

/** Early returns taken as alternatives in one block (each walk counts them by block). */
const MAX_EARLY_RETURNS = 100;

/** Fields set one by one that an object keeps: far more than a request body has. */
const MAX_TRACKED_FIELDS = 64;

/** Each block's statements by position, as one walk has needed them. */
type Positions = Map<ts.Node, Map<ts.Node, number>>;

function indexIn(block: ts.Block | ts.SourceFile, statement: ts.Node, positions: Positions): number {
	let inBlock = positions.get(block);
	if (!inBlock) {
		inBlock = new Map(block.statements.map((s, i) => [s as ts.Node, i]));
		positions.set(block, inBlock);
	}
	return inBlock.get(statement) ?? -1;
}

/** True when statements end by leaving: `break`, `return`, `throw` or `continue` (also as the last statement of a block). */
function leaves(statements: readonly ts.Statement[]): boolean {
	const last = statements[statements.length - 1];
	if (!last) return false;
	if (isBlock(last)) return leaves(last.statements);
	return isBreakStatement(last) || isReturnStatement(last) || isThrowStatement(last) || isContinueStatement(last);
}

/** True when an `if` without `else` always leaves the function or loop from its block (`return`, `throw`, `continue`, `break`). */
function exits(node: ts.IfStatement): boolean {
	if (node.elseStatement) return false;
	const then = node.thenStatement;
	const last = isBlock(then) ? then.statements[then.statements.length - 1] : then;
	return last !== undefined && (isReturnStatement(last) || isThrowStatement(last) || isContinueStatement(last) || isBreakStatement(last));
}

/**
 * `if (cached) { return await getOne(); } return await getAll();`: the block that always leaves and the
 * rest of the enclosing block are alternatives, as if the rest were its `else`.
 */
function earlyReturnOf(node: ts.IfStatement, source: ts.SourceFile, earlyReturns: Map<ts.Node, number>, positions: Positions): BranchFact | undefined {
	const block = node.parent;
	if (!isBlock(block) || !exits(node)) return undefined;
	// Each early return nests the rest of the block one level deeper: past a number no real block
	// reaches, the rest counts in full (as it did before the rule), which bounds the work.
	const earlier = (earlyReturns.get(block) ?? 0) + 1;
	earlyReturns.set(block, earlier);
	if (earlier > MAX_EARLY_RETURNS) return undefined;
	const at = indexIn(block, node, positions);
	const statements = block.statements;
	if (at < 0 || at === statements.length - 1) return undefined;
	const restSpan = { start: statements[at + 1].getStart(source), end: statements[statements.length - 1].getEnd() };
	return {
		span: { start: node.getStart(source), end: restSpan.end },
		arms: [{ start: node.thenStatement.getStart(source), end: node.thenStatement.getEnd() }, restSpan],
	};
}

/** The callees a statement calls by name (`send`, `this.zoho.post`), looked for within a few hundred nodes. */
function callLabels(node: ts.Node, handedOver = false): Set<string> {
	const labels = new Set<string>();
	let budget = 300;
	const add = (label: string) => {
		if (label !== '…' && !label.startsWith('console.') && !/refresh|token/i.test(label)) labels.add(label);
	};
	const look = (n: ts.Node): void => {
		if (--budget < 0 || isFunctionLike(n)) return;
		if (isCallExpression(n)) {
			add(calleeLabel(unwrap(n.expression)));
			// With `handedOver`, functions passed by name count as called: a helper calls them.
			if (handedOver) for (const arg of n.arguments) if (isIdentifier(arg) || isPropertyAccessExpression(arg)) add(calleeLabel(arg));
		}
		forEachChild(n, look);
	};
	look(node);
	return labels;
}

/** True for a file with no module syntax: no import, export, `require` or `module.exports`. */
function isScript(source: ts.SourceFile, module: ModuleFacts): boolean {
	if (module.imports.length > 0 || module.exports.length > 0) return false;
	for (const statement of source.statements) {
		if (isImportDeclaration(statement) || isExportDeclaration(statement) || isExportAssignment(statement) || isImportEqualsDeclaration(statement)) return false;
		if (ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === SyntaxKind.ExportKeyword)) return false;
	}
	return !/\brequire\s*\(/.test(source.text);
}

/** Top-level constants holding strings, for files that import them (URL bases and paths). */
function topLevelStrings(source: ts.SourceFile, scope: Scope): Record<string, string> {
	const out: Record<string, string> = {};
	for (const statement of source.statements) {
		// `export default axios.create(…)`, `module.exports = axios.create(…)`: a client exported as the module's default.
		const exported = isExportAssignment(statement)
			? statement.expression
			: isExpressionStatement(statement) &&
				  isBinaryExpression(statement.expression) &&
				  statement.expression.operatorToken.kind === SyntaxKind.EqualsToken &&
				  commonJsExportName(statement.expression.left) === 'default'
				? statement.expression.right
				: undefined;
		if (exported && !isIdentifier(unwrap(exported))) {
			const value = evaluate(exported, scope);
			if (value?.kind === 'http' && value.client === 'axios') out.default = httpClientMarker(value.client, value.base);
		}
		if (!isVariableStatement(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!isIdentifier(declaration.name)) continue;
			const value = scope.get(declaration.name.text);
			if (value?.kind === 'string') out[declaration.name.text] = value.text;
			// An SDK instance other files may import and call.
			else if (value?.kind === 'sdk-instance' && declaration.initializer) out[declaration.name.text] = stringPart(declaration.initializer, scope);
			// An HTTP client instance, likewise (`const zoho = axios.create({ baseURL })`).
			else if (value?.kind === 'http' && value.client === 'axios') out[declaration.name.text] = httpClientMarker(value.client, value.base);
		}
	}
	return out;
}

interface ModuleFacts {
	readonly functions: FunctionFact[];
	readonly imports: ImportFact[];
	readonly exports: ExportFact[];
}

function classNameOf(node: ts.ClassLikeDeclaration): string {
	if (node.name) return node.name.text;
	const parent = node.parent;
	if (parent && isVariableDeclaration(parent) && isIdentifier(parent.name)) return parent.name.text;
	return 'default';
}

/** The name a function is known by: its own, the variable or property holding it, or `Class.method`. */
function functionNameOf(node: ts.SignatureDeclaration): string | undefined {
	if ((isMethodDeclaration(node) || isGetAccessor(node) || isSetAccessor(node)) && isClassLike(node.parent)) {
		const name = node.name && isIdentifier(node.name) ? node.name.text : undefined;
		return name ? `${classNameOf(node.parent)}.${name}` : undefined;
	}
	if (isConstructorDeclaration(node) && isClassLike(node.parent)) return `${classNameOf(node.parent)}.constructor`;
	if (isFunctionDeclaration(node)) {
		if (node.name) return node.name.text;
		return ts.getModifiers(node)?.some((m) => m.kind === SyntaxKind.DefaultKeyword) ? 'default' : undefined;
	}
	if (isMethodDeclaration(node) && isObjectLiteralExpression(node.parent)) {
		const key = node.name && isIdentifier(node.name) ? node.name.text : undefined;
		const owner = objectOwnerName(node.parent);
		return key && owner ? `${owner}.${key}` : key;
	}
	if (isArrowFunction(node) || isFunctionExpression(node)) {
		const parent = node.parent;
		if (isVariableDeclaration(parent) && isIdentifier(parent.name)) return parent.name.text;
		if (isPropertyAssignment(parent) && isObjectLiteralExpression(parent.parent) && isModuleExports(parent.parent.parent)) return propertyNameText(parent.name);
		if (isPropertyAssignment(parent) && isObjectLiteralExpression(parent.parent)) {
			const key = propertyNameText(parent.name);
			const owner = objectOwnerName(parent.parent);
			if (key && owner) return `${owner}.${key}`;
		}
		if (isPropertyDeclaration(parent) && isClassLike(parent.parent) && isIdentifier(parent.name)) return `${classNameOf(parent.parent)}.${parent.name.text}`;
		if (isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken) {
			const exported = commonJsExportName(parent.left);
			if (exported) return exported === 'default' ? 'default' : exported;
		}
		if (isExportAssignment(parent)) return 'default';
		if (isFunctionExpression(node) && node.name) return node.name.text;
	}
	return undefined;
}

/** The name an object of functions is known by: the variable holding it, or `default` for `export default { … }`. */
function objectOwnerName(object: ts.ObjectLiteralExpression): string | undefined {
	const parent = object.parent;
	if (isVariableDeclaration(parent) && isIdentifier(parent.name)) return parent.name.text;
	if (isExportAssignment(parent)) return 'default';
	return undefined;
}

function nameSpanOf(node: ts.SignatureDeclaration, source: ts.SourceFile): { start: number; end: number } {
	const name = node.name ?? (isVariableDeclaration(node.parent) ? node.parent.name : undefined);
	if (name) return { start: name.getStart(source), end: name.getEnd() };
	const start = node.getStart(source);
	return { start, end: start };
}

function propertyNameText(name: ts.PropertyName): string | undefined {
	return isIdentifier(name) || isStringLiteral(name) ? name.text : undefined;
}

/** `module.exports` (or `exports`) as an expression, unwrapped from an assignment's right side. */
function isModuleExports(node: ts.Node | undefined): boolean {
	if (!node || !isBinaryExpression(node) || node.operatorToken.kind !== SyntaxKind.EqualsToken) return false;
	const left = node.left;
	return isPropertyAccessExpression(left) && isIdentifier(left.expression) && left.expression.text === 'module' && left.name.text === 'exports';
}

/** `module.exports.x` / `exports.x` → `x`; `module.exports` → `default`. */
function commonJsExportName(left: ts.Expression): string | undefined {
	if (!isPropertyAccessExpression(left)) return undefined;
	const target = left.expression;
	if (isIdentifier(target) && target.text === 'module' && left.name.text === 'exports') return 'default';
	if (isIdentifier(target) && target.text === 'exports') return left.name.text;
	if (isPropertyAccessExpression(target) && isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports')
		return left.name.text;
	return undefined;
}

/** Function declarations are hoisted: a block's own functions are callable from its first line. */
function bindFunctionDeclarations(statements: ts.NodeArray<ts.Statement>, scope: Scope): void {
	for (const statement of statements) {
		if (isFunctionDeclaration(statement) && statement.name) scope.set(statement.name.text, { kind: 'user', ref: { kind: 'local', name: statement.name.text } });
	}
}

/** Imports, exports and top-level declarations, so functions can use what is declared below them. */
function bindTopLevel(source: ts.SourceFile, scope: Scope, module: ModuleFacts): void {
	const local = (name: string): Value => ({ kind: 'user', ref: { kind: 'local', name } });
	const imported = (name: string, specifier: string, what: string): Value => {
		module.imports.push({ local: name, specifier, imported: what });
		return { kind: 'user', ref: { kind: 'import', local: name } };
	};
	bindFunctionDeclarations(source.statements, scope);
	for (const statement of source.statements) {
		const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === SyntaxKind.ExportKeyword) === true;
		const isDefault = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === SyntaxKind.DefaultKeyword) === true;
		if (isImportDeclaration(statement) && isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
			const specifier = statement.moduleSpecifier.text;
			const clause = statement.importClause;
			const relative = isUserModule(specifier);
			// SDK imports are recorded too, so a module that re-exports an SDK class can be followed.
			const note = (local: string, what: string) => {
				if (!relative && sdkOfImport(specifier)) module.imports.push({ local, specifier, imported: what });
			};
			if (clause.name) {
				scope.set(clause.name.text, relative ? imported(clause.name.text, specifier, 'default') : importedMember(specifier, 'default'));
				note(clause.name.text, 'default');
			}
			const bindings = clause.namedBindings;
			if (bindings && isNamespaceImport(bindings)) {
				scope.set(bindings.name.text, relative ? imported(bindings.name.text, specifier, '*') : moduleValue(specifier));
				note(bindings.name.text, '*');
			}
			if (bindings && isNamedImports(bindings)) {
				for (const element of bindings.elements) {
					const name = (element.propertyName ?? element.name).text;
					scope.set(element.name.text, relative ? imported(element.name.text, specifier, name) : importedMember(specifier, name));
					note(element.name.text, name);
				}
			}
		} else if (
			isImportEqualsDeclaration(statement) &&
			isExternalModuleReference(statement.moduleReference) &&
			isStringLiteral(statement.moduleReference.expression)
		) {
			const specifier = statement.moduleReference.expression.text;
			scope.set(statement.name.text, isUserModule(specifier) ? imported(statement.name.text, specifier, '*') : moduleValue(specifier));
		} else if (isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				bindDeclaration(declaration, scope, undefined, module);
				if (exported && isIdentifier(declaration.name)) module.exports.push({ exported: declaration.name.text, local: declaration.name.text });
			}
		} else if (isFunctionDeclaration(statement) || isClassDeclaration(statement)) {
			const name = statement.name?.text ?? 'default';
			if (isClassDeclaration(statement)) {
				scope.set(name, local(name));
				// `static http = axios.create(…)`: `Zoho.http` is that client wherever the file reaches it.
				for (const member of statement.members) {
					const isStatic = ts.getModifiers(member as ts.HasModifiers)?.some((m) => m.kind === SyntaxKind.StaticKeyword) === true;
					if (isStatic && isPropertyDeclaration(member) && isIdentifier(member.name) && member.initializer) {
						const value = evaluate(member.initializer, scope);
						if (value && value.kind !== 'user') scope.set(`${name}.${member.name.text}`, value);
					}
				}
				// `getRecord = getRecord;` in the class body: the method is a function held under another name.
				for (const member of statement.members) {
					const init = isPropertyDeclaration(member) && isIdentifier(member.name) && member.initializer ? unwrap(member.initializer) : undefined;
					if (init && isIdentifier(init)) module.exports.push({ exported: `${name}.${(member.name as ts.Identifier).text}`, local: init.text });
				}
			}
			if (exported) module.exports.push({ exported: isDefault ? 'default' : name, local: name });
		} else if (isExportDeclaration(statement)) {
			const from = statement.moduleSpecifier && isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
			const clause = statement.exportClause;
			if (!clause && from) module.exports.push({ exported: '*', from: { specifier: from, imported: '*' } });
			else if (clause && isNamedExports(clause)) {
				for (const element of clause.elements) {
					const inner = (element.propertyName ?? element.name).text;
					module.exports.push(
						from ? { exported: element.name.text, from: { specifier: from, imported: inner } } : { exported: element.name.text, local: inner },
					);
				}
			} else if (clause && isNamespaceExport(clause) && from) module.exports.push({ exported: clause.name.text, from: { specifier: from, imported: '*' } });
		} else if (isExportAssignment(statement)) {
			const e = unwrap(statement.expression);
			module.exports.push({ exported: 'default', local: isIdentifier(e) ? e.text : (instanceClassName(e) ?? 'default') });
			if (isObjectLiteralExpression(e)) bindObjectMembers('default', e, module);
		} else if (isExpressionStatement(statement)) {
			bindCommonJsExport(statement.expression, module);
		}
		if (isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations) {
				const init = d.initializer && unwrap(d.initializer);
				if (isIdentifier(d.name) && init && isObjectLiteralExpression(init)) bindObjectMembers(d.name.text, init, module);
			}
		}
	}
	// A singleton exported under its variable's name (`const zoho = new ZohoClient(); module.exports = zoho`): its methods are the class's.
	for (let i = 0; i < module.exports.length; i++) {
		const e = module.exports[i];
		const value = e.local === undefined ? undefined : scope.get(e.local);
		if (value?.kind === 'user-instance' && value.ref.kind === 'local' && !value.ref.name.includes('.')) module.exports[i] = { ...e, local: value.ref.name };
	}
	// Functions that hand out a client (`function zoho() { return axios.create({ baseURL }) }`), once every constant is bound.
	for (const statement of source.statements) {
		if (isFunctionDeclaration(statement) && statement.name) bindReturnedClient(`${statement.name.text}()`, statement, scope, scope, undefined);
		if (isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations) {
				const init = d.initializer && unwrap(d.initializer);
				if (isIdentifier(d.name) && init && (isArrowFunction(init) || isFunctionExpression(init)))
					bindReturnedClient(`${d.name.text}()`, init, scope, scope, undefined);
			}
		}
	}
}

/**
 * Binds `key` to what a function returns when that is an HTTP client or an SDK object
 * (`this.getAxiosInstance(token)`, `zohoClient()`): its parameters are unknown while it is read.
 */
function bindReturnedClient(key: string, fn: ts.FunctionLikeDeclaration, scope: Scope, target: Scope, thisScope: Scope | undefined): void {
	const value = returnedValue(fn, scope, thisScope);
	if (value && (value.kind === 'http' || value.kind === 'sdk-instance' || value.kind === 'zcrm')) target.set(key, value);
}

/**
 * What a function returns on its way through: the first `return` of its body (or of a `try` block in it),
 * read with the constants declared before it; its parameters are unknown.
 */
function returnedValue(fn: ts.FunctionLikeDeclaration, scope: Scope, thisScope: Scope | undefined): Value | undefined {
	const body = fn.body;
	if (!body) return undefined;
	const inner = new Scope(scope);
	for (const parameter of fn.parameters) bindParameter(parameter, inner);
	if (!isBlock(body)) return evaluate(body, inner, thisScope);
	const read = (statements: readonly ts.Statement[]): { returned?: ts.Expression } | undefined => {
		for (const statement of statements) {
			if (isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindDeclaration(d, inner, thisScope);
			if (isReturnStatement(statement)) return { returned: statement.expression };
			if (isTryStatement(statement)) {
				const found = read(statement.tryBlock.statements);
				if (found) return found;
			}
		}
		return undefined;
	};
	const returned = read(body.statements)?.returned;
	return returned && evaluate(returned, inner, thisScope);
}

/** `await (async () => { … return rows; })()`: a function written and called at once stands for what it returns. */
function immediateValue(init: ts.Expression | undefined, scope: Scope, thisScope: Scope | undefined): Value | undefined {
	if (!init || !isCallExpression(init) || init.arguments.length > 0) return undefined;
	const callee = unwrap(init.expression);
	return isArrowFunction(callee) || isFunctionExpression(callee) ? returnedValue(callee, scope, thisScope) : undefined;
}

/** `module.exports = x`, `module.exports = { a, b: c, d() {} }`, `exports.a = f`, `module.exports.a = function () {}`. */
function bindCommonJsExport(expr: ts.Expression, module: ModuleFacts): void {
	if (!isBinaryExpression(expr) || expr.operatorToken.kind !== SyntaxKind.EqualsToken) return;
	const name = commonJsExportName(expr.left);
	if (!name) return;
	const value = unwrap(expr.right);
	if (name === 'default' && isObjectLiteralExpression(value)) {
		for (const property of value.properties) {
			if (isShorthandPropertyAssignment(property)) module.exports.push({ exported: property.name.text, local: property.name.text });
			else if (isPropertyAssignment(property)) {
				const key = propertyNameText(property.name);
				const init = unwrap(property.initializer);
				if (key) module.exports.push({ exported: key, local: isIdentifier(init) ? init.text : key });
			} else if (isMethodDeclaration(property)) {
				const key = propertyNameText(property.name);
				if (key) module.exports.push({ exported: key, local: key });
			}
		}
		return;
	}
	module.exports.push({
		exported: name,
		local: isIdentifier(value) ? value.text : isClassExpression(value) && value.name ? value.name.text : (instanceClassName(value) ?? name),
	});
}

/** `new ZohoService()` exported as a singleton: the class whose methods callers reach. */
function instanceClassName(e: ts.Expression): string | undefined {
	return isNewExpression(e) && isIdentifier(e.expression) ? e.expression.text : undefined;
}

/**
 * The members of an object of functions (`export const zohoRepo = { getRecord, update: updateRecord, async find() {} }`,
 * `export default { … }`), as exports under the dotted name (`zohoRepo.getRecord`), so a call of the member reaches the function.
 */
function bindObjectMembers(objectName: string, object: ts.ObjectLiteralExpression, module: ModuleFacts): void {
	for (const property of object.properties) {
		if (isShorthandPropertyAssignment(property)) module.exports.push({ exported: `${objectName}.${property.name.text}`, local: property.name.text });
		else if (isPropertyAssignment(property)) {
			const key = propertyNameText(property.name);
			const init = unwrap(property.initializer);
			if (!key) continue;
			if (isIdentifier(init)) module.exports.push({ exported: `${objectName}.${key}`, local: init.text });
			else if (isArrowFunction(init) || isFunctionExpression(init)) module.exports.push({ exported: `${objectName}.${key}`, local: `${objectName}.${key}` });
		} else if (isMethodDeclaration(property)) {
			const key = propertyNameText(property.name);
			if (key) module.exports.push({ exported: `${objectName}.${key}`, local: `${objectName}.${key}` });
		}
	}
}

function bindDeclaration(declaration: ts.VariableDeclaration, scope: Scope, thisScope: Scope | undefined, module?: ModuleFacts): void {
	const init = declaration.initializer && unwrap(declaration.initializer);
	const name = declaration.name;
	// `const ZOHO = window.ZOHO`: a global under its own name is that global still (a widget's SDK).
	if (
		isIdentifier(name) &&
		init &&
		isPropertyAccessExpression(init) &&
		isIdentifier(init.expression) &&
		GLOBAL_OBJECTS.has(init.expression.text) &&
		init.name.text === name.text
	)
		return;
	const required = init && isCallExpression(init) ? requireSpecifier(init) : undefined;
	// const zoho = require('./zoho'); const { zohoGet } = require('./zoho'); const get = require('./zoho').get;
	const requiredMember =
		init && isPropertyAccessExpression(init) && isCallExpression(unwrap(init.expression))
			? requireSpecifier(unwrap(init.expression) as ts.CallExpression)
			: undefined;
	if (module && ((required !== undefined && isUserModule(required)) || (requiredMember !== undefined && isUserModule(requiredMember)))) {
		const specifier = (required ?? requiredMember)!;
		const bind = (local: string, what: string) => {
			module.imports.push({ local, specifier, imported: what });
			scope.set(local, { kind: 'user', ref: { kind: 'import', local } });
		};
		if (isIdentifier(name)) bind(name.text, required !== undefined ? '*' : (init as ts.PropertyAccessExpression).name.text);
		else if (isObjectBindingPattern(name) && required !== undefined) {
			for (const element of name.elements) {
				if (!isIdentifier(element.name)) continue;
				bind(element.name.text, element.propertyName && isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text);
			}
		}
		return;
	}
	if (isIdentifier(name) && init && (isArrowFunction(init) || isFunctionExpression(init) || isClassExpression(init))) {
		scope.set(name.text, { kind: 'user', ref: { kind: 'local', name: name.text } });
		return;
	}
	const value = immediateValue(init, scope, thisScope) ?? evaluate(init, scope, thisScope);
	if (isIdentifier(name)) {
		scope.set(name.text, value);
		return;
	}
	if (isObjectBindingPattern(name)) {
		// const { RecordOperations } = require('…/record_operations'); const { Record } = ZOHOCRMSDK;
		for (const element of name.elements) {
			if (!isIdentifier(element.name)) continue;
			const property = element.propertyName && isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
			scope.set(element.name.text, required !== undefined ? importedMember(required, property) : memberOf(value, property));
		}
		return;
	}
	for (const element of name.elements) if (isBindingElement(element) && isIdentifier(element.name)) scope.set(element.name.text, undefined);
}

function requireSpecifier(call: ts.CallExpression): string | undefined {
	const callee = unwrap(call.expression);
	const [first] = call.arguments;
	return isIdentifier(callee) && callee.text === 'require' && first && isStringLiteral(first) ? first.text : undefined;
}

/** A typed parameter of an SDK class (or an axios instance) holds an instance; any other parameter shadows outer names. */
function bindParameter(parameter: ts.ParameterDeclaration, scope: Scope, position?: { fn: number; index: number }): void {
	if (!isIdentifier(parameter.name)) {
		if (isObjectBindingPattern(parameter.name)) {
			// `zohoRequest(method, path, { params, data } = {})`: each name is a member of the caller's options.
			for (const element of parameter.name.elements) {
				if (!isIdentifier(element.name)) continue;
				const key = element.propertyName
					? isIdentifier(element.propertyName) || isStringLiteral(element.propertyName)
						? element.propertyName.text
						: undefined
					: element.name.text;
				scope.set(
					element.name.text,
					position !== undefined && key !== undefined && !element.dotDotDotToken ? { kind: 'param', ...position, member: key } : undefined,
				);
			}
		} else if (isArrayBindingPattern(parameter.name)) {
			for (const element of parameter.name.elements) if (isBindingElement(element) && isIdentifier(element.name)) scope.set(element.name.text, undefined);
		}
		return;
	}
	const typed = typedValue(parameter.type, scope);
	// An untyped parameter stands for whatever each call passes.
	const initial = parameter.initializer ? evaluate(parameter.initializer, scope) : undefined;
	scope.set(
		parameter.name.text,
		typed ?? (position !== undefined && !parameter.dotDotDotToken ? { kind: 'param', ...position, ...(initial ? { initial } : {}) } : initial),
	);
}

function typedValue(type: ts.TypeNode | undefined, scope: Scope): Value | undefined {
	if (!type || !isTypeReferenceNode(type)) return undefined;
	const name = type.typeName;
	const cls = isIdentifier(name) ? scope.get(name.text) : evaluateQualified(name, scope);
	if (cls?.kind === 'sdk-class') return { kind: 'sdk-instance', sdk: cls.sdk, className: cls.className, ctorArgs: [] };
	// A service of the user's own, injected: `constructor(private readonly zoho: ZohoService)`.
	if (cls?.kind === 'user') return { kind: 'user-instance', ref: cls.ref };
	if (isIdentifier(name) && name.text === 'AxiosInstance') return { kind: 'http', client: 'axios' };
	// A client class a package exports, injected: `constructor(private readonly http: HttpService)`.
	if (cls?.kind === 'http') return cls;
	return undefined;
}

function evaluateQualified(name: ts.QualifiedName, scope: Scope): Value | undefined {
	const left = isIdentifier(name.left) ? scope.get(name.left.text) : evaluateQualified(name.left, scope);
	return memberOf(left, name.right.text);
}

/** Class fields and constructor assignments first, so every method sees `this.x`. */
function bindClassMembers(node: ts.ClassLikeDeclaration, classScope: Scope, instance: Scope): void {
	for (const member of node.members) {
		if (isPropertyDeclaration(member) && (isIdentifier(member.name) || isPrivateIdentifier(member.name))) {
			const value = member.initializer ? evaluate(member.initializer, classScope, instance) : typedValue(member.type, classScope);
			if (value) instance.set(`this.${member.name.text}`, value);
		}
		if (isConstructorDeclaration(member) && member.body) {
			const ctorScope = new Scope(classScope);
			for (const parameter of member.parameters) {
				bindParameter(parameter, ctorScope);
				// constructor(private readonly ops: RecordOperations)
				if (
					isIdentifier(parameter.name) &&
					ts
						.getModifiers(parameter)
						?.some(
							(m) =>
								m.kind === SyntaxKind.PrivateKeyword ||
								m.kind === SyntaxKind.PublicKeyword ||
								m.kind === SyntaxKind.ProtectedKeyword ||
								m.kind === SyntaxKind.ReadonlyKeyword,
						)
				) {
					const value = ctorScope.get(parameter.name.text);
					if (value) instance.set(`this.${parameter.name.text}`, value);
				}
			}
			for (const statement of member.body.statements) {
				if (isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindDeclaration(d, ctorScope, instance);
				if (!isExpressionStatement(statement)) continue;
				const e = statement.expression;
				if (isBinaryExpression(e) && e.operatorToken.kind === SyntaxKind.EqualsToken) {
					const target = unwrap(e.left);
					if (isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword) {
						const value = evaluate(e.right, ctorScope, instance);
						if (value) instance.set(`this.${target.name.text}`, value);
					}
				}
			}
		}
	}
	// Methods and getters that hand out a client: `private getAxiosInstance(token) { return axios.create({ baseURL: this.baseURL }) }`.
	for (const member of node.members) {
		if (!(isMethodDeclaration(member) || isGetAccessorDeclaration(member)) || !isIdentifier(member.name)) continue;
		bindReturnedClient(isGetAccessorDeclaration(member) ? `this.${member.name.text}` : `this.${member.name.text}()`, member, classScope, instance, instance);
	}
}

/** `items.forEach(cb)`, `items.map(async (x) => …)`: a call whose function argument runs per element. */
export function arrayCallback(node: ts.CallExpression): ts.Expression | undefined {
	const callee = node.expression;
	if (!isPropertyAccessExpression(callee) || !ARRAY_CALLBACKS.has(callee.name.text)) return undefined;
	const fn = node.arguments[0];
	return fn && (isArrowFunction(fn) || isFunctionExpression(fn)) ? fn : undefined;
}

function calleeLabel(callee: ts.Expression): string {
	if (isIdentifier(callee)) return callee.text;
	if (isPropertyAccessExpression(callee)) {
		const inner = callee.expression;
		const prefix = isIdentifier(inner)
			? inner.text
			: inner.kind === SyntaxKind.ThisKeyword
				? 'this'
				: isPropertyAccessExpression(inner)
					? calleeLabel(inner)
					: '…';
		return `${prefix}.${callee.name.text}`;
	}
	return '…';
}

/** A pagination loop pages through the module its first CRM call names. */
function assignPaginationModules(loops: LoopFact[], calls: readonly CallFact[]): void {
	// The first call inside each loop, in one pass over the calls.
	const firstIn = new Map<number, CallFact>();
	for (const call of calls) for (const i of call.loops) if (!firstIn.has(i)) firstIn.set(i, call);
	for (let i = 0; i < loops.length; i++) {
		const loop = loops[i];
		if (!loop.pagination || loop.pagination.module) continue;
		const call = firstIn.get(i);
		const module = call && /^\/crm\/v[\d.]+\/([A-Za-z]\w*)(?:\/|$)/.exec(call.path)?.[1];
		if (module && !['settings', 'coql', 'users', 'org'].includes(module)) loops[i] = { ...loop, pagination: { ...loop.pagination, module } };
	}
}
