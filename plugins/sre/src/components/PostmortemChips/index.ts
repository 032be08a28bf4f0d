export {
  SeverityChip,
  PostmortemStatusChip,
  ActionItemStatusChip,
} from './PostmortemChips';
export type {
  SeverityChipProps,
  PostmortemStatusChipProps,
  ActionItemStatusChipProps,
} from './PostmortemChips';
