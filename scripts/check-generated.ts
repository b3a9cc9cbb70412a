/**
 * `npm test`'s drift check: regenerates codegen.yml's outputs in memory and compares them with the
 * committed files: `schema.graphql` as a schema (order and formatting aside), the generated code as
 * text. `--against <dir>` reads the committed files from another directory (the tests use it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, loadContext } from '@graphql-codegen/cli';
import { sdlDifferences } from './schema-contract.js';

const { values } = parseArgs({ options: { against: { type: 'string', default: '.' } } });
const committedDir = values.against;

const context = await loadContext('codegen.yml');
context.updateConfig({ silent: true });
const outputs: Array<{ filename: string; content: string }> = await generate(context, false);

const problems: string[] = [];
for (const { filename, content } of outputs) {
  const committed = await readFile(join(committedDir, filename), 'utf8').catch(() => null);
  if (committed === null) {
    problems.push(`${filename} is missing`);
  } else if (filename.endsWith('.graphql')) {
    const differences = sdlDifferences(committed, content);
    if (differences.length > 0)
      problems.push(`${filename} differs from the built schema:\n  ${differences.join('\n  ')}`);
  } else if (committed !== content) {
    problems.push(`${filename} differs from what codegen generates`);
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `Stale generated files; run \`npm run codegen\` and commit the result.\n${problems.join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`Generated files are current: ${outputs.map((output) => output.filename).join(', ')}\n`);
