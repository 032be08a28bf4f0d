export { GROWTH_ROOM, PrefixColumns, lowerBound } from './prefixColumns';
export type { SliBucket } from './prefixColumns';
export {
  addSliceCounts,
  hourSliceTally,
  isGoodSlice,
  sliceColumnsOf,
  sliceMsOf,
  sliceSpecOf,
  sliceWindowCounts,
  tallySlice,
  tallySlices,
  timeSliceWindowOf,
} from './timeSlices';
export type { SliceCounts, SliceSpec, SliceTally } from './timeSlices';
export { TieredSliData } from './tieredSliData';
export type { SliTiers, TierCuts } from './tieredSliData';
