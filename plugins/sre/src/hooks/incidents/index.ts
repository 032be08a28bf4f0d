export { useEntityRunbooks } from './useEntityRunbooks';
export { usePostmortems } from './usePostmortems';
export { usePostmortem } from './usePostmortem';
export { usePostmortemHistory } from './usePostmortemHistory';
export { useActionItems } from './useActionItems';
export { useRequiredPostmortems } from './useRequiredPostmortems';
export {
  usePostmortemLink,
  POSTMORTEMS_TAB_PATH,
  RUNBOOKS_TAB_PATH,
} from './usePostmortemLink';
export { useTeamOptions } from './useTeamOptions';
export type { TeamOption } from './useTeamOptions';
export {
  usePostmortemLibraryLink,
  POSTMORTEM_LIBRARY_PATH,
  RECENT_LEARNINGS_PATH,
} from './usePostmortemLibraryLink';
export {
  useCreatePostmortemAccess,
  useUpdatePostmortemAccess,
} from './usePostmortemAccess';
export type { WriteAccess } from './usePostmortemAccess';
