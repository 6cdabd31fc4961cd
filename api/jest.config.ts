const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose', 'otplib', '@otplib', '@scure', '@noble'].join(
  '|',
);

export default {
  displayName: 'api',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
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
  coverageDirectory: '../coverage/api',
};
