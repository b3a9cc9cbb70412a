import { Field, Int, ObjectType } from 'type-graphql';
import { ITEM_TAG_LENGTH, itemTag, type Slice } from '../datasources/paging.js';
import type { Page } from '../domain/catalogue.js';
import { badUserInput } from '../errors.js';
import { PageInfo } from './common.types.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

const CURSOR_PREFIX = 'offset:';
/** `offset:<n>`, then `:<itemTag>` on a list read by item index (see Slice.afterPageStart). */
const CURSOR_PATTERN = new RegExp(`^${CURSOR_PREFIX}(\\d+)(?::([A-Za-z0-9_-]{${ITEM_TAG_LENGTH}}))?$`);

interface CursorPosition {
  offset: number;
  pageStart?: string;
}

export function encodeCursor({ offset, pageStart }: CursorPosition): string {
  const text =
    pageStart === undefined ? `${CURSOR_PREFIX}${offset}` : `${CURSOR_PREFIX}${offset}:${pageStart}`;
  return Buffer.from(text).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = Number(match?.[1]);
  if (match === null || !Number.isSafeInteger(offset)) {
    throw badUserInput('after', 'is not a cursor returned by this API');
  }
  return { offset, pageStart: match[2] };
}

/** The Relay arguments, validated, as the slice the datasources read. */
export function sliceFromArgs(first: number | null | undefined, after: string | null | undefined): Slice {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (!after) return { offset: 0, limit };
  const { offset, pageStart } = decodeCursor(after);
  return { offset: offset + 1, limit, afterPageStart: pageStart };
}

/**
 * Whether a list filter was given as `[]`. A list filter keeps what is in its list, so an empty one
 * keeps nothing: the field answers `NO_MATCH` without asking anyone (an empty watch-list shows
 * nothing). Null or absent is no filter.
 */
export function someListFilterIsEmpty(...lists: readonly (readonly unknown[] | null | undefined)[]): boolean {
  return lists.some((list) => list?.length === 0);
}

/** The page a filter that keeps nothing answers. */
export const NO_MATCH: Page<never> = { items: [], totalCount: 0, hasNextPage: false };

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/**
 * The page as a connection. `idOf`, for a list read by item index (sliceFromItemPage): its cursors also
 * carry the page's first item, which tells the next read whether the upstream sent this page again.
 */
export function toConnection<T>(page: Page<T>, slice: Slice, idOf?: (node: T) => string): Connection<T> {
  const [first] = page.items;
  const pageStart = idOf !== undefined && first !== undefined ? itemTag(idOf(first)) : undefined;
  const edges = page.items.map((node, index) => ({
    cursor: encodeCursor({ offset: slice.offset + index, pageStart }),
    node,
  }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: slice.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** One generic Relay connection type, so taskings and imagery page the same way (nodes may be an interface). */
export function ConnectionType<T extends object>(
  nodeType: abstract new (...args: never[]) => T,
  nodeName: string,
) {
  @ObjectType(`${nodeName}Edge`, { description: `An edge to a ${nodeName}.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor; pass it as `after` to read what follows.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${nodeName}.` })
    node!: T;
  }

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The page of results.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: 'Total number of matches upstream, when the upstream says.',
    })
    totalCount!: number | null;
  }

  return ConnectionClass;
}
