import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../src/domain/geo.js';
import { ErrorCode, GatewayError } from '../../src/errors.js';
import { type TaskingSearchInput, toTaskingSearch } from '../../src/schema/feasibility.inputs.js';
import { type OrderInput, toOrderRequest } from '../../src/schema/order.inputs.js';

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

function order(overrides: Partial<OrderInput> = {}): OrderInput {
  return { productTypeId: 'SpotTaskingOnePlan', aoi, customerReference: 'ref-1', ...overrides } as OrderInput;
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

function refusal(run: () => unknown): { code: unknown; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    return { code: gatewayError.extensions.code, message: gatewayError.message };
  }
  throw new Error('expected a refusal');
}

describe('TaskingSearchInput → TaskingSearch', () => {
  it('fills the configured contract and MONO by default', () => {
    const result = toTaskingSearch(search(), defaults.contractId);
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
      toTaskingSearch(search(override as Partial<TaskingSearchInput>), 'C'),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
  });
});

describe('OrderInput → OrderRequest', () => {
  it('applies the defaults and keeps what was given', () => {
    const result = toOrderRequest(
      order({ comments: ' hi ', endUsers: [{ name: 'John Doe', country: 'fr' }] }),
      defaults,
    );
    expect(result.contractId).toBe('CTR-DEFAULT');
    expect(result.workspaceId).toBe('WS-DEFAULT');
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
  ])('refuses %j', (override, message) => {
    const { code, message: text } = refusal(() =>
      toOrderRequest(order(override as Partial<OrderInput>), defaults),
    );
    expect(code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(text).toMatch(message);
  });
});
