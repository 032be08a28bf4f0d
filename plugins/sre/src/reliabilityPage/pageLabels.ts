/** Title of the SRE page in the sidebar (the page's extension title; apps rename it in config). */
export const SRE_PAGE_TITLE = 'Reliability';
