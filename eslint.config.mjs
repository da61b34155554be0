// ESLint (flat config) with typescript-eslint's recommended rules, for the product and its tests.
// Formatting is Prettier's (.prettierrc.json); `npm run lint` runs both checks and `npm test` runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/', 'out/', 'node_modules/', 'test-results/', '.scratch/', '**/*.vsix', 'examples/', 'test/field/labels/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: {
				console: 'readonly',
				process: 'readonly',
				__dirname: 'readonly',
				require: 'readonly',
				module: 'writable',
				Buffer: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setImmediate: 'readonly',
				URL: 'readonly',
				TextDecoder: 'readonly',
				TextEncoder: 'readonly',
				performance: 'readonly',
				structuredClone: 'readonly',
				fetch: 'readonly',
				document: 'readonly',
				window: 'readonly',
				getComputedStyle: 'readonly',
			},
		},
		rules: {
			// Unused names are errors, except those named `_…` on purpose (callbacks' positions).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Templates mark holes, parameters and imported names with control characters (scan/zoho-url.ts): by design.
			'no-control-regex': 'off',
		},
	},
	// CommonJS files, and the bundle's entry that loads the server or the scanner thread's loop by `require`.
	{ files: ['**/*.cjs', 'server/src/server.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
