import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { ResultHighlight } from '@backstage/plugin-search-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

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

/**
 * The layout both SRE document types share, the catalog's result item's: the linked
 * title and text (highlighted where the search engine highlights), then chips.
 */
export function SreSearchResultItem(props: {
  title: string;
  text: string;
  location: string;
  highlight?: ResultHighlight;
  icon?: ReactNode;
  chips: ResultChip[];
}) {
  const { title, text, location, highlight, icon, chips } = props;
  const classes = useStyles();
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
            <Link noTrack to={location}>
              {highlighted('title', title)}
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              className={classes.excerpt}
            >
              {highlighted('text', text)}
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
