export { SloFaultNotes } from './SloFaultNotes';
export type { SloFaultNotesProps } from './SloFaultNotes';
