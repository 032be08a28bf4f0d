export { SloReviewContent } from './SloReviewContent';
export type { SloReviewContentProps } from './SloReviewContent';
