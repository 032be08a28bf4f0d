export {
  SRE_POSTMORTEM_DOCUMENT_TYPE,
  SRE_RUNBOOK_DOCUMENT_TYPE,
} from './documents';
export type { SrePostmortemDocument, SreRunbookDocument } from './documents';
