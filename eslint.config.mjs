// Type-aware lint (typescript-eslint): `npm run lint`; .ci/run runs it after the typecheck.
//
// TypeScript files get typescript-eslint's recommendedTypeChecked set, with type information from the
// tsconfig.json nearest each file (projectService): tsconfig.json for src/, spec/, examples/ and
// scripts/cpython-coverage.ts (which a spec imports), bench/tsconfig.json for bench/. The promise rules
// are what this lint is for and stay errors whatever the preset does. The preset's rules that are off
// below are off because this port breaks them on purpose (together they gave ~830 findings).
//
// The plain JavaScript files (scripts/*.mjs, scripts/consumer/*.{cjs,mjs}, spec/browser/*.mjs) are in
// no tsconfig: they get the syntactic recommended set, without type information.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.spec-build/', // the compiled specs (tsconfig.spec.json)
      'node_modules/',
      'scratch/',
      'docs/api/',
      'coverage/',
      '.doc-blocks-*/', // scratch files of spec/docs/code-blocks.spec.ts
    ],
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',

      // Python objects are arbitrary JavaScript values here: proxies forward `any`, callbacks and
      // natives are `Function`s, and specs and benchmarks poke at whatever a proxy exposes.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Methods are taken off their objects on purpose: `Class.prototype.m.call(other)` receiver checks,
      // WeakMethod, saved natives.
      '@typescript-eslint/unbound-method': 'off',
      // Objects are printed through their own (Python-style) toString on purpose.
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // `arguments` keeps Python's arity errors and a method's `length`; rest parameters would not.
      'prefer-rest-params': 'off',
      // WeakMethod is a class merged with an interface (it is callable).
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Type-only, no bug class; the assertions often document a spec's intent.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // chai's property assertions (`.to.be.empty`) and property reads that run a proxy's traps are
    // expressions on purpose; hostile-input specs throw non-Errors and capture `this` on purpose.
    files: ['spec/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // The benchmarks load the built dist/ by computed path.
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
