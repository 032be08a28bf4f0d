import { mockApis } from '@backstage/test-utils';
import { SreTranslate, sreTranslationRef } from '../translation';

const snapshot = mockApis.translation().getTranslation(sreTranslationRef);
if (!snapshot.ready) {
  throw new Error('The mock translation API is always ready');
}

/** The plugin's `t` with its default (English) messages, for tests of helpers that phrase values. */
export const sreTranslate: SreTranslate = snapshot.t;
