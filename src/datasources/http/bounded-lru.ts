export interface LruBounds {
  /** Entries kept at most. */
  maxEntries: number;
  /** Bytes kept at most, as measured by whoever adds an entry. */
  maxBytes: number;
}

interface Slot<V> {
  value: V;
  bytes: number;
}

/**
 * A map bounded by entries and by bytes that evicts the least recently used first. Bytes are what the
 * caller says an entry weighs; an entry heavier than the whole bound is not kept at all.
 */
export class BoundedLru<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private totalBytes = 0;

  constructor(private readonly bounds: LruBounds) {}

  get entryCount(): number {
    return this.slots.size;
  }

  get byteCount(): number {
    return this.totalBytes;
  }

  /** The value, now counted as the most recently used. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** The value, without counting this as a use. */
  peek(key: string): V | undefined {
    return this.slots.get(key)?.value;
  }

  /** Keeps `value` as the most recently used, evicting the least recently used beyond the bounds. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.bounds.maxBytes || this.bounds.maxEntries <= 0) return;
    this.slots.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldestKey] of this.slots) {
      if (this.slots.size <= this.bounds.maxEntries && this.totalBytes <= this.bounds.maxBytes) break;
      this.delete(oldestKey);
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.totalBytes -= slot.bytes;
  }

  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, slot] of this.slots) if (matches(slot.value)) this.delete(key);
  }
}
