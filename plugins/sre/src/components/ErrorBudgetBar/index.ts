export { ErrorBudgetBar } from './ErrorBudgetBar';
export type { ErrorBudgetBarProps } from './ErrorBudgetBar';
