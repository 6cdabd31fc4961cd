import { existsSync } from 'fs';
import { join, resolve } from 'path';

export const WORKSPACE = resolve(__dirname, '../../..');
export const API_MAIN = join(WORKSPACE, 'dist/api/main.js');
export const WEB_INDEX = join(WORKSPACE, 'dist/web/browser/index.html');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function assertBuilt(): void {
  const missing = [API_MAIN, WEB_INDEX].filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(
      `Build output missing (${missing.join(', ')}): run \`npx nx run-many -t build -p api web\` first`,
    );
}
