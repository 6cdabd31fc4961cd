/** Browser tests: the real built app (dist/) in Debian's Chromium through playwright-core. */
export default {
  displayName: 'e2e',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@upstand/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@upstand/schedule$': '<rootDir>/../libs/schedule/src/index.ts',
    '^@upstand/statistics$': '<rootDir>/../libs/statistics/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
