/** Title of the entity tab with the runbooks (the tab's extension title). */
export const RUNBOOKS_TITLE = 'Runbooks';
