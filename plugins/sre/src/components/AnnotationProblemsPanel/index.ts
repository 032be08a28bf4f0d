export { AnnotationProblemsPanel } from './AnnotationProblemsPanel';
export type { AnnotationProblemsPanelProps } from './AnnotationProblemsPanel';
