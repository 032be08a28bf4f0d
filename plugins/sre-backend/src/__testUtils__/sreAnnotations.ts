/** The SRE annotations of services of the test organisation. */
export const sreAnnotations = {
  /** Embedded SREs: priya.nair, and ghost.user, who is not in the catalog. */
  checkoutApi: {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': 'priya.nair, ghost.user',
  },
  /** Embedded SREs (it names none) hold its on-call. */
  searchIndexer: {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/responsibility.on-call': 'embedded-sre',
  },
};
