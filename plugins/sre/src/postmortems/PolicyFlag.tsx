import Alert from '@material-ui/lab/Alert';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import { PostmortemPolicy } from '@sre-catalog/backstage-plugin-sre-common';
import { POLICY_FLAG_MESSAGE } from './postmortemLabels';

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
  const { policy, variant = 'banner' } = props;
  if (!policyUnmet(policy)) return null;
  if (variant === 'icon') {
    return (
      <Tooltip title={POLICY_FLAG_MESSAGE}>
        <WarningIcon
          fontSize="small"
          color="error"
          titleAccess={POLICY_FLAG_MESSAGE}
          style={{ verticalAlign: 'middle', marginLeft: 4 }}
        />
      </Tooltip>
    );
  }
  return (
    <Alert severity="error" data-testid="sre-postmortem-policy-flag">
      <strong>{POLICY_FLAG_MESSAGE}</strong>
      {policy.reason && <div>{policy.reason}</div>}
    </Alert>
  );
}
