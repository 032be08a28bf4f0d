import type { SliData } from './evaluateSlo';
import type { WindowCounts } from './math';
import { PrefixColumns, SliBucket } from './kernel/prefixColumns';
import { SliceCounts, SliceSpec } from './kernel/timeSlices';
import { TieredSliData } from './kernel/tieredSliData';

export type { SliBucket } from './kernel/prefixColumns';

/**
 * Answers window sums over buckets of one fixed size with the kernel's prefix
 * columns, so every window costs two binary searches however long it is. Slices
 * are built from the buckets when the slice length is a multiple of the bucket
 * size.
 *
 * @public
 */
export class BucketSliData implements SliData {
  private readonly data: TieredSliData;

  /** `buckets` sorted by start, without duplicates, on whole seconds. */
  constructor(
    buckets: SliBucket[],
    bucketMs: number,
    private readonly slice?: SliceSpec,
  ) {
    this.data = TieredSliData.ofFine(
      PrefixColumns.ofBuckets(buckets),
      slice,
      bucketMs,
    );
  }

  /** Buckets that start inside `[from, to)` count whole. */
  events(fromMs: number, toMs: number): WindowCounts {
    return this.data.events(fromMs, toMs);
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    if (!this.slice) {
      throw new Error('BucketSliData was built without a slice definition');
    }
    return this.data.slices(fromMs, toMs);
  }
}
