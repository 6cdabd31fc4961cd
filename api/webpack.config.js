const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../dist/api'),
    clean: true,
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // `node api/migrate.js`: the release step that migrates before instances of a new release start.
      additionalEntryPoints: [
        { entryName: 'migrate', entryPath: './src/database/migrate.main.ts' },
        { entryName: 'analytics-rebuild', entryPath: './src/database/analytics-rebuild.main.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // Describes every DTO property in the OpenAPI document (as the integration tests' ts-jest transformer does).
      transformers: [
        { name: '@nestjs/swagger/plugin', options: { classValidatorShim: true, introspectComments: false } },
      ],
    }),
  ],
};
