/** A time range: `from` included, `to` excluded; either may be open (null), never both. */
export interface DateRange {
  from: Date | null;
  to: Date | null;
}
