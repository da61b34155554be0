// `npm start`: builds and packages the extension, installs it into a local VS Code workbench
// (code-server), opens examples/ in it and prints the URL to open in a browser.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { codeServerBin, installVsix, makeRun, ROOT, startCodeServer, vsixPath } from './code-server.mjs';

const port = Number(process.env.PORT ?? 8080);

console.log('Building and packaging Zoho Credit Lens…');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
console.log('Preparing the local VS Code workbench (the first run installs code-server, about a minute)…');
const bin = codeServerBin();
const examples = join(ROOT, 'examples');
const run = makeRun('start', examples);
installVsix(bin, run, vsixPath());
let server;
try {
	server = await startCodeServer(bin, run, port);
} catch (error) {
	console.error(`Could not start code-server on port ${port} (${error.message}). Set PORT to another port and try again.`);
	process.exit(1);
}
console.log(`
Zoho Credit Lens is running in VS Code with examples/ open:

    ${server.url}/?folder=${encodeURIComponent(examples)}

Open a .dg, .ts or .js file, hover a Zoho CRM call, read the hints at the end of costly lines
and the warnings in the Problems panel. In a terminal, the same engine runs as:

    npx zoho-credits scan examples

Press Ctrl+C to stop.`);
await new Promise(() => undefined);
