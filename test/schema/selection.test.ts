import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsPath } from '../../src/schema/selection.js';

const schema = buildSchema(`
  type Segment { id: ID }
  type Tasking { id: ID, segments: [Segment] }
  type Edge { node: Tasking }
  type Connection { edges: [Edge] }
  type Query { taskings: Connection }
`);

/** Whether `taskings` of `query` selects edges.node.segments, as the resolver sees it. */
function selectsSegments(query: string): boolean {
  let selected: boolean | undefined;
  execute({
    schema,
    document: parse(query),
    rootValue: {
      taskings: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        selected = selectsPath(info, ['edges', 'node', 'segments']);
        return null;
      },
    },
  });
  if (selected === undefined) throw new Error('the resolver did not run');
  return selected;
}

describe('selectsPath', () => {
  it.each([
    ['{ taskings { edges { node { segments { id } } } } }', true],
    ['{ taskings { edges { node { id } } } }', false],
    ['{ taskings { edges { ... on Edge { node { segments { id } } } } } }', true],
    [
      '{ taskings { ...page } } fragment page on Connection { edges { node { ...t } } } fragment t on Tasking { segments { id } }',
      true,
    ],
    ['{ taskings { ...page } } fragment page on Connection { edges { node { id } } }', false],
    ['{ taskings { edges { node { s: segments { id } } } } }', true],
  ])('%s → %s', (query, expected) => {
    expect(selectsSegments(query)).toBe(expected);
  });
});
