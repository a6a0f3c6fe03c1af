/**
 * A compact, exact text form for arrays of whole numbers that are mostly zero (a shard's
 * histograms: one bin per possible settlement count per report date, of which a run
 * visits a few dozen; the series' histograms are kept as their changes from one report
 * date to the next, so some entries are negative). Only the non-zero entries are kept, as
 * unsigned LEB128 varints of (2 × the gap since the previous non-zero index, plus 1 when
 * the value is negative) and (the value's size), base64-encoded. Values up to 2^53 in size
 * round-trip exactly; decoding refuses anything that is not such a list.
 *
 * @example
 *   const text = encodeCounts(Float64Array.from([0, 0, 3, 0, -1]));  // { length: 5, nonZero: 2, data: 'BAMDAQ==' }
 *   decodeCounts(text)                                                // Float64Array [0, 0, 3, 0, -1]
 */
export interface EncodedCounts {
  length: number;
  /** How many entries are not zero (a check on the data). */
  nonZero: number;
  /** base64 of the varints (gap, value) of each non-zero entry. */
  data: string;
}

function pushVarint(out: number[], v: number): void {
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function encodeCounts(a: ArrayLike<number>): EncodedCounts {
  const bytes: number[] = [];
  let last = -1, nonZero = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === 0) continue;
    if (!Number.isSafeInteger(v)) throw new RangeError(`encodeCounts: entry ${i} is ${v}, not a whole number`);
    pushVarint(bytes, 2 * (i - last - 1) + (v < 0 ? 1 : 0));
    pushVarint(bytes, Math.abs(v));
    last = i;
    nonZero++;
  }
  return { length: a.length, nonZero, data: Buffer.from(bytes).toString('base64') };
}

/** Decodes encodeCounts' form; returns a reason instead when the text is not one. */
export function decodeCounts(e: unknown): Float64Array | string {
  const x = e as Partial<EncodedCounts> | null;
  if (!x || typeof x !== 'object' || !Number.isSafeInteger(x.length) || x.length! < 0 || x.length! > 2 ** 31 || !Number.isSafeInteger(x.nonZero) || typeof x.data !== 'string') {
    return 'not an encoded count array ({ length, nonZero, data })';
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(x.data)) return 'its data is not base64';
  const bytes = Buffer.from(x.data, 'base64');
  const out = new Float64Array(x.length!);
  let p = 0, index = -1, count = 0;
  const read = (): number | null => {
    let v = 0, scale = 1;
    for (;;) {
      if (p >= bytes.length || scale > 2 ** 56) return null;
      const b = bytes[p++];
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  };
  while (p < bytes.length) {
    const head = read(), v = read();
    if (head === null || v === null) return 'its data ends in the middle of an entry';
    index += Math.floor(head / 2) + 1;
    if (index >= out.length) return `an entry lies beyond its length (${x.length})`;
    if (v === 0 || !Number.isSafeInteger(v)) return `entry ${index} is not a whole number other than 0`;
    out[index] = head % 2 === 1 ? -v : v;
    count++;
  }
  if (count !== x.nonZero) return `it says ${x.nonZero} non-zero entries but holds ${count}`;
  return out;
}
