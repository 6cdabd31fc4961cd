/** `npm run docs:config`: writes the configuration table into README.md and docs/operations.md. */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EnvironmentVariables } from './app-config';
import { renderConfigReference, withConfigReference } from './config-reference';

const root = join(__dirname, '../../..');
const table = renderConfigReference({ ...new EnvironmentVariables() });
for (const file of ['README.md', 'docs/operations.md']) {
  const path = join(root, file);
  writeFileSync(path, withConfigReference(readFileSync(path, 'utf8'), table));
  console.log(`Wrote the configuration reference into ${file}`);
}
