/** Integration tests: the real AppModule against real PostgreSQL, one database per test file. */
export default {
  displayName: 'api-integration',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        astTransformers: { before: ['<rootDir>/swagger-plugin.transformer.js'] },
      },
    ],
  },
  moduleNameMapper: {
    '^@upstand/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@upstand/schedule$': '<rootDir>/../libs/schedule/src/index.ts',
    '^@upstand/statistics$': '<rootDir>/../libs/statistics/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
