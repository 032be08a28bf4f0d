import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import {
  checkPrometheusSlo,
  checkSideQueries,
  windowQuerySloOf,
} from './buildWindowQuery';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusSloFailed } from './PrometheusSloResult';
import {
  SourceRun,
  SourceRunOutcome,
  runSourceQueries,
} from './runSourceQueries';
import {
  DEFAULT_PROMETHEUS_DEADLINE_MS,
  PrometheusSources,
  readPrometheusSources,
} from './readPrometheusSources';

/** Options of {@link PrometheusSourceSet.create}, and of the sources built on it. */
export type PrometheusSourceSetOptions = {
  sources: PrometheusSources;
  logger?: LoggerService;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /**
   * SLOs per query (default {@link DEFAULT_MAX_SLOS_PER_QUERY}): more SLOs than
   * this make several queries per window, so that no query grows so large that
   * Prometheus slows down or times out on it.
   */
  maxSlosPerQuery?: number;
  /** Queries in flight per source (default {@link DEFAULT_MAX_CONCURRENT_QUERIES}). */
  maxConcurrentQueries?: number;
};

/**
 * Measured on Prometheus 2.42 with 1000 SLOs (2 cores): one query of all of them
 * took 3-8 times longer than ten queries of 100, and 2000 SLOs in one query took
 * 15-40 s per window; 100 SLOs per query stays well under a second for short
 * windows.
 */
export const DEFAULT_MAX_SLOS_PER_QUERY = 100;
export const DEFAULT_MAX_CONCURRENT_QUERIES = 4;

/** One configured source: its client and the deadline of all its queries of a run. */
export type PrometheusSourceEntry = {
  name: string;
  client: PrometheusClient;
  deadlineMs: number;
};

/** The SLOs of each source, and those that cannot be asked of any. */
export type SourceGroups<T> = {
  groups: Map<string, T[]>;
  failures: Map<string, PrometheusSloFailed>;
};

/**
 * The Prometheus sources of `sre.sources` as the SLI sources query them: a client
 * per source, which source each SLO reads, and the limits every run keeps to.
 * `PrometheusSliSource` and `PrometheusRangeSliSource` are both built on it.
 */
export class PrometheusSourceSet {
  private constructor(
    private readonly sources: Map<string, PrometheusSourceEntry>,
    private readonly defaultName: string | undefined,
    readonly maxSlosPerQuery: number,
    readonly maxConcurrentQueries: number,
    readonly logger?: LoggerService,
  ) {}

  static fromConfig(
    config: Config,
    options: Omit<PrometheusSourceSetOptions, 'sources'> = {},
  ): PrometheusSourceSet {
    return PrometheusSourceSet.create({
      ...options,
      sources: readPrometheusSources(config),
    });
  }

  static create(options: PrometheusSourceSetOptions): PrometheusSourceSet {
    const sources = new Map(
      options.sources.sources.map(source => [
        source.name,
        {
          name: source.name,
          client: PrometheusClient.create({ ...source, fetch: options.fetch }),
          deadlineMs: source.deadlineMs ?? DEFAULT_PROMETHEUS_DEADLINE_MS,
        },
      ]),
    );
    return new PrometheusSourceSet(
      sources,
      options.sources.defaultName,
      Math.max(1, options.maxSlosPerQuery ?? DEFAULT_MAX_SLOS_PER_QUERY),
      Math.max(
        1,
        options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES,
      ),
      options.logger,
    );
  }

  /** Names of the configured sources. */
  names(): string[] {
    return [...this.sources.keys()];
  }

  /** The source an SLO reads: its own source name, or the default one. */
  nameOf(slo: SloDefinition): string | undefined {
    const source = slo.indicator.source;
    if (source.type !== 'prometheus') return undefined;
    return source.sourceName ?? this.defaultName;
  }

  /**
   * Runs `work` on the source of that name (one of `groupBySource`'s), within
   * the set's limits: see {@link runSourceQueries}.
   */
  runQueries<T>(
    name: string,
    naming: { queriesName: string; subject: string },
    work: (run: SourceRun) => Promise<T>,
  ): Promise<SourceRunOutcome<T>> {
    const source = this.sources.get(name);
    if (!source) throw new Error(`sre.sources has no source named ${name}`);
    return runSourceQueries(
      source,
      {
        ...naming,
        maxConcurrentQueries: this.maxConcurrentQueries,
        logger: this.logger,
      },
      work,
    );
  }

  /** Why an SLO's source name is not usable, naming the sources there are. */
  unknownSourceMessage(name: string | undefined): string {
    const names = this.names();
    if (!names.length) {
      return 'No Prometheus source is configured: add one under sre.sources in app-config';
    }
    return `sre.sources has no source named ${name}; the configured sources are ${names.join(
      ', ',
    )}`;
  }

  /**
   * Splits `items` by the source their SLO reads. An SLO that cannot be queried
   * fails instead: one the source cannot evaluate (`not-supported`), one whose
   * queries could pass for other SLOs' series in a batch (`query-refused`), or one
   * that names no configured source (`unknown-source`, with `unknownSource`'s
   * message).
   */
  groupBySource<T>(
    items: readonly T[],
    definitionOf: (item: T) => SloDefinition,
    unknownSource: (name: string | undefined) => string,
  ): SourceGroups<T> {
    const groups = new Map<string, T[]>();
    const failures = new Map<string, PrometheusSloFailed>();
    for (const item of items) {
      const slo = definitionOf(item);
      const sourceName = this.nameOf(slo);
      const unsupported = checkPrometheusSlo(slo);
      // Only a Prometheus SLO passes checkPrometheusSlo.
      const problem =
        unsupported ?? checkSideQueries(slo.ref, windowQuerySloOf(slo).source);
      if (problem) {
        failures.set(slo.ref, {
          ok: false,
          sourceName,
          reason: unsupported ? 'not-supported' : 'query-refused',
          error: problem,
        });
      } else if (!sourceName || !this.sources.has(sourceName)) {
        failures.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'unknown-source',
          error: unknownSource(sourceName),
        });
      } else {
        const group = groups.get(sourceName);
        if (group) group.push(item);
        else groups.set(sourceName, [item]);
      }
    }
    return { groups, failures };
  }
}
