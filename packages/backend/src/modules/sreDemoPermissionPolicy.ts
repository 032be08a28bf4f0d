import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { createSrePermissionPolicy } from '@sre-catalog/backstage-plugin-sre-backend';

/**
 * The demo's permission policy, made of the SRE Catalog's policy helpers:
 * restricted entities (and their postmortems) only for their owners, postmortem
 * writes and SLI pushes for the owners and SREs of the services concerned, and
 * everything else allowed to everyone signed in, as before.
 */
export const sreDemoPermissionPolicy: PermissionPolicy =
  createSrePermissionPolicy();
