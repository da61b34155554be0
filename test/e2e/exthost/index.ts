// Entry point that VS Code's extension host loads: runs the mocha suites next to this file and
// prints one plain "exthost: N passed, N failed" line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
	for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))) mocha.addFile(join(__dirname, file));
	return new Promise((resolve, reject) => {
		const runner = mocha.run((failures) => {
			const passed = runner.stats?.passes ?? 0;
			console.log(`exthost: ${passed} passed, ${failures} failed`);
			if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
			else resolve();
		});
	});
}
