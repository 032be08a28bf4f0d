import type {
  AnnotationProblem,
  EngagementExpiry,
  EngagementModel,
  SreSupport,
  TeamType,
} from './types';

/** @public One service in the coverage report. */
export type CoverageEntry = {
  entityRef: string;
  title?: string;
  kind: string;
  type?: string;
  owner?: string;
  system?: string;
  engagement?: EngagementModel;
  engagementSource: 'entity' | 'system' | 'baseline' | 'config' | 'none';
  /** The last day of a time-boxed engagement, and where it stands. */
  engagementUntil?: string;
  engagementExpiry?: EngagementExpiry;
  sreSupport: SreSupport;
  /** Users and Groups that give it SRE support (embedded SREs, central team). */
  sres: string[];
  gaps: string[];
  problemCount: number;
};

/** @public Query of `GET /api/sre/coverage`. */
export type GetCoverageRequest = {
  /** Only services owned by this Group ref. */
  owner?: string;
  /** Only services of this System ref. */
  system?: string;
};

/** @public Response of `GET /api/sre/coverage`. */
export type CoverageResponse = {
  totals: {
    services: number;
    byEngagement: Record<EngagementModel | 'undeclared', number>;
    bySupport: Record<SreSupport, number>;
    withGaps: number;
    withProblems: number;
  };
  /** Services without SRE support first, then those with gaps. */
  services: CoverageEntry[];
};

/** @public How a team takes part in the reliability of one service. */
export type TeamSupportEntry = {
  entityRef: string;
  title?: string;
  owner?: string;
  engagement?: EngagementModel;
  /** e.g. `embedded-sre` (with the members), `central-sre`, `owner`, or `area:network`. */
  roles: string[];
  /** Team members who are embedded SREs on the service. */
  members: string[];
};

/** @public Response of `GET /api/sre/teams/{namespace}/{name}`. */
export type TeamSreSupport = {
  entityRef: string;
  teamType?: TeamType;
  problems: AnnotationProblem[];
  /** Services this team supports as SREs, or holds areas of. */
  supports: TeamSupportEntry[];
  /** How many services the team owns, and how many of those lack SRE support or have gaps. */
  owned: { services: number; unsupported: number; withGaps: number };
};
