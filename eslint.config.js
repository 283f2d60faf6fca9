// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/test-results/**', '**/storybook-static/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['packages/react/**/*.{ts,tsx}', 'packages/ui/**/*.{ts,tsx}', '.storybook/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/*.test-d.ts',
      '**/*.test-d.tsx',
      '**/test/**',
      '**/*.stories.tsx',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // Imports point one way: ui -> react -> core <- server -> easyrouter. The simulator stands
  // for EasyRouter and shares nothing with us. Tests may import to the right.
  ...layer('packages/core/src/**', ['@likeness/*']),
  ...layer('packages/easyrouter/src/**', ['@likeness/*', '!@likeness/core']),
  ...layer('packages/easyrouter-sim/src/**', ['@likeness/*']),
  ...layer('packages/server/src/**', ['@likeness/*', '!@likeness/core', '!@likeness/easyrouter']),
  ...layer('packages/react/src/**', ['@likeness/*', '!@likeness/core']),
  ...layer('packages/ui/src/**', ['@likeness/*', '!@likeness/core', '!@likeness/react']),
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
)

/**
 * Forbids a package's source (not its tests) from importing the given workspace packages.
 * @param {string} files
 * @param {string[]} forbidden gitignore-style patterns, `!` to allow
 */
function layer(files, forbidden) {
  return [
    {
      files: [files],
      ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-d.ts', '**/*.stories.tsx'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: forbidden,
                message: 'This import points the wrong way; see docs/architecture.md.',
              },
            ],
          },
        ],
      },
    },
  ]
}
