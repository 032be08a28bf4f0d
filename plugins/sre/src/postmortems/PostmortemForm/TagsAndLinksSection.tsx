import { ChipsInput, Section } from './formFields';
import { newLink } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';

const LINK_ROWS: RowsDescription<'links'> = {
  list: 'links',
  rowName: 'link',
  addLabel: 'Add a link',
  newRow: newLink,
  fields: [
    {
      name: 'title',
      label: 'Link title',
      grow: true,
      hint: 'Chat thread, ticket, document',
    },
    { name: 'url', label: 'URL', grow: true },
  ],
};

/** Tags to find the postmortem by, and links to the chat, tickets and documents. */
export function TagsAndLinksSection() {
  return (
    <Section title="Tags and links">
      <ChipsInput
        name="tags"
        label="Tags"
        hint="e.g. deploy, database, third-party; Enter adds one"
      />
      <RepeatableRows rows={LINK_ROWS} />
    </Section>
  );
}
