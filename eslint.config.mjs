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
	// The scanner reads TypeScript's predicates and kinds from `syntax.ts`: through the `ts` namespace each
	// read is a lookup in a dictionary of 2,000 getters, on every node of every file.
	{
		files: ['server/src/core/scan/typescript/**/*.ts'],
		ignores: ['server/src/core/scan/typescript/syntax.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "MemberExpression[object.name='ts'][property.name=/^(is[A-Z]|forEachChild$)/]",
					message: 'Import this predicate from syntax.ts: `ts.` reads it through a getter on every call.',
				},
				{
					selector: "MemberExpression[object.object.name='ts'][object.property.name='SyntaxKind']",
					message: 'Compare with `SyntaxKind` from syntax.ts: `ts.SyntaxKind.` is a dictionary lookup on every read.',
				},
			],
		},
	},
	// CommonJS files, and the bundle's entry that loads the server or the scanner thread's loop by `require`.
	{ files: ['**/*.cjs', 'server/src/server.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
