/**
 * The Lucene-like `q` of Neo's search endpoints (notes §2.4, and the collection's samples such as
 * `(orderItemId:WOI_1 AND contractId:CTR1) AND (status:VALIDATED OR status:PROPOSED)` and
 * `(customerReference:*ref*)`), as far as the upstream evidently takes it:
 *
 *   query   := or
 *   or      := and ('OR' and)*
 *   and     := unary ('AND' unary)*
 *   unary   := 'NOT' unary | '(' or ')' | field ':' value
 *   value   := '"' phrase '"'      exact, `\x` stands for x
 *            | term                 `*` and `?` are wildcards, `\x` stands for x
 *
 * Anything else (implicit operators, ranges, fuzzy or boosted terms, unknown fields) is refused with a
 * 400 rather than guessed at: a query that means something else than it says must not match silently.
 */
import { badRequest } from './upstream-error.js';

export type QueryNode =
  | { kind: 'and' | 'or'; nodes: QueryNode[] }
  | { kind: 'not'; node: QueryNode }
  | { kind: 'term'; field: string; pattern: RegExp };

/** What a searched record offers to `q`: one text value per known field (null when it has none). */
export type QueryableFields = Record<string, string | null>;

/** Outside a phrase these need a backslash: they start Lucene syntax the simulator does not model. */
const UNSUPPORTED_IN_TERM = new Set(['+', '!', '^', '~', '[', ']', '{', '}', '"', ':', '/', '&', '|']);
const MAX_QUERY_LENGTH = 4096;

function invalidQuery(why: string): Error {
  return badRequest(`Invalid q: ${why}.`, 'INVALID_QUERY');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class QueryParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly fields: readonly string[],
  ) {}

  parse(): QueryNode {
    const node = this.or();
    this.skipSpaces();
    if (this.position < this.text.length) {
      throw invalidQuery(
        `unexpected '${this.text.slice(this.position, this.position + 10)}' (join clauses with AND or OR)`,
      );
    }
    return node;
  }

  private or(): QueryNode {
    const nodes = [this.and()];
    while (this.keyword('OR')) nodes.push(this.and());
    return nodes.length === 1 && nodes[0] ? nodes[0] : { kind: 'or', nodes };
  }

  private and(): QueryNode {
    const nodes = [this.unary()];
    while (this.keyword('AND')) nodes.push(this.unary());
    return nodes.length === 1 && nodes[0] ? nodes[0] : { kind: 'and', nodes };
  }

  private unary(): QueryNode {
    if (this.keyword('NOT')) return { kind: 'not', node: this.unary() };
    this.skipSpaces();
    if (this.text[this.position] === '(') {
      this.position += 1;
      const node = this.or();
      this.skipSpaces();
      if (this.text[this.position] !== ')') throw invalidQuery('a parenthesis is not closed');
      this.position += 1;
      return node;
    }
    return this.term();
  }

  private term(): QueryNode {
    const fieldMatch = /^[A-Za-z][\w.]*/.exec(this.text.slice(this.position));
    if (fieldMatch === null) throw invalidQuery(`expected field:value at position ${this.position}`);
    const field = fieldMatch[0];
    this.position += field.length;
    if (this.text[this.position] !== ':') throw invalidQuery(`expected ':' after '${field}'`);
    this.position += 1;
    if (!this.fields.includes(field)) {
      throw invalidQuery(`unknown field '${field}' (known: ${this.fields.join(', ')})`);
    }
    const pattern = this.text[this.position] === '"' ? this.phrase() : this.bareTerm();
    return { kind: 'term', field, pattern };
  }

  private phrase(): RegExp {
    this.position += 1;
    let literal = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position] ?? '';
      if (char === '"') {
        this.position += 1;
        return new RegExp(`^${escapeRegExp(literal)}$`, 'su');
      }
      if (char === '\\') {
        this.position += 1;
        if (this.position >= this.text.length) break;
      }
      literal += this.text[this.position];
      this.position += 1;
    }
    throw invalidQuery('a quoted value is not closed');
  }

  private bareTerm(): RegExp {
    let source = '';
    let length = 0;
    while (this.position < this.text.length) {
      const char = this.text[this.position] ?? '';
      if (/\s/.test(char) || char === '(' || char === ')') break;
      if (char === '\\') {
        const escaped = this.text[this.position + 1];
        if (escaped === undefined) throw invalidQuery('a value ends with a lone backslash');
        source += escapeRegExp(escaped);
        this.position += 2;
      } else if (char === '*') {
        source += '.*';
        this.position += 1;
      } else if (char === '?') {
        source += '.';
        this.position += 1;
      } else if (UNSUPPORTED_IN_TERM.has(char)) {
        throw invalidQuery(`'${char}' must be escaped or quoted`);
      } else {
        source += escapeRegExp(char);
        this.position += 1;
      }
      length += 1;
    }
    if (length === 0) throw invalidQuery('a field has no value');
    return new RegExp(`^${source}$`, 'su');
  }

  /** Consumes `word` when it comes next as a whole word. */
  private keyword(word: string): boolean {
    this.skipSpaces();
    const next = this.text.slice(this.position, this.position + word.length);
    const after = this.text[this.position + word.length];
    if (next !== word || (after !== undefined && !/[\s(]/.test(after))) return false;
    this.position += word.length;
    return true;
  }

  private skipSpaces(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }
}

/** Parses `q` against the fields a search offers; a blank `q` matches everything. */
export function parseQuery(q: unknown, fields: readonly string[]): QueryNode | null {
  if (q === undefined || q === null) return null;
  if (typeof q !== 'string') throw invalidQuery('criteria.q must be a string');
  if (q.length > MAX_QUERY_LENGTH) throw invalidQuery(`longer than ${MAX_QUERY_LENGTH} characters`);
  if (q.trim() === '') return null;
  return new QueryParser(q, fields).parse();
}

export function matchesQuery(node: QueryNode | null, record: QueryableFields): boolean {
  if (node === null) return true;
  switch (node.kind) {
    case 'and':
      return node.nodes.every((child) => matchesQuery(child, record));
    case 'or':
      return node.nodes.some((child) => matchesQuery(child, record));
    case 'not':
      return !matchesQuery(node.node, record);
    case 'term': {
      const value = record[node.field];
      return value !== null && value !== undefined && node.pattern.test(value);
    }
  }
}
