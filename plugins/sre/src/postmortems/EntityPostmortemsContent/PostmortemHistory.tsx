import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { usePostmortemHistory } from '../usePostmortemHistory';
import { PostmortemRevisionChanges } from './PostmortemRevisionChanges';
import { formatDateTime } from '../../shared/format';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type PostmortemHistoryProps = {
  postmortemId: string;
  /** The version shown; the history reloads when it changes. */
  version?: number;
};

/** A user ref links to the user; a service principal's subject shows as it is. */
export function Principal(props: { principal: string }) {
  return /^user:/i.test(props.principal) ? (
    <EntityRefLink entityRef={props.principal} />
  ) : (
    <code>{props.principal}</code>
  );
}

/**
 * Who changed a postmortem, when, and what: each field's old and new value where the
 * revision recorded them, else the names of the fields; newest first.
 *
 * @public
 */
export function PostmortemHistory(props: PostmortemHistoryProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { value, loading, error } = usePostmortemHistory(
    props.postmortemId,
    props.version,
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Table size="small" aria-label={t('postmortems.history.ariaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell style={{ whiteSpace: 'nowrap' }}>
            {t('postmortems.history.version')}
          </TableCell>
          <TableCell>{t('postmortems.history.when')}</TableCell>
          <TableCell>{t('postmortems.history.who')}</TableCell>
          <TableCell>{t('postmortems.history.whatChanged')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.revisions.map(revision => (
          <TableRow key={revision.version}>
            <TableCell>{revision.version}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(revision.changedAt)}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <Principal principal={revision.changedBy} />
            </TableCell>
            <TableCell>
              {revision.changes ? (
                <>
                  {revision.version === 1 &&
                    t('postmortems.history.createdWith')}
                  <PostmortemRevisionChanges
                    changes={revision.changes}
                    created={revision.version === 1}
                  />
                </>
              ) : (
                <>
                  {revision.version === 1
                    ? t('postmortems.history.createdWithFields', {
                        fields: revision.changedFields.join(', ') || '—',
                      })
                    : revision.changedFields.join(', ') || '—'}
                </>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
