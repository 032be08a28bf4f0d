export { Pager, usePaging } from './Pager';
