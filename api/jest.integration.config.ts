/** Integration tests: the real AppModule against real PostgreSQL, one database per test file. */
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose', 'otplib', '@otplib', '@scure', '@noble'].join(
  '|',
);

export default {
  displayName: 'api-integration',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  transform: {
    '^.+\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
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
  moduleFileExtensions: ['ts', 'js', 'mjs'],
  // openid-client, otplib and the libraries under them ship only ES modules, which jest's CommonJS runtime cannot
  // load: babel turns just those into CommonJS (see shared stack notes).
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES})/)`],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
