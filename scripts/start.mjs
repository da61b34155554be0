// `npm start`: builds and packages the extension, installs it into a local VS Code workbench
// (code-server), opens a copy of examples/ in it and prints the URL to open in a browser. The copy lives in a
// temporary folder, so the workbench's autosave and the tour's quick fixes never change the repository.
// `ZCL_START_DRY_RUN=1` prepares the copy, prints where it is and stops.
import { execFileSync } from 'node:child_process';
import { codeServerBin, installVsix, makeRun, ROOT, startCodeServer, vsixPath } from './code-server.mjs';

const port = Number(process.env.PORT ?? 8080);

if (process.env.ZCL_START_DRY_RUN === '1') {
	console.log(`The tour opens a copy of examples/: ${makeRun('start').workspace}`);
	process.exit(0);
}

console.log('Building and packaging Zoho Credit Lens…');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
console.log('Preparing the local VS Code workbench (the first run installs code-server, about a minute)…');
const bin = codeServerBin();
const run = makeRun('start');
const examples = run.workspace;
installVsix(bin, run, vsixPath());
let server;
try {
	server = await startCodeServer(bin, run, port);
} catch (error) {
	console.error(`Could not start code-server on port ${port} (${error.message}). Set PORT to another port and try again.`);
	process.exit(1);
}
console.log(`
Zoho Credit Lens is running in VS Code with a copy of examples/ open:

    ${server.url}/?folder=${encodeURIComponent(examples)}

The copy is ${examples}: edits and quick fixes there leave the repository as it is.

Open a .dg, .ts or .js file, hover a Zoho CRM call, read the hints at the end of costly lines
and the warnings in the Problems panel. In a terminal, the same engine runs as:

    npx zoho-credits scan examples

Press Ctrl+C to stop.`);
await new Promise(() => undefined);
