import Alert from '@material-ui/lab/Alert';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import { PostmortemPolicy } from '@sre-catalog/backstage-plugin-sre-common';
import { policyFlagMessage } from './postmortemLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** Whether the error budget policy asks for more than the postmortem has. */
export function policyUnmet(policy: PostmortemPolicy | undefined): boolean {
  return !!policy && policy.required && !policy.satisfied;
}

/** @public */
export type PolicyFlagProps = {
  policy: PostmortemPolicy;
  /** `icon` for tables: a warning icon with the message as tooltip. */
  variant?: 'banner' | 'icon';
};

/**
 * The error budget policy flag: shown when an impacted SLO lost more than 20% of its
 * budget in the incident and the postmortem has no P0 action item. Renders nothing
 * otherwise.
 *
 * @public
 */
export function PolicyFlag(props: PolicyFlagProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { policy, variant = 'banner' } = props;
  if (!policyUnmet(policy)) return null;
  if (variant === 'icon') {
    return (
      <Tooltip title={policyFlagMessage(t)}>
        <WarningIcon
          fontSize="small"
          color="error"
          titleAccess={policyFlagMessage(t)}
          style={{ verticalAlign: 'middle', marginLeft: 4 }}
        />
      </Tooltip>
    );
  }
  return (
    <Alert severity="error" data-testid="sre-postmortem-policy-flag">
      <strong>{policyFlagMessage(t)}</strong>
      {policy.reason && <div>{policy.reason}</div>}
    </Alert>
  );
}
