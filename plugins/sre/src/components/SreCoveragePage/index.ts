export { SreCoveragePage } from './SreCoveragePage';
export { SreCoverageContent } from './SreCoverageContent';
export type { SreCoverageContentProps } from './SreCoverageContent';
export { SrePageTabs } from './SrePageTabs';
export type { SrePageTabsProps } from './SrePageTabs';
