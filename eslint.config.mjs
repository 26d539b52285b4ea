import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', '.build/**', 'bench/out/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The package root loads ~1,500 modules (seconds and ~500 MB per process).
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$',
          message: 'Import provider classes by deep path: @cdktf/provider-aws/lib/<resource>.',
        }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
