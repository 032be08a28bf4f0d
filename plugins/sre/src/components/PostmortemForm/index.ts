export { PostmortemForm } from './PostmortemForm';
export type { PostmortemFormProps } from './PostmortemForm';
export {
  emptyFormState,
  formStateOf,
  buildPostmortemRequest,
  toLocalInput,
  fromLocalInput,
} from './postmortemFormState';
export type {
  PostmortemFormState,
  PostmortemFormDefaults,
  BuiltPostmortemRequest,
} from './postmortemFormState';
export { validatePostmortemForm } from './validatePostmortemForm';
