/**
 * The language server's entry (`dist/server.js`). Files and open documents are scanned in worker
 * threads that run `dist/scanner.js` beside it (workspace/scan-pool.ts).
 */
import { join } from 'node:path';
import { startServer } from './lsp/language-server';

startServer(join(__dirname, 'scanner.js'));
