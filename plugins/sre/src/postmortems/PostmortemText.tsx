import { MarkdownContent } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type PostmortemTextProps = {
  text: string | undefined;
  /** Shown when there is no text. */
  empty?: string;
};

/**
 * A long text of a postmortem as Markdown, through `MarkdownContent`, which
 * sanitises any HTML in it: no script, no event handlers, no `javascript:` links.
 *
 * @public
 */
export function PostmortemText(props: PostmortemTextProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  if (!props.text?.trim()) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty ?? t('postmortems.text.empty')}
      </Typography>
    );
  }
  return <MarkdownContent content={props.text} dialect="gfm" />;
}
