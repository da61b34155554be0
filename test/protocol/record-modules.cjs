// Preloaded into the server by the no-network test: records every module it requires and any use
// of the global fetch, and adds them to ZCL_MODULES_OUT when the process (or a worker thread, which
// inherits the preload) exits.
const Module = require('node:module');
const { appendFileSync } = require('node:fs');

const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
	seen.add(request);
	return load.call(this, request, ...rest);
};
globalThis.fetch = () => {
	seen.add('fetch()');
	return Promise.reject(new Error('network use'));
};
process.on('exit', () => appendFileSync(process.env.ZCL_MODULES_OUT, [...seen].join('\n') + '\n'));
