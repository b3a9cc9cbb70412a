import { describe, expect, it } from 'vitest';
import type { ProductionOption } from '../../src/domain/catalogue.js';
import { findOptionProblems, parseCondition } from '../../src/domain/production-options.js';
import { PLEIADES_ONE_DAY_OPTION_INPUTS } from '../fixtures/guide-samples.js';

/** A list option as the gateway maps `/options`; values are `id` or `[id, condition]`. */
function list(
  name: string,
  mandatory: ProductionOption['mandatory'],
  values: (string | [string, string])[],
  condition: string | null = null,
): ProductionOption {
  return {
    name,
    label: name,
    category: 'production_option',
    type: 'list',
    mandatory,
    condition,
    defaultValue: null,
    values: values.map((value) =>
      typeof value === 'string'
        ? { id: value, label: value, condition: null }
        : { id: value[0], label: value[0], condition: value[1] },
    ),
    range: null,
    hidden: false,
  };
}

/** The options of a Pléiades tasking product for AOI 1, written after API notes §2.1. */
const RULES: ProductionOption[] = [
  list('processing_level', 'ALWAYS', ['primary', 'projected', 'ortho']),
  list('spectral_processing', 'ALWAYS', ['panchromatic', 'multispectral', 'pansharpened_natural_color']),
  list('radiometric_processing', 'ALWAYS', ['basic', 'reflectance', 'display']),
  list('pixel_coding', 'ALWAYS', [['8bits', 'radiometric_processing:(basic|display)'], '12bits']),
  list('image_format', 'ALWAYS', ['dimap_jpeg2000_regular', 'dimap_geotiff']),
  list('licence', 'ALWAYS', ['standard', 'eula_5']),
  list('priority', 'NEVER', ['standard', 'rush']),
  {
    name: 'elevation',
    label: 'Mean elevation (m)',
    category: 'production_option',
    type: 'double',
    mandatory: 'NEVER',
    condition: null,
    defaultValue: null,
    values: [],
    range: { min: -100, max: 10000 },
    hidden: true,
  },
  list('dem_1', 'WHEN_CONDITION_HOLDS', ['best_available', 'srtm90'], 'processing_level:(ortho)'),
  list('projection_1', 'WHEN_CONDITION_HOLDS', ['4326', '3857'], 'processing_level:(ortho|projected)'),
];

const SUBJECT = { productTypeId: 'PleiadesTaskingOneDay', aoiIds: [1] };

/** The guide's sample options, as the GraphQL input carries them. */
const GUIDE = PLEIADES_ONE_DAY_OPTION_INPUTS;

/** The messages of every problem found, in order. */
function messages(options: { key: string; value: string }[], rules: ProductionOption[] = RULES) {
  return findOptionProblems(rules, options, SUBJECT).map((problem) => problem.message);
}

/** The one problem expected, or null when there is none. */
function check(options: { key: string; value: string }[], rules: ProductionOption[] = RULES) {
  const found = messages(options, rules);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ?? null;
}

/** The guide's options with some changed (a string) or left out (null); added at the end when new. */
function guideWith(changes: Record<string, string | null>) {
  const changed = GUIDE.flatMap(({ key, value }) => {
    const change = changes[key];
    if (change === undefined) return [{ key, value }];
    return change === null ? [] : [{ key, value: change }];
  });
  const added = Object.entries(changes).flatMap(([key, value]) =>
    value === null || GUIDE.some((option) => option.key === key) ? [] : [{ key, value }],
  );
  return [...changed, ...added];
}

describe('parseCondition', () => {
  it('reads optionName:(v1|v2), with or without spaces', () => {
    expect(parseCondition('processing_level:(ortho|projected)')).toEqual({
      option: 'processing_level',
      values: ['ortho', 'projected'],
    });
    expect(parseCondition(' radiometric_processing : ( basic ) ')).toEqual({
      option: 'radiometric_processing',
      values: ['basic'],
    });
  });

  it('gives null for anything else', () => {
    for (const text of ['', 'processing_level=ortho', 'processing_level:()', 'a:(b) AND c:(d)', ':(x)']) {
      expect(parseCondition(text)).toBeNull();
    }
  });
});

describe('findOptionProblems', () => {
  it("accepts the guide's option set, with its unsuffixed dem", () => {
    expect(GUIDE.map((option) => option.key)).toContain('dem');
    expect(check(GUIDE)).toBeNull();
  });

  it('accepts per-AOI options with the AOI id as suffix', () => {
    expect(check(guideWith({ dem: null, dem_1: 'srtm90' }))).toBeNull();
  });

  it('refuses no options at all when some are mandatory, naming each of them', () => {
    expect(messages([])).toEqual(
      [
        'processing_level',
        'spectral_processing',
        'radiometric_processing',
        'pixel_coding',
        'image_format',
        'licence',
      ].map((name) => `"${name}" is required for PleiadesTaskingOneDay`),
    );
  });

  it('accepts no options when none is mandatory', () => {
    expect(
      check(
        [],
        RULES.filter((rule) => rule.mandatory === 'NEVER'),
      ),
    ).toBeNull();
  });

  it('refuses a missing mandatory option', () => {
    expect(check(guideWith({ image_format: null }))).toBe(
      '"image_format" is required for PleiadesTaskingOneDay',
    );
  });

  it('requires a constraint-mandatory option only when its condition holds', () => {
    expect(check(guideWith({ dem: null }))).toBe(
      '"dem_1" is required for PleiadesTaskingOneDay when processing_level:(ortho)',
    );
    expect(check(guideWith({ dem: null, processing_level: 'projected' }))).toBeNull();
    expect(check(guideWith({ projection_1: null, processing_level: 'projected' }))).toBe(
      '"projection_1" is required for PleiadesTaskingOneDay when processing_level:(ortho|projected)',
    );
    expect(check(guideWith({ dem: null, projection_1: null, processing_level: 'primary' }))).toBeNull();
  });

  it('refuses a value that is not in the list', () => {
    expect(check(guideWith({ image_format: 'png' }))).toBe(
      '"image_format" must be one of dimap_jpeg2000_regular, dimap_geotiff',
    );
    // Values are the upstream's ids, compared exactly.
    expect(check(guideWith({ processing_level: 'ORTHO' }))).toBe(
      '"processing_level" must be one of primary, projected, ortho',
    );
  });

  it('refuses a value allowed only under a condition that does not hold', () => {
    expect(check(guideWith({ radiometric_processing: 'reflectance' }))).toBe(
      '"pixel_coding"="8bits" requires radiometric_processing:(basic|display)',
    );
    expect(check(guideWith({ radiometric_processing: 'display' }))).toBeNull();
    expect(check(guideWith({ radiometric_processing: 'reflectance', pixel_coding: '12bits' }))).toBeNull();
  });

  it('checks a double against its range, bounds included', () => {
    expect(check([...GUIDE, { key: 'elevation', value: '-100' }])).toBeNull();
    expect(check([...GUIDE, { key: 'elevation', value: '10000' }])).toBeNull();
    expect(check([...GUIDE, { key: 'elevation', value: '10000.5' }])).toBe(
      '"elevation" must be between -100 and 10000',
    );
    expect(check([...GUIDE, { key: 'elevation', value: '-101' }])).toBe(
      '"elevation" must be between -100 and 10000',
    );
    for (const value of ['', ' ', 'high', 'NaN', 'Infinity']) {
      expect(check([...GUIDE, { key: 'elevation', value }])).toBe('"elevation" must be a number');
    }
  });

  it('refuses an option the product does not have, listing those it has', () => {
    expect(check([...GUIDE, { key: 'colour', value: 'blue' }])).toBe(
      '"colour" is not an option of PleiadesTaskingOneDay (its options: processing_level, spectral_processing, radiometric_processing, pixel_coding, image_format, licence, priority, elevation, dem_1, projection_1)',
    );
    expect(check([{ key: 'colour', value: 'blue' }], [])).toBe(
      '"colour" is not an option of PleiadesTaskingOneDay',
    );
  });

  it('names the right suffix for a per-AOI option of another AOI', () => {
    expect(messages(guideWith({ projection_1: null, projection_2: '4326' }))).toEqual([
      '"projection_2" is not an option of PleiadesTaskingOneDay: per-AOI options end with the AOI id, here "projection_1"',
      '"projection_1" is required for PleiadesTaskingOneDay when processing_level:(ortho|projected)',
    ]);
  });

  it('takes the suffix from the AOI id it is given', () => {
    const rules = RULES.map((rule) => ({ ...rule, name: rule.name.replace(/_1$/, '_2') }));
    const options = GUIDE.map((option) => ({ ...option, key: option.key.replace(/_1$/, '_2') }));
    expect(findOptionProblems(rules, options, { ...SUBJECT, aoiIds: [2] })).toEqual([]);
    // Read for AOI 1, the same rules do not take the unsuffixed `dem` for `dem_2`: `dem` is unknown,
    // so `dem_2`, which processing_level:(ortho) makes mandatory, is missing too.
    expect(findOptionProblems(rules, options, SUBJECT).map((problem) => problem.reason)).toEqual([
      'UNKNOWN_OPTION',
      'REQUIRED',
    ]);
  });

  it('takes an unsuffixed per-AOI option for every AOI of an order with several, and wants each AOI’s otherwise', () => {
    const perAoi = RULES.filter((rule) => /_1$/.test(rule.name));
    const rules = [...RULES, ...perAoi.map((rule) => ({ ...rule, name: rule.name.replace(/_1$/, '_2') }))];
    const twoAois = { ...SUBJECT, aoiIds: [1, 2] };
    // The guide's `dem` stands for dem_1 and dem_2; its `projection_1` leaves projection_2 missing.
    expect(findOptionProblems(rules, GUIDE, twoAois).map((problem) => problem.option)).toEqual([
      'projection_2',
    ]);
    expect(findOptionProblems(rules, [...GUIDE, { key: 'projection_2', value: '3857' }], twoAois)).toEqual(
      [],
    );
  });

  it('refuses an option given twice, also under its two names', () => {
    expect(check([...GUIDE, { key: 'licence', value: 'eula_5' }])).toBe('"licence" is given twice');
    expect(check([...GUIDE, { key: 'dem_1', value: 'srtm90' }])).toBe(
      '"dem" and "dem_1" are the same option; give it once',
    );
  });

  it('leaves to the upstream what it cannot judge: unreadable conditions, conditions on unset options', () => {
    const unreadable = RULES.map((rule) =>
      rule.name === 'dem_1' ? { ...rule, condition: 'processing_level in (ortho)' } : rule,
    );
    expect(check(guideWith({ dem: null }), unreadable)).toBeNull();
    // `priority` is optional: a value allowed only under a condition on it is neither refused nor
    // accepted for sure while it is unset, and an option required under it is not required.
    const onPriority = [
      ...RULES.filter((rule) => rule.name !== 'image_format'),
      list('image_format', 'ALWAYS', [['dimap_geotiff', 'priority:(rush)'], 'dimap_jpeg2000_regular']),
      list('delivery_method', 'WHEN_CONDITION_HOLDS', ['on_the_flow'], 'priority:(rush)'),
    ];
    const geotiff = guideWith({ image_format: 'dimap_geotiff' });
    expect(check(geotiff, onPriority)).toBeNull();
    expect(check([...geotiff, { key: 'priority', value: 'standard' }], onPriority)).toBe(
      '"image_format"="dimap_geotiff" requires priority:(rush)',
    );
    expect(check([...geotiff, { key: 'priority', value: 'rush' }], onPriority)).toBe(
      '"delivery_method" is required for PleiadesTaskingOneDay when priority:(rush)',
    );
  });

  it("names every problem at once: values first in the client's order, then the rules in the product's", () => {
    expect(messages(guideWith({ image_format: null, elevation: '99999', licence: 'gpl' }))).toEqual([
      '"licence" must be one of standard, eula_5',
      '"elevation" must be between -100 and 10000',
      '"image_format" is required for PleiadesTaskingOneDay',
    ]);
  });

  it("gives each problem the option's name, a reason, its allowed values or range and its default", () => {
    const withDefaults = RULES.map((rule) =>
      rule.name === 'licence' ? { ...rule, defaultValue: 'standard' } : rule,
    );
    const problems = findOptionProblems(
      withDefaults,
      guideWith({ licence: null, dem: 'gtopo', elevation: 'high', colour: 'blue' }),
      SUBJECT,
    );
    expect(problems).toEqual([
      {
        option: 'dem_1',
        reason: 'NOT_ALLOWED',
        message: '"dem" must be one of best_available, srtm90',
        allowedValues: ['best_available', 'srtm90'],
        range: null,
        defaultValue: null,
      },
      {
        option: 'elevation',
        reason: 'NOT_A_NUMBER',
        message: '"elevation" must be a number',
        allowedValues: [],
        range: { min: -100, max: 10000 },
        defaultValue: null,
      },
      {
        option: 'colour',
        reason: 'UNKNOWN_OPTION',
        message: expect.stringMatching(/^"colour" is not an option of PleiadesTaskingOneDay/),
        allowedValues: [],
        range: null,
        defaultValue: null,
      },
      {
        option: 'licence',
        reason: 'REQUIRED',
        message: '"licence" is required for PleiadesTaskingOneDay',
        allowedValues: ['standard', 'eula_5'],
        range: null,
        defaultValue: 'standard',
      },
    ]);
  });

  it('names an option given three times once per repeat, and judges no condition on it', () => {
    const problems = findOptionProblems(
      RULES,
      [
        ...GUIDE,
        { key: 'radiometric_processing', value: 'basic' },
        { key: 'radiometric_processing', value: 'display' },
      ],
      SUBJECT,
    );
    // pixel_coding=8bits needs radiometric_processing:(basic|display), which is no longer known.
    expect(problems.map((problem) => [problem.option, problem.reason])).toEqual([
      ['radiometric_processing', 'GIVEN_TWICE'],
      ['radiometric_processing', 'GIVEN_TWICE'],
    ]);
  });
});
