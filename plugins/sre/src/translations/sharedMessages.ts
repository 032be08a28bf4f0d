/** The texts of the parts the plugin's views share (`shared.*` of the plugin's translation ref). */
export const sharedMessages = {
  retry: 'Retry',
  pager: {
    displayedRows: '{{from}}–{{to}} of {{total}}',
  },
} as const;
