import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { pageMessages } from './translations/pageMessages';
import { postmortemFormMessages } from './translations/postmortemFormMessages';
import { postmortemLibraryMessages } from './translations/postmortemLibraryMessages';
import { postmortemPagesMessages } from './translations/postmortemPagesMessages';
import { postmortemsMessages } from './translations/postmortemsMessages';
import { ownershipMessages } from './translations/ownershipMessages';
import { runbooksMessages } from './translations/runbooksMessages';
import { searchMessages } from './translations/searchMessages';
import { sharedMessages } from './translations/sharedMessages';
import { sloEvaluationMessages } from './translations/sloEvaluationMessages';
import { slosMessages } from './translations/slosMessages';
import { sloViewsMessages } from './translations/sloViewsMessages';

/**
 * The texts of the SRE Catalog plugin. Apps override them with a translation resource
 * (`createTranslationResource`) or `createTranslationMessages` for this ref.
 *
 * @alpha
 */
export const sreTranslationRef = createTranslationRef({
  id: 'sre',
  messages: {
    page: pageMessages,
    ownership: ownershipMessages,
    slos: {
      ...slosMessages,
      ...sloViewsMessages,
      ...sloEvaluationMessages,
    },
    postmortems: {
      ...postmortemsMessages,
      ...postmortemPagesMessages,
      ...postmortemFormMessages,
      ...postmortemLibraryMessages,
    },
    runbooks: runbooksMessages,
    shared: sharedMessages,
    searchResult: searchMessages,
  },
});

/** The plugin's translation function, for helpers that phrase values outside components. */
export type SreTranslate = TranslationFunction<typeof sreTranslationRef.T>;
