import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * type-graphql reads a field's type from `design:type` metadata when the decorator names none.
 * esbuild (tsx, vitest) never emits that metadata and the production build turns it off, and where
 * it exists it says `Object` for a union or `Number` for an Int: every type-graphql decorator that
 * declares a type must name it with a type function, so the schema is the same in every build.
 */

/** Decorator name → index of the argument that must be the type function. */
const TYPE_FUNCTION_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['Field', 0],
  ['Query', 0],
  ['Mutation', 0],
  ['Subscription', 0],
  ['FieldResolver', 0],
  ['Args', 0],
  ['Arg', 1],
]);

const SOURCE_ROOT = join(import.meta.dirname, '../../src');

/** `file:line @Name` for every listed decorator whose type argument is not an arrow or function expression. */
function decoratorsWithoutTypeFunction(fileName: string, sourceText: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
      const call = node.expression;
      const name = ts.isIdentifier(call.expression) ? call.expression.text : undefined;
      const index = name === undefined ? undefined : TYPE_FUNCTION_ARGUMENT.get(name);
      const argument = index === undefined ? undefined : call.arguments[index];
      if (
        index !== undefined &&
        !(argument && (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)))
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${fileName}:${line + 1} @${name}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

async function typeScriptFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('type-graphql decorators', () => {
  it('name their GraphQL type with a type function everywhere in src', async () => {
    const files = await typeScriptFiles(SOURCE_ROOT);
    expect(files.length).toBeGreaterThan(0);
    const missing = (
      await Promise.all(
        files.map(async (file) =>
          decoratorsWithoutTypeFunction(relative(SOURCE_ROOT, file), await readFile(file, 'utf8')),
        ),
      )
    ).flat();
    expect(missing).toEqual([]);
  });

  it('are reported when the type function is missing or in the wrong place', () => {
    const source = [
      'class Sample {',
      '  @Field() name!: string;',
      '  @Field(() => String) kept!: string;',
      '  @Field({ nullable: true }) note?: string;',
      '  @Query(() => Int) count(@Arg("first") first: number, @Arg("after", () => String) after: string) {}',
      '  @Mutation() change(@Args() paging: PagingArgs) {}',
      '}',
    ].join('\n');
    expect(decoratorsWithoutTypeFunction('sample.ts', source)).toEqual([
      'sample.ts:2 @Field',
      'sample.ts:4 @Field',
      'sample.ts:5 @Arg',
      'sample.ts:6 @Mutation',
      'sample.ts:6 @Args',
    ]);
  });
});
