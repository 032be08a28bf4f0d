import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_RUNBOOKS,
  EntityRunbooksResponse,
  RELATION_HAS_SLO,
  RunbookProblem,
  SloDefinition,
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { buildEntityRunbooks } from './buildEntityRunbooks';
import { checkRunbooksLocation } from './checkRunbooksLocation';
import { readRunbooksConfig } from './readRunbooksConfig';
import { resolveRunbooksLocation } from './resolveRunbooksLocation';
import {
  RunbookFileReader,
  RunbookFiles,
  RunbookReadLimits,
} from './RunbookFileReader';
import { RunbooksRequestOptions, RunbooksService } from './RunbooksService';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Options of {@link DefaultRunbooksService.create}. */
export type DefaultRunbooksServiceOptions = {
  catalog: CatalogService;
  urlReader: UrlReaderService;
  /**
   * Resolves `dir:` against entities registered from a URL, and tells which SCM a
   * source location is on.
   */
  integrations: Pick<ScmIntegrationRegistry, 'resolveUrl' | 'byUrl'>;
  staleAfterDays: number;
  /**
   * URL prefixes runbooks may be read from besides the entity's own source
   * repository (`sre.runbooks.allowedLocations`); none by default.
   */
  allowedLocations?: string[];
  /** Caches what the URL reader returns; optional. */
  cache?: CacheService;
  logger?: LoggerService;
  limits?: Partial<RunbookReadLimits>;
  /** For tests. */
  now?: () => number;
};

/**
 * Reads an entity's runbooks: its `metadata.links` of `type: runbook`, the Markdown
 * files its `sre-catalog.io/runbooks` annotation points to, and the runbook URLs of
 * the SLOs related to it with `hasSlo`. The entity and its SLOs are read with the
 * caller's credentials; the files with the backend's URL reader, as TechDocs does.
 *
 * @public
 */
export class DefaultRunbooksService implements RunbooksService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly reader: RunbookFileReader,
    private readonly integrations: Pick<
      ScmIntegrationRegistry,
      'resolveUrl' | 'byUrl'
    >,
    private readonly staleAfterDays: number,
    private readonly allowedLocations: string[],
    private readonly now: () => number,
    private readonly logger: LoggerService | undefined,
  ) {}

  static create(
    options: DefaultRunbooksServiceOptions,
  ): DefaultRunbooksService {
    return new DefaultRunbooksService(
      options.catalog,
      RunbookFileReader.create(options),
      options.integrations,
      options.staleAfterDays,
      options.allowedLocations ?? [],
      options.now ?? Date.now,
      options.logger,
    );
  }

  /** Reads `sre.runbooks` and the SCM `integrations` from the app config. */
  static fromConfig(
    config: Config,
    deps: Omit<
      DefaultRunbooksServiceOptions,
      'integrations' | 'staleAfterDays' | 'allowedLocations'
    >,
  ): DefaultRunbooksService {
    const { staleAfterDays, allowedLocations } = readRunbooksConfig(config);
    return DefaultRunbooksService.create({
      ...deps,
      integrations: ScmIntegrations.fromConfig(config),
      staleAfterDays,
      allowedLocations,
    });
  }

  async getRunbooks(
    entityRef: CompoundEntityRef,
    options: RunbooksRequestOptions,
  ): Promise<EntityRunbooksResponse> {
    const entity = await this.catalog.getEntityByRef(entityRef, options);
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(entityRef)} in the catalog`,
      );
    }
    const [files, slos] = await Promise.all([
      this.filesOf(entity),
      this.slosOf(entity, options.credentials),
    ]);
    return buildEntityRunbooks({
      entityRef: lower(stringifyEntityRef(entity)),
      links: entity.metadata.links ?? [],
      files: files.files,
      slos: slos.slos,
      problems: [...files.problems, ...slos.problems],
      staleAfterDays: this.staleAfterDays,
      nowMs: this.now(),
    });
  }

  private async filesOf(entity: Entity): Promise<RunbookFiles> {
    const annotation = entity.metadata.annotations?.[ANNOTATION_RUNBOOKS];
    let location;
    try {
      location = resolveRunbooksLocation(entity, this.integrations);
    } catch (error) {
      return {
        files: [],
        problems: [{ source: 'annotation', message: (error as Error).message }],
      };
    }
    if (!location || annotation === undefined)
      return { files: [], problems: [] };
    const written = `${ANNOTATION_RUNBOOKS} "${annotation}"`;
    const refused = checkRunbooksLocation(entity, location, {
      allowedLocations: this.allowedLocations,
      integrations: this.integrations,
    });
    if (refused) {
      // Nothing is fetched: the backend reads with its own SCM credentials.
      return {
        files: [],
        problems: [
          {
            source: 'annotation',
            location: location.target,
            message: `${written}: ${refused}`,
          },
        ],
      };
    }
    return this.reader.read(location, written);
  }

  /** The valid SLOs related to the entity, read in two batch calls. */
  private async slosOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<{ slos: SloDefinition[]; problems: RunbookProblem[] }> {
    const sloRefs = [
      ...new Set(
        (entity.relations ?? [])
          .filter(r => r.type === RELATION_HAS_SLO)
          .map(r => r.targetRef),
      ),
    ];
    if (sloRefs.length === 0) return { slos: [], problems: [] };
    try {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: sloRefs },
        { credentials },
      );
      const sloEntities = items.filter(
        (e): e is Entity =>
          Boolean(e) && e!.apiVersion === 'openslo/v1' && e!.kind === 'SLO',
      );
      const sliRefs = new Set<string>();
      for (const e of sloEntities) {
        if (typeof e.spec?.indicatorRef === 'string') {
          sliRefs.add(
            stringifyEntityRef({
              kind: 'SLI',
              namespace: e.metadata.namespace ?? 'default',
              name: e.spec.indicatorRef,
            }),
          );
        }
      }
      const slis = new Map<string, Record<string, unknown>>();
      if (sliRefs.size) {
        const { items: sliItems } = await this.catalog.getEntitiesByRefs(
          { entityRefs: [...sliRefs] },
          { credentials },
        );
        for (const sli of sliItems) {
          if (!sli) continue;
          const ns = sli.metadata.namespace ?? 'default';
          slis.set(ns, { ...slis.get(ns), [sli.metadata.name]: sli });
        }
      }

      const slos: SloDefinition[] = [];
      const problems: RunbookProblem[] = [];
      for (const e of sloEntities) {
        const namespace = e.metadata.namespace ?? 'default';
        const { definition, problems: specProblems } = validateOpenSloSlo(e, {
          namespace,
          slis: slis.get(namespace) ?? {},
        });
        if (definition) {
          slos.push(definition);
          continue;
        }
        const ref = lower(stringifyEntityRef(e));
        const first = specProblems[0];
        problems.push({
          source: 'slo',
          location: ref,
          message: `SLO ${ref} is invalid${
            first ? ` (${first.path || 'document'}: ${first.message})` : ''
          }; its alerts and runbook URLs are left out`,
        });
      }
      return { slos, problems };
    } catch (error) {
      this.logger?.warn(
        `Could not read the SLOs of ${stringifyEntityRef(entity)}: ${error}`,
      );
      return {
        slos: [],
        problems: [
          {
            source: 'slo',
            message: `The service's SLOs could not be read from the catalog, so their alerts are missing: ${
              (error as Error).message
            }`,
          },
        ],
      };
    }
  }
}
