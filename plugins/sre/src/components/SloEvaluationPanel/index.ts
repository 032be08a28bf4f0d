export { SloEvaluationPanel } from './SloEvaluationPanel';
