import { describe, expect, it } from 'vitest';
import { preferredMediaType } from '../../src/http/messages.js';

const OFFERS = ['application/json', 'application/graphql-response+json', 'text/html'];

describe('preferredMediaType', () => {
  it.each([
    ['a browser navigation', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['no Accept header', undefined, 'application/json'],
    ['curl', '*/*', 'application/json'],
    [
      'a GraphQL client',
      'application/graphql-response+json, application/json;q=0.9',
      'application/graphql-response+json',
    ],
    ['an exact range over a wildcard of the same q', 'text/html, */*', 'text/html'],
    ['a type wildcard', 'text/*', 'text/html'],
    ['q=0, which refuses', 'text/html;q=0, application/json;q=0, */*', 'application/graphql-response+json'],
  ])('picks what %s asks for first', (_who, accept, expected) => {
    expect(preferredMediaType(accept, OFFERS)).toBe(expected);
  });

  it('picks nothing when no offer is acceptable', () => {
    expect(preferredMediaType('image/png', OFFERS)).toBeUndefined();
  });
});
