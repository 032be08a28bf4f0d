export { SreCoveragePage } from './SreCoveragePage';
export { SreCoverageContent } from './SreCoverageContent';
export type { SreCoverageContentProps } from './SreCoverageContent';
