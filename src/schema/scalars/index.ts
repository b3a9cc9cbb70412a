// The scalars of the schema in one place: graphql-scalars where it has one, ours for GeoJSON.
export {
  DateTimeResolver as DateTimeScalar,
  EmailAddressResolver as EmailAddressScalar,
  JSONResolver as JSONScalar,
} from 'graphql-scalars';
export { GeoJSONPointScalar, GeoJSONPolygonScalar } from './geojson.js';
