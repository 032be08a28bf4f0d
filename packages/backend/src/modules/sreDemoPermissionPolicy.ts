import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { createSrePermissionPolicy } from '@sre-catalog/backstage-plugin-sre-backend';

/**
 * The demo organisation's central SRE team (`sre.centralSreTeam` of
 * app-config.yaml): the operators of the SLI push queue.
 */
export const DEMO_CENTRAL_SRE_TEAM = 'group:default/reliability-engineering';

/**
 * The demo's permission policy, made of the SRE Catalog's policy helpers:
 * restricted entities (and their postmortems) only for their owners, postmortem
 * writes and SLI pushes for the owners and SREs of the services concerned, the
 * SLI push queue's dead letters for the central SRE team, and everything else
 * allowed to everyone signed in, as before.
 */
export const sreDemoPermissionPolicy: PermissionPolicy =
  createSrePermissionPolicy({ deadLetterManagers: [DEMO_CENTRAL_SRE_TEAM] });
