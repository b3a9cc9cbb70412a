import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../src/domain/geo.js';
import { ErrorCode, GatewayError, refuseIfAny } from '../../src/errors.js';
import {
  type TaskingSearchInput,
  toFeasibilitySearch,
  toTaskingSearch,
} from '../../src/schema/feasibility.inputs.js';
import {
  idempotencyKeyOf,
  type OrderDefaults,
  type OrderInput,
  orderDraftOf,
} from '../../src/schema/order.inputs.js';

const aoi: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.37, 43.54],
      [1.5, 43.54],
      [1.5, 43.65],
      [1.37, 43.54],
    ],
  ],
};
const defaults = { contractId: 'CTR-DEFAULT', workspaceId: 'WS-DEFAULT' };
/** The clock the searches' windows are judged by: before the 2030 windows of `search`. */
const NOW = Date.parse('2029-12-01T00:00:00Z');
/** The guide's attempts sample: a hash, then the pass's properties as JSON. */
const guideSegmentKey =
  'ea60293f38ee6de7542b51f8028bab3244de9e25b9dcb8c7d94095c14ca29d70dbbe78c03462eff457763bc8551c5b66dc0852688bbfd731f7e3e2b00b451e37::[{"key":"acqPeriod", "value":"2021-05-31T11:10:44.099Z 2021-05-31T11:10:45.552Z"},{"key":"extendedAngle", "value":false}]';

/** The checked request, as the checks before the upstream see it when they find nothing more. */
function toOrderRequest(input: OrderInput, orderDefaults: OrderDefaults) {
  const { request, problems } = orderDraftOf(input, orderDefaults);
  refuseIfAny(problems);
  return request;
}

/** A OnePlan order: its acquisition period is its window. */
function order(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    productTypeId: 'SpotTaskingOnePlan',
    aoi,
    customerReference: 'ref-1',
    window: { start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-02-01T00:00:00Z') },
    ...overrides,
  } as OrderInput;
}

function search(overrides: Partial<TaskingSearchInput> = {}): TaskingSearchInput {
  return {
    missions: ['PLEIADES'],
    progTypes: ['ONEDAY'],
    aoi,
    window: { start: new Date('2030-01-01T00:00:00Z') },
    ...overrides,
  } as TaskingSearchInput;
}

function refusal(run: () => unknown): {
  code: unknown;
  message: string;
  extensions: Record<string, unknown>;
} {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    return {
      code: gatewayError.extensions.code,
      message: gatewayError.message,
      extensions: gatewayError.extensions,
    };
  }
  throw new Error('expected a refusal');
}

describe('TaskingSearchInput → TaskingSearch', () => {
  it('fills the configured contract and MONO by default', () => {
    const result = toTaskingSearch(search(), defaults.contractId, NOW);
    expect(result.contractId).toBe('CTR-DEFAULT');
    expect(result.optical).toEqual({ acquisitionMode: 'MONO', maxCloudCover: null, maxIncidenceAngle: null });
    expect(result.window.end).toBeNull();
  });

  it.each([
    [
      { optical: { acquisitionMode: 'MONO', maxCloudCover: 101 } },
      /input\.optical\.maxCloudCover: must be between 0 and 100/,
    ],
    [
      { optical: { acquisitionMode: 'MONO', maxIncidenceAngle: -1 } },
      /input\.optical\.maxIncidenceAngle: must be between 0 and 90/,
    ],
    [
      { window: { start: new Date('2030-01-02T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') } },
      /input\.window\.end: must be after window\.start/,
    ],
    [{ missions: [] }, /input\.missions: must list at least one value/],
    [{ progTypes: [] }, /input\.progTypes: must list at least one value/],
  ])('refuses %j', (override, message) => {
    const { code, message: text } = refusal(() =>
      toTaskingSearch(search(override as Partial<TaskingSearchInput>), 'C', NOW),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
  });
});

describe('feasibility', () => {
  it('needs a window with an end; attempts do not', () => {
    expect(refusal(() => toFeasibilitySearch(search(), 'C', NOW))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: 'input.window.end: is required for feasibility (the period to judge ends somewhere)',
    });
    const window = { start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-02-01T00:00:00Z') };
    expect(toFeasibilitySearch(search({ window }), 'C', NOW).window).toEqual(window);
  });
});

describe('a window that has ended', () => {
  const ended = { start: new Date('2001-01-01T00:00:00Z'), end: new Date('2001-02-01T00:00:00Z') };

  it('is refused for feasibility and attempts, with the other problems of the input', () => {
    for (const toSearch of [toFeasibilitySearch, toTaskingSearch]) {
      const { code, extensions } = refusal(() => toSearch(search({ window: ended, missions: [] }), 'C', NOW));
      expect(code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(extensions.problems).toEqual([
        {
          field: 'input.window.end',
          message: expect.stringMatching(/^has passed \(2001-02-01T00:00:00\.000Z\)/),
        },
        { field: 'input.missions', message: 'must list at least one value' },
      ]);
    }
  });

  it('is judged by the clock given: an end just past it is refused, one just ahead is not', () => {
    const window = { start: new Date(NOW - 86_400_000), end: new Date(NOW) };
    expect(refusal(() => toTaskingSearch(search({ window }), 'C', NOW)).message).toMatch(
      /input\.window\.end: has passed/,
    );
    expect(toTaskingSearch(search({ window }), 'C', NOW - 1).window).toEqual(window);
  });

  it('leaves attempts a start in the past without an end: the upstream searches from now', () => {
    const window = { start: new Date('2001-01-01T00:00:00Z') };
    expect(toTaskingSearch(search({ window }), 'C', NOW).window).toEqual({ ...window, end: null });
  });
});

describe('OrderInput → OrderRequest', () => {
  it('applies the defaults and keeps what was given', () => {
    const result = toOrderRequest(
      order({ comments: ' hi ', endUsers: [{ name: 'John Doe', country: 'fr' }] }),
      defaults,
    );
    expect(result.contractId).toBe('CTR-DEFAULT');
    expect(result.comments).toBe('hi');
    expect(result.endUsers).toEqual([{ name: 'John Doe', country: 'FR' }]);
  });

  it('takes the BH ratios for STEREO', () => {
    const result = toOrderRequest(
      order({ acquisitionMode: 'STEREO', stereo: { minBH: 0.4, maxBH: 0.7 } }),
      defaults,
    );
    expect(result.stereo).toEqual({ minBH: 0.4, maxBH: 0.7 });
  });

  it.each([
    [{ acquisitionMode: 'TRISTEREO' }, /input\.stereo: is required for acquisitionMode TRISTEREO/],
    [
      { acquisitionMode: 'STEREO', stereo: { minBH: 0.1, maxBH: 0.7 } },
      /input\.stereo\.minBH: must be between 0\.2 and 0\.8/,
    ],
    [
      { acquisitionMode: 'STEREO', stereo: { minBH: 0.4, maxBH: 0.9 } },
      /input\.stereo\.maxBH: must be between 0\.2 and 0\.8/,
    ],
    [
      { acquisitionMode: 'STEREO', stereo: { minBH: 0.7, maxBH: 0.4 } },
      /input\.stereo\.minBH: must not exceed maxBH/,
    ],
    [{ acquisitionMode: 'MONO', stereo: { minBH: 0.4, maxBH: 0.7 } }, /input\.stereo: only applies to/],
    [{ maxCloudCover: 150 }, /input\.maxCloudCover: must be between 0 and 100/],
    [{ notificationThreshold: -5 }, /input\.notificationThreshold: must be between 0 and 100/],
    [{ maxIncidenceAngle: 95 }, /input\.maxIncidenceAngle: must be between 0 and 90/],
    [{ window: { start: new Date('2030-01-01T00:00:00Z') } }, /input\.window\.end: is required for an order/],
    [
      { window: { start: new Date('2030-01-02T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') } },
      /input\.window\.end: must be after window\.start/,
    ],
    [{ customerReference: '  ' }, /input\.customerReference: must not be empty/],
    [
      { endUsers: [{ country: 'France' }] },
      /input\.endUsers\[0\]\.country: must be an ISO 3166-1 alpha-2 code/,
    ],
    [{ extraProperties: [{ key: 'maxCloudCover', value: '5' }] }, /has its own field in OrderInput/],
    [{ window: null }, /input\.window: is required for SpotTaskingOnePlan: its acquisition period/],
    [{ productTypeId: 'PleiadesTaskingOneSeries', window: null }, /input\.window: is required for/],
    [{ productTypeId: 'PleiadesTaskingOneDay' }, /input\.segmentKey: is required for PleiadesTaskingOneDay/],
    [{ productTypeId: 'SpotTaskingOneNow' }, /input\.segmentKey: is required for SpotTaskingOneNow/],
  ])('refuses %j', (override, message) => {
    const { code, message: text } = refusal(() =>
      toOrderRequest(order(override as Partial<OrderInput>), defaults),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
  });
});

describe('every problem of an order input at once', () => {
  it('holds for feasibility too: a window without an end and a cloud cover out of range in one answer', () => {
    const { extensions } = refusal(() =>
      toFeasibilitySearch(search({ optical: { acquisitionMode: 'MONO', maxCloudCover: 101 } }), 'C', NOW),
    );
    expect(extensions.problems).toEqual([
      {
        field: 'input.window.end',
        message: 'is required for feasibility (the period to judge ends somewhere)',
      },
      { field: 'input.optical.maxCloudCover', message: 'must be between 0 and 100, got 101' },
    ]);
  });

  it('records each field’s problem in the draft instead of stopping at the first', () => {
    const { problems } = orderDraftOf(
      order({
        window: null,
        maxCloudCover: 150,
        customerReference: '  ',
        options: [{ key: 'dem 1', value: 'x' }],
        endUsers: [{ country: 'France' }],
      }),
      defaults,
    );
    expect(problems.list.map((problem) => problem.field)).toEqual([
      'input.maxCloudCover',
      'input.customerReference',
      'input.options[0].key',
      'input.endUsers[0].country',
      'input.window',
    ]);
  });

  it('refuses them in one BAD_USER_INPUT: each field once before its run, the list in extensions.problems', () => {
    const error = refusal(() =>
      toOrderRequest(order({ maxCloudCover: 150, maxIncidenceAngle: 95, window: null }), defaults),
    );
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toBe(
      'input.maxCloudCover: must be between 0 and 100, got 150; input.maxIncidenceAngle: must be between 0 and 90, got 95; input.window: is required for SpotTaskingOnePlan: its acquisition period',
    );
    expect(error.extensions).toMatchObject({
      field: 'input.maxCloudCover',
      problems: [
        { field: 'input.maxCloudCover', message: 'must be between 0 and 100, got 150' },
        { field: 'input.maxIncidenceAngle', message: 'must be between 0 and 90, got 95' },
        { field: 'input.window', message: 'is required for SpotTaskingOnePlan: its acquisition period' },
      ],
    });
  });

  it('refuses at once with a contract id it cannot read, as the caller’s right to it cannot be judged', () => {
    const error = refusal(() => orderDraftOf(order({ contractId: 'a/b', maxCloudCover: 150 }), defaults));
    expect(error.extensions).toMatchObject({
      problems: [{ field: 'input.contractId' }, { field: 'input.maxCloudCover' }],
    });
  });
});

describe('the feasibility verdict, typed', () => {
  const feasibilityOf = (feasibility: Record<string, unknown>) =>
    toOrderRequest(order({ feasibility } as Partial<OrderInput>), defaults).feasibility;

  it('is taken typed, and is the same order as with the deprecated text fields', () => {
    const typed = feasibilityOf({ classificationLevel: 'CHALLENGING', automationMode: 'MANUAL' });
    expect(typed).toEqual({
      classification: 'CHALLENGING',
      automation: 'MANUAL',
      classificationLevel: 'CHALLENGING',
      automationMode: 'MANUAL',
      automationName: null,
    });
    expect(feasibilityOf({ classification: 'CHALLENGING', automation: 'MANUAL' })).toEqual(typed);
  });

  it.each([
    [{ automationMode: 'AUTOMATIC' }, /input\.feasibility\.classificationLevel: is required/],
    [
      { classificationLevel: 'EASY', classification: 'CHALLENGING', automationMode: 'AUTOMATIC' },
      /input\.feasibility\.classification: must agree with classificationLevel/,
    ],
  ])('refuses %j', (feasibility, message) => {
    const { code, message: text } = refusal(() => feasibilityOf(feasibility));
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
  });
});

describe('every client string is bounded and checked first', () => {
  const oversized = 'x'.repeat(900_000);

  it.each([
    [{ customerReference: oversized }, /input\.customerReference: must be at most 64 characters/],
    [{ customerReference: 'ref\u0000with-nul' }, /input\.customerReference: may only hold printable/],
    [{ customerReference: 'ref\u001b[31m' }, /input\.customerReference: may only hold printable/],
    [{ customerReference: 'two\nlines' }, /input\.customerReference: may only hold printable/],
    [{ productTypeId: 'p'.repeat(500_000) }, /input\.productTypeId: must be at most 64 characters/],
    [{ productTypeId: 'Spot Tasking' }, /input\.productTypeId: may only hold letters, digits and '_'/],
    [{ contractId: 'CTR1,CTR2' }, /input\.contractId: may only hold letters, digits/],
    [{ contractId: '..' }, /input\.contractId: may only hold/],
    [{ workspaceId: 'ws 1' }, /input\.workspaceId: may only hold/],
    [{ segmentKey: 's'.repeat(8193) }, /input\.segmentKey: must be at most 8192 characters/],
    [{ comments: 'c'.repeat(1001) }, /input\.comments: must be at most 1000 characters/],
    [{ aoiName: 'name\u0007' }, /input\.aoiName: may only hold printable/],
    [{ primaryMarket: 'NQUAL; DROP' }, /input\.primaryMarket: may only hold letters, digits and '_'/],
    [{ programReference: 'p'.repeat(65) }, /input\.programReference: must be at most 64/],
    [{ options: [{ key: 'processing level', value: 'ortho' }] }, /input\.options\[0\]\.key: may only hold/],
    [
      { options: [{ key: 'dem_1', value: 'v'.repeat(257) }] },
      /input\.options\[0\]\.value: must be at most 256/,
    ],
    [
      { options: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
      /input\.options: may hold at most 50 entries, got 51/,
    ],
    [{ extraProperties: [{ key: 'note', value: 'a\u0000b' }] }, /input\.extraProperties\[0\]\.value/],
    [
      { endUsers: [{ name: 'n'.repeat(129), country: 'FR' }] },
      /input\.endUsers\[0\]\.name: must be at most 128/,
    ],
    [
      { notifyEmails: Array.from({ length: 11 }, (_, i) => `a${i}@b.fr`) },
      /input\.notifyEmails: may hold at most 10/,
    ],
    [
      { feasibility: { classification: 'EASY', automation: 'AUTO MATIC' } },
      /input\.feasibility\.automation: may only hold/,
    ],
  ])('refuses %#', (override, message) => {
    const { code, message: text } = refusal(() =>
      toOrderRequest(order(override as Partial<OrderInput>), defaults),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
    // The error names the rule, never echoes the client's string.
    expect(text.length).toBeLessThan(200);
  });

  it.each([
    ['a\u0000', /input\.idempotencyKey: may only hold printable/],
    ['k'.repeat(65), /input\.idempotencyKey: must be at most 64 characters/],
  ])('refuses the idempotency key %#', (idempotencyKey, message) => {
    expect(refusal(() => idempotencyKeyOf(order({ idempotencyKey }))).message).toMatch(message);
  });

  it('accepts printable Unicode references at the bound, and the guide segmentKey', () => {
    const result = toOrderRequest(
      order({
        customerReference: `Réf-${'é'.repeat(60)}`,
        segmentKey: guideSegmentKey,
        options: [{ key: 'projection_1', value: '4326' }],
      }),
      defaults,
    );
    expect(result.customerReference).toHaveLength(64);
    expect(result.segmentKey).toBe(guideSegmentKey);
  });

  it('refuses a tasking search on a malformed contract id', () => {
    expect(refusal(() => toTaskingSearch(search({ contractId: 'CTR 1' }), 'C', NOW)).message).toMatch(
      /input\.contractId: may only hold/,
    );
  });
});

describe('the extraProperties blocklist', () => {
  it.each([
    'acqPeriod',
    'ACQPERIOD',
    'acq_period',
    'acqPeiod',
    'acqPeriods',
    'AcqPeriods',
    'MaxCloudCover',
    'notificationthreshold',
    'acquisitionModeMinBH',
    'orderDeadLine',
    'geometryWkt',
    'COMMENTS',
  ])('cannot set %s, whatever its case or spelling', (key) => {
    const { code, message } = refusal(() =>
      toOrderRequest(order({ extraProperties: [{ key, value: 'x' }] }), defaults),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(message).toMatch(/has its own field in OrderInput/);
  });

  it('passes an unmodelled property through', () => {
    const result = toOrderRequest(
      order({ extraProperties: [{ key: 'holdbackReason', value: 'x' }] }),
      defaults,
    );
    expect(result.extraProperties).toEqual([{ key: 'holdbackReason', value: 'x' }]);
  });
});

describe('the delivery workspace of the input', () => {
  it("is never the configured workspace: the contract's own is read before sending", () => {
    expect(toOrderRequest(order({ contractId: 'CTR-DEFAULT' }), defaults).workspaceId).toBeNull();
    expect(toOrderRequest(order({ contractId: 'CTR-OTHER' }), defaults).workspaceId).toBeNull();
  });

  it("is the client's when the client names one, to be checked against the contract's", () => {
    expect(
      toOrderRequest(order({ contractId: 'CTR-OTHER', workspaceId: 'WS-OTHER' }), defaults).workspaceId,
    ).toBe('WS-OTHER');
  });
});

describe('the delivery method of the input', () => {
  it('is left off the request when not chosen, so that existing orders keep their fingerprints', () => {
    expect(toOrderRequest(order(), defaults)).not.toHaveProperty('deliveryMethod');
  });

  it('is on the request when chosen, its upstream id read before sending', () => {
    const request = toOrderRequest(order({ deliveryMethod: 'MEDIA' }), defaults);
    expect(request.deliveryMethod).toBe('MEDIA');
    expect(request).not.toHaveProperty('deliveryTypeId');
  });
});
