// Jest on Node 20 cannot require ESM-only packages (NestJS 12 is ESM-only), so @swc/jest
// transforms TypeScript and those packages to CommonJS.
const path = require('node:path');

const aliases = {
  '@app/': 'src/app/',
  '@config/': 'src/config/',
  '@common/': 'src/common/',
  '@infra/': 'src/infrastructure/',
  '@modules/': 'src/modules/',
  '@test/': 'test/',
  '@migrations/': 'migrations/',
  '@demo/': 'src/demo/',
};

const ESM_ONLY = ['@nestjs', 'cookie', 'set-cookie-parser', 'toad-cache', 'content-disposition', 'intl-messageformat', '@formatjs'];

const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    baseUrl: __dirname,
    paths: Object.fromEntries(Object.entries(aliases).map(([alias, dir]) => [`${alias}*`, [`./${dir}*`]])),
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/migrations', '<rootDir>/console/src'],
  testMatch: ['**/__tests__/**/*.spec.ts', '**/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swc] },
  // Skip node_modules unless the innermost package is one of these (nested copies included).
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_ONLY.join('|')})/).*/node_modules/`],
  moduleNameMapper: Object.fromEntries(Object.entries(aliases).map(([alias, dir]) => [`^${alias}(.*)$`, path.join('<rootDir>', dir, '$1')])),
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  // Two cores: two files at a time, each with its own database.
  maxWorkers: 2,
  testTimeout: 30_000,
  slowTestThreshold: 10,
  // ioredis destroys sockets on a 2 s timer after disconnect; that is not a leak.
  openHandlesTimeout: 5_000,
};
