export { PostmortemLibraryContent } from './PostmortemLibraryContent';
export type { PostmortemLibraryContentProps } from './PostmortemLibraryContent';
export { RecentLearningsContent } from './RecentLearningsContent';
export type { RecentLearningsContentProps } from './RecentLearningsContent';
export { RequiredPostmortemsPanel } from './RequiredPostmortemsPanel';
