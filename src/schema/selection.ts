import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects the field at `path` below the field being resolved (through
 * fragments and inline fragments), e.g. `['edges', 'node', 'segments']` under `taskings`: so a
 * resolver can refuse up front what would cost too much, before any upstream call.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, path, info, new Set()));
}

function selects(
  selectionSet: SelectionSetNode | undefined,
  path: readonly string[],
  info: GraphQLResolveInfo,
  visitedFragments: Set<string>,
): boolean {
  const [name, ...rest] = path;
  if (name === undefined) return true;
  if (selectionSet === undefined) return false;
  return selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name && selects(selection.selectionSet, rest, info, visitedFragments);
      case Kind.INLINE_FRAGMENT:
        return selects(selection.selectionSet, path, info, visitedFragments);
      case Kind.FRAGMENT_SPREAD: {
        const fragmentName = selection.name.value;
        // Validation forbids fragment cycles; the guard keeps this safe if it ever runs unvalidated.
        if (visitedFragments.has(fragmentName)) return false;
        const fragment = info.fragments[fragmentName];
        return selects(fragment?.selectionSet, path, info, new Set(visitedFragments).add(fragmentName));
      }
      default:
        return false;
    }
  });
}
