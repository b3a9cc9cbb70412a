import { readdirSync, readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';

/**
 * Every ```graphql block of the README and docs/ is an operation a reader copies into GraphiQL: each
 * must parse and validate against the schema as printed (its variables declared, its fields real).
 */
const DOCS = new URL('../../docs/', import.meta.url);
const PAGES = [
  new URL('../../README.md', import.meta.url),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => new URL(name, DOCS)),
];

const BLOCKS = PAGES.flatMap((page) => {
  const markdown = readFileSync(page, 'utf8');
  const name = page.pathname.split('/').slice(-2).join('/');
  return [...markdown.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => {
    const line = markdown.slice(0, match.index).split('\n').length;
    return { where: `${name}:${line}`, source: match[1] ?? '' };
  });
});

describe('the GraphQL blocks of the README and docs/', () => {
  it('are there to check', () => {
    expect(BLOCKS.map((block) => block.where)).toContain('docs/workflow.md:54');
  });

  it.each(BLOCKS.map((block) => [block.where, block.source]))(
    '%s is valid against the schema',
    async (_where, source) => {
      const schema = await buildGatewaySchema();
      expect(validate(schema, parse(source)).map((error) => error.message)).toEqual([]);
    },
  );
});
