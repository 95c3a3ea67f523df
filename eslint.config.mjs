// ESLint flat config. TypeScript files are linted with type information (one TypeScript program
// built from tsconfig.json by the project service); plain JS config/scripts are linted without.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * ESLint's own "recommended" set (what `@eslint/js` `configs.recommended` turns on in ESLint 10).
 * Listed here because `@eslint/js` is not a dependency; with it installed, replace this block
 * by `js.configs.recommended`.
 */
const ESLINT_RECOMMENDED = Object.fromEntries(
  [
    'constructor-super',
    'for-direction',
    'getter-return',
    'no-async-promise-executor',
    'no-case-declarations',
    'no-class-assign',
    'no-compare-neg-zero',
    'no-cond-assign',
    'no-const-assign',
    'no-constant-binary-expression',
    'no-constant-condition',
    'no-control-regex',
    'no-debugger',
    'no-delete-var',
    'no-dupe-args',
    'no-dupe-class-members',
    'no-dupe-else-if',
    'no-dupe-keys',
    'no-duplicate-case',
    'no-empty',
    'no-empty-character-class',
    'no-empty-pattern',
    'no-empty-static-block',
    'no-ex-assign',
    'no-extra-boolean-cast',
    'no-fallthrough',
    'no-func-assign',
    'no-global-assign',
    'no-import-assign',
    'no-invalid-regexp',
    'no-irregular-whitespace',
    'no-loss-of-precision',
    'no-misleading-character-class',
    'no-new-native-nonconstructor',
    'no-nonoctal-decimal-escape',
    'no-obj-calls',
    'no-octal',
    'no-prototype-builtins',
    'no-redeclare',
    'no-regex-spaces',
    'no-self-assign',
    'no-setter-return',
    'no-shadow-restricted-names',
    'no-sparse-arrays',
    'no-this-before-super',
    'no-unassigned-vars',
    'no-undef',
    'no-unexpected-multiline',
    'no-unreachable',
    'no-unsafe-finally',
    'no-unsafe-negation',
    'no-unsafe-optional-chaining',
    'no-unused-labels',
    'no-unused-private-class-members',
    'no-unused-vars',
    'no-useless-assignment',
    'no-useless-backreference',
    'no-useless-catch',
    'no-useless-escape',
    'no-with',
    'preserve-caught-error',
    'require-yield',
    'use-isnan',
    'valid-typeof',
  ].map((rule) => [rule, 'error']),
);

/** Globals of Node's CommonJS and ES module scopes, for the plain JS files (no `globals` package). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortController',
    'globalThis',
  ]
    .map((name) => [name, 'readonly'])
    .concat(['require', 'module', 'exports', '__dirname', '__filename'].map((name) => [name, 'readonly'])),
);

/** `../../x`: two or more levels up. Use a path alias (@common/*, @infra/*, ...) instead. */
const NO_DEEP_RELATIVE = {
  regex: '(^|/)\\.\\./\\.\\.(/|$)',
  message: 'Relative imports may climb at most one level; use a path alias (@app, @config, @common, @infra, @modules).',
};

/** Every HTTP exception @nestjs/common exports. Services and repositories throw DomainException subclasses. */
const HTTP_EXCEPTIONS = [
  'HttpException',
  'IntrinsicException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'MethodNotAllowedException',
  'NotAcceptableException',
  'RequestTimeoutException',
  'ConflictException',
  'GoneException',
  'PreconditionFailedException',
  'PayloadTooLargeException',
  'UnsupportedMediaTypeException',
  'ImATeapotException',
  'MisdirectedException',
  'UnprocessableEntityException',
  'InternalServerErrorException',
  'NotImplementedException',
  'BadGatewayException',
  'ServiceUnavailableException',
  'GatewayTimeoutException',
  'HttpVersionNotSupportedException',
];
const NO_HTTP_EXCEPTIONS = [
  {
    name: '@nestjs/common',
    importNames: HTTP_EXCEPTIONS,
    message: 'Services and repositories do not know HTTP: throw a DomainException subclass (@common/errors/domain.exception).',
  },
];

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'node_modules/', 'bench/results/', '.corridor/']),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // Everything: ESLint's recommended rules.
  { rules: ESLINT_RECOMMENDED },

  // Plain JS (configs, scripts): Node globals, no type information.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 2023, globals: NODE_GLOBALS },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },

  // TypeScript: typescript-eslint's type-checked recommended rules.
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Not enforced on purpose: with emitDecoratorMetadata, `import type` of a class that Nest
      // injects erases the runtime reference and breaks dependency injection.
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': ['error', { patterns: [NO_DEEP_RELATIVE] }],
    },
  },

  // Application code: output goes through the logger (the CLI writes to process.stdout).
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },

  // The staff console: no console output, nothing stored in the browser, and every request
  // through the generated client (console/src/api/client.ts).
  {
    files: ['console/src/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'The console stores nothing in the browser (docs/SECURITY.md).' },
        { name: 'sessionStorage', message: 'The console stores nothing in the browser (docs/SECURITY.md).' },
        { name: 'indexedDB', message: 'The console stores nothing in the browser (docs/SECURITY.md).' },
        { name: 'caches', message: 'The console stores nothing in the browser (docs/SECURITY.md).' },
        { name: 'fetch', message: 'Call the API through the generated client (@console/api/client).' },
        { name: 'XMLHttpRequest', message: 'Call the API through the generated client (@console/api/client).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'localStorage', message: 'The console stores nothing in the browser.' },
        { object: 'window', property: 'sessionStorage', message: 'The console stores nothing in the browser.' },
        { object: 'window', property: 'indexedDB', message: 'The console stores nothing in the browser.' },
        { object: 'navigator', property: 'serviceWorker', message: 'The console registers no service worker.' },
      ],
    },
  },

  // Services and repositories throw domain exceptions, never HTTP ones. (Replaces the option list
  // above, so the relative-import pattern is repeated.)
  {
    files: ['src/**/*.service.ts', 'src/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_HTTP_EXCEPTIONS,
          patterns: [NO_DEEP_RELATIVE, { regex: '^@nestjs/common/.*exception', message: NO_HTTP_EXCEPTIONS[0].message }],
        },
      ],
    },
  },

  // Tests: fixtures and assertions on loosely typed values are fine.
  {
    files: ['**/__tests__/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
