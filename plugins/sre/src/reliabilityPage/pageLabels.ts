/** Title of the SRE page (in the sidebar and its header). */
export const SRE_PAGE_TITLE = 'Reliability';
/** Subtitle of the SRE page where it has a header of its own. */
export const SRE_PAGE_SUBTITLE =
  'SRE coverage, SLOs and postmortems across the organisation';
/** What the coverage view of the SRE page shows. */
export const SRE_COVERAGE_DESCRIPTION =
  'Who is responsible for the reliability of each service';
