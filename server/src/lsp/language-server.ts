/**
 * Zoho Credit Lens language server: the connection and its handlers. Every answer is a projection of
 * one cached analysis per document version (see views/); nothing here computes credits itself.
 */
import { type Connection, createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { ScanPool } from '../workspace/scan-pool';
import * as handle from './handlers';
import { explainRequest, workspaceReportRequest } from './messages';
import { Session } from './session';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function connect(): Connection {
	const hasTransport = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(flag + '=')));
	if (hasTransport) return createConnection(ProposedFeatures.all);
	// Started with no transport flag (for example from a terminal or a minimal editor config): use stdio.
	return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
}

/** Starts the server: `scanner` is the script its scanner threads run (`dist/scanner.js`). */
export function startServer(scanner: string): void {
	const connection = connect();
	const session = new Session(connection, new ScanPool(scanner));

	connection.onInitialize((params) => handle.initialize(session, params));
	connection.onInitialized(() => handle.initialized(session));
	connection.onDidChangeConfiguration(() => session.settingsChanged());
	connection.onDidChangeWatchedFiles((params) => handle.didChangeWatchedFiles(session, params));
	connection.onNotification('workspace/didChangeWorkspaceFolders', (params: Parameters<typeof handle.didChangeWorkspaceFolders>[1]) =>
		handle.didChangeWorkspaceFolders(session, params),
	);
	session.documents.onDidOpen((event) => handle.didOpen(session, event.document));
	session.documents.onDidChangeContent((event) => handle.didChangeContent(session, event.document));
	session.documents.onDidClose((event) => handle.didClose(session, event.document));

	connection.onHover((params) => handle.onHover(session, params));
	connection.onRequest(explainRequest, (params) => handle.onExplain(session, params));
	connection.languages.inlayHint.on((params) => handle.onInlayHints(session, params));
	connection.onCodeAction((params) => handle.onCodeAction(session, params));
	connection.onCodeLens((params) => handle.onCodeLens(session, params));
	connection.onRequest(workspaceReportRequest, () => handle.onWorkspaceReport(session));
	connection.onExecuteCommand((params) => handle.onExecuteCommand(session, params));

	session.documents.listen(connection);
	connection.listen();
}
