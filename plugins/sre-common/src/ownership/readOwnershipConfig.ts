import { Config } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  BaselineParty,
  DEFAULT_RESPONSIBILITY_BASELINE,
  ResponsibilityBaseline,
} from './baseline';
import { ENGAGEMENT_MODELS, PARTY_ROLES } from './types';

/** @public The ownership settings of the `sre:` config block. */
export type SreOwnershipConfig = {
  baseline: ResponsibilityBaseline;
  centralSreTeam?: string;
  platformTeam?: string;
};

function checkParty(value: string, key: string): string {
  if ((PARTY_ROLES as readonly string[]).includes(value)) return value;
  try {
    const ref = parseEntityRef(value);
    if (!['group', 'user'].includes(ref.kind.toLocaleLowerCase('en-US'))) {
      throw new Error(`kind must be group or user`);
    }
  } catch (e) {
    throw new Error(
      `Invalid config ${key}: "${value}" is neither one of ${PARTY_ROLES.join(
        ', ',
      )} nor a user/group ref (${(e as Error).message})`,
    );
  }
  return value.toLocaleLowerCase('en-US');
}

function checkGroupRef(value: string | undefined, key: string) {
  if (value === undefined) return undefined;
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group' });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error('kind must be group');
    }
    return `group:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
  } catch (e) {
    throw new Error(
      `Invalid config ${key}: "${value}" is not a group ref (${
        (e as Error).message
      })`,
    );
  }
}

/**
 * Reads `sre.responsibilities`, `sre.centralSreTeam` and `sre.platformTeam`, failing
 * at startup with the offending key when a value is invalid.
 *
 * @public
 */
export function readOwnershipConfig(config: Config): SreOwnershipConfig {
  const sre = config.getOptionalConfig('sre');
  const matrix = sre?.getOptionalConfig('responsibilities');
  let baseline: ResponsibilityBaseline = DEFAULT_RESPONSIBILITY_BASELINE;
  if (matrix) {
    baseline = {};
    for (const area of matrix.keys()) {
      const key = `sre.responsibilities.${area}`;
      if (!/^[a-z0-9][a-z0-9-]*$/.test(area)) {
        throw new Error(
          `Invalid config ${key}: area names are lowercase words joined by dashes`,
        );
      }
      const raw = matrix.get(area);
      if (typeof raw === 'string') {
        baseline[area] = checkParty(raw, key);
        continue;
      }
      const byModel = matrix.getConfig(area);
      const party: Record<string, string> = {
        default: checkParty(byModel.getString('default'), `${key}.default`),
      };
      for (const model of byModel.keys()) {
        if (model === 'default') continue;
        if (!(ENGAGEMENT_MODELS as readonly string[]).includes(model)) {
          throw new Error(
            `Invalid config ${key}.${model}: not an engagement model; expected default or one of ${ENGAGEMENT_MODELS.join(
              ', ',
            )}`,
          );
        }
        party[model] = checkParty(byModel.getString(model), `${key}.${model}`);
      }
      baseline[area] = party as BaselineParty;
    }
  }
  return {
    baseline,
    centralSreTeam: checkGroupRef(
      sre?.getOptionalString('centralSreTeam'),
      'sre.centralSreTeam',
    ),
    platformTeam: checkGroupRef(
      sre?.getOptionalString('platformTeam'),
      'sre.platformTeam',
    ),
  };
}
