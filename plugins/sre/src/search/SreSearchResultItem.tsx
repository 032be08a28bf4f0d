import { Link } from '@backstage/core-components';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { SearchDocument } from '@backstage/plugin-search-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { shortRef } from '../shared/labels';
import { SreTranslate } from '../translation';
import { SreSearchResultListItemProps } from './SreSearchResultListItemProps';

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    text: { width: '100%', wordBreak: 'break-word', marginBottom: '1rem' },
    // Runbooks are whole documents: three lines are enough to recognise one.
    excerpt: {
      display: '-webkit-box',
      WebkitBoxOrient: 'vertical',
      WebkitLineClamp: 3,
      overflow: 'hidden',
    },
    chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  }),
  { name: 'SreSearchResultItem' },
);

/** A chip under a search result: its text, and `warning` to stand out. */
export type ResultChip = { label: string; warning?: boolean };

/** The service and team chips of a document about a service, where it names them. */
export function serviceAndTeamChips(
  t: SreTranslate,
  doc: { entityRef?: string; owner?: string },
): ResultChip[] {
  const chips: ResultChip[] = [];
  if (doc.entityRef) {
    chips.push({
      label: t('searchResult.service', { service: shortRef(doc.entityRef) }),
    });
  }
  if (doc.owner) {
    chips.push({
      label: t('searchResult.team', { team: shortRef(doc.owner) }),
    });
  }
  return chips;
}

/**
 * The layout both SRE document types share, the catalog's result item's: the linked
 * title and text (highlighted where the search engine highlights), then chips.
 * Nothing for a document without a title or location.
 */
export function SreSearchResultItem(
  props: SreSearchResultListItemProps & { chips: ResultChip[] },
) {
  const { highlight, icon, chips } = props;
  const classes = useStyles();
  // Indexed documents are JSON from the search engine: any field may be missing.
  const doc = props.result as Partial<SearchDocument> | undefined;
  if (!doc?.title || !doc.location) return null;
  const highlighted = (field: string, plain: string) =>
    highlight?.fields[field] ? (
      <HighlightedSearchResultText
        text={highlight.fields[field]}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      plain
    );
  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={doc.location}>
              {highlighted('title', doc.title)}
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              className={classes.excerpt}
            >
              {highlighted('text', doc.text ?? '')}
            </Typography>
          }
        />
        <Box className={classes.chips}>
          {chips.map(chip => (
            <Chip
              key={chip.label}
              label={chip.label}
              size="small"
              color={chip.warning ? 'secondary' : 'default'}
            />
          ))}
        </Box>
      </div>
    </div>
  );
}
