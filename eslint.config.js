// One linter config for src and test: typescript-eslint's recommended rules, no type-aware rules
// (they double the lint time on this 2-core machine for little gain over `tsc --noEmit`).
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'build/**', 'src/adapters/web/public/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
);
