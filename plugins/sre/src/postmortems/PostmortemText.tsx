import { MarkdownContent } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

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
  if (!props.text?.trim()) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty ?? 'Not written yet.'}
      </Typography>
    );
  }
  return <MarkdownContent content={props.text} dialect="gfm" />;
}
