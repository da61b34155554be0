/**
 * The scanner threads' entry (`dist/scanner.js`): the language server's scan pool runs it in each worker
 * thread. It alone loads TypeScript; the server's main thread stays free of the parser.
 */
import { runScanWorker } from './workspace/scanner-thread';

runScanWorker();
