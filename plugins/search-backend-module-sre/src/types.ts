// The documents are part of the contract with the frontend, which renders them: they
// live in sre-common and are re-exported here for the collators and for adopters.
export type {
  SrePostmortemDocument,
  SreRunbookDocument,
} from '@sre-catalog/backstage-plugin-sre-common';
