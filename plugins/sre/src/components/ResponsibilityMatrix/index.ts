export { ResponsibilityMatrix } from './ResponsibilityMatrix';
export type { ResponsibilityMatrixProps } from './ResponsibilityMatrix';
