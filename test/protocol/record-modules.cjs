// Preloaded into the server by the no-network test: records every module it requires and any use
// of the global fetch in ZCL_MODULES_OUT as it happens, in the process and in its worker threads
// (which inherit the preload, and may be stopped without an exit event), each line headed by the
// thread (`main` or `worker`).
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const thread = isMainThread ? 'main' : 'worker';
const seen = new Set();
const note = (what) => {
	if (seen.has(what)) return;
	seen.add(what);
	appendFileSync(process.env.ZCL_MODULES_OUT, `${thread} ${what}\n`);
};
const load = Module._load;
Module._load = function (request, ...rest) {
	note(request);
	return load.call(this, request, ...rest);
};
globalThis.fetch = () => {
	note('fetch()');
	return Promise.reject(new Error('network use'));
};
