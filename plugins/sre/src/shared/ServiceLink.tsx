import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { shortRef } from './labels';

/** @public */
export type ServiceLinkProps = {
  entityRef: string;
  title?: string;
};

/**
 * A link to a service that always shows its name (`legacy-invoicing`), under its
 * title when it has one.
 *
 * @public
 */
export function ServiceLink(props: ServiceLinkProps) {
  const { entityRef, title } = props;
  const name = shortRef(entityRef);
  return (
    <>
      <EntityRefLink entityRef={entityRef}>{title ?? name}</EntityRefLink>
      {title && title !== name && (
        <Typography variant="caption" color="textSecondary" component="div">
          {name}
        </Typography>
      )}
    </>
  );
}
