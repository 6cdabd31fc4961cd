export default {
  displayName: 'api',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@upstand/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@upstand/schedule$': '<rootDir>/../libs/schedule/src/index.ts',
    '^@upstand/statistics$': '<rootDir>/../libs/statistics/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js'],
  setupFiles: ['reflect-metadata'],
  coverageDirectory: '../coverage/api',
};
