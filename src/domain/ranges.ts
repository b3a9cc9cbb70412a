/** A time range: `from` included, `to` excluded; either may be open (null), never both. */
export interface DateRange {
  from: Date | null;
  to: Date | null;
}

/** A range of numbers, both bounds included; either may be open (null), never both. */
export interface NumberRange {
  min: number | null;
  max: number | null;
}
