/**
 * Production options that the simulator's catalogue accepts, for the examples that run on it: the
 * GraphiQL tabs, the tests, and (as printed text, checked against these by test/readme.test.ts) the
 * README's and the Neo guide's walkthroughs. One list each, so a change to the catalogue's rules is
 * made in one place and every example follows.
 */

/** A production option as an order carries it. */
export interface SampleOption {
  readonly key: string;
  readonly value: string;
}

/**
 * For the legacy tasking products (Pléiades and SPOT, every offer): the published default of every
 * option they require, as a form pre-filled from `productionOptions` would send them.
 */
export const SAMPLE_LEGACY_OPTIONS: readonly SampleOption[] = [
  { key: 'processing_level', value: 'ortho' },
  { key: 'spectral_processing', value: 'bundle' },
  { key: 'radiometric_processing', value: 'display' },
  { key: 'pixel_coding', value: '12bits' },
  { key: 'image_format', value: 'dimap_geotiff' },
  { key: 'licence', value: 'standard' },
  { key: 'dem_1', value: 'best_available' },
  { key: 'projection_1', value: '4326' },
];

/** For a Pléiades Neo ONEPLAN: the defaults, but at the primary processing level, which needs no DEM or projection. */
export const SAMPLE_NEO_OPTIONS: readonly SampleOption[] = [
  { key: 'processing_level', value: 'primary' },
  { key: 'spectral_processing', value: 'bundle' },
  { key: 'radiometric_processing', value: 'display' },
  { key: 'pixel_coding', value: '12bits' },
  { key: 'image_format', value: 'dimap_geotiff' },
  { key: 'licence', value: 'standard' },
];
