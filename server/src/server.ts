/**
 * The language server's entry. On the main thread it is the server (lsp/language-server.ts); the worker
 * threads it starts run this same file as file scanners (workspace/scan-pool.ts), so the parser is
 * shipped once.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) require('./lsp/language-server').startServer(__filename);
else require('./workspace/scan-pool').runScanWorker();
