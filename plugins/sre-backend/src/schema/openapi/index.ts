import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from './generated/spec';

export { spec } from './generated/spec';

/** The plugin's router, typed by openapi.yaml: paths, queries and responses. */
export type SreApiRouter = ApiRouter<typeof spec>;
