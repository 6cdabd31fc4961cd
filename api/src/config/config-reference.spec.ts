import { readFileSync } from 'fs';
import { join } from 'path';
import { EnvironmentVariables, KNOWN_VARIABLES } from './app-config';
import { CONFIG_REFERENCE, renderConfigReference } from './config-reference';

const ROOT = join(__dirname, '../../..');
const schemaDefaults = { ...new EnvironmentVariables() } as Record<string, unknown>;

/** A table's rows as cells, ignoring how Prettier padded them. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

function generatedTable(file: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf('<!-- config-reference:start');
  const end = text.indexOf('<!-- config-reference:end -->');
  expect({ file, markers: start >= 0 && end > start }).toEqual({ file, markers: true });
  return text.slice(start, end);
}

describe('the configuration reference', () => {
  it('documents exactly the variables the schema reads', () => {
    const documented = CONFIG_REFERENCE.map((entry) => entry.name).sort();
    expect(documented).toEqual([...new Set(KNOWN_VARIABLES)].sort());
  });

  it('takes each default from the schema, so a changed default cannot leave the documents behind', () => {
    for (const entry of CONFIG_REFERENCE) {
      const hasSchemaDefault = schemaDefaults[entry.name] !== undefined;
      // Text is only for variables the schema leaves unset; one with both would show the text, not the truth.
      expect({ name: entry.name, both: hasSchemaDefault && entry.defaultText !== undefined }).toEqual({
        name: entry.name,
        both: false,
      });
    }
  });

  it.each(['README.md', 'docs/operations.md'])('is what %s shows (run `npm run docs:config`)', (file) => {
    expect(rows(generatedTable(file))).toEqual(rows(renderConfigReference(schemaDefaults)));
  });
});
