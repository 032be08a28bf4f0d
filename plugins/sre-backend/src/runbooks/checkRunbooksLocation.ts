import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { RunbooksLocation } from './resolveRunbooksLocation';

/** What {@link checkRunbooksLocation} needs. */
export type CheckRunbooksLocationOptions = {
  /** `sre.runbooks.allowedLocations`, normalised without a trailing `/`. */
  allowedLocations: string[];
  /** Tells which SCM a source location is on, to find its repository root. */
  integrations: Pick<ScmIntegrationRegistry, 'byUrl'>;
};

/** A URL split into its origin and path segments, or undefined when it is not http(s). */
type ParsedUrl = { origin: string; segments: string[] };

function parseHttpUrl(value: string): ParsedUrl | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  // An encoded `/`, `\` or dot segment would look inside a prefix here, yet could
  // lead outside it once a URL reader decodes it.
  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (/[/\\]/.test(decoded) || decoded === '.' || decoded === '..') {
      return undefined;
    }
  }
  return { origin: url.origin, segments };
}

/** Whether `target` is `prefix` or below it, segment by segment. */
function isWithin(target: ParsedUrl, prefix: ParsedUrl): boolean {
  return (
    target.origin === prefix.origin &&
    prefix.segments.length <= target.segments.length &&
    prefix.segments.every((segment, i) => target.segments[i] === segment)
  );
}

/**
 * The repository a source location URL is in, as a prefix: `github.com/acme/shop`
 * for `https://github.com/acme/shop/blob/main/catalog-info.yaml`. Where the URL
 * layout of the SCM is not known, the folder of the location (the narrowest
 * choice that still holds the entity's own files).
 */
function repositoryOf(
  location: string,
  integrations: Pick<ScmIntegrationRegistry, 'byUrl'>,
): ParsedUrl | undefined {
  const url = parseHttpUrl(location);
  if (!url) return undefined;
  const { segments } = url;
  const upTo = (count: number): ParsedUrl | undefined =>
    count > 0 && count <= segments.length
      ? { origin: url.origin, segments: segments.slice(0, count) }
      : undefined;
  let root: ParsedUrl | undefined;
  switch (integrations.byUrl(location)?.type) {
    case 'github':
    case 'bitbucketCloud':
    case 'gitea':
      // /owner/repo/blob/..., /workspace/repo/src/..., /owner/repo/src/...
      root = upTo(2);
      break;
    case 'gitlab':
      // /group/subgroup/repo/-/blob/...
      root = upTo(segments.indexOf('-'));
      break;
    case 'gerrit':
      // /plugins/gitiles/repo/+/refs/heads/...
      root = upTo(segments.indexOf('+'));
      break;
    case 'azure': {
      // /org/project/_git/repo?path=...
      const git = segments.indexOf('_git');
      root = git > 0 ? upTo(git + 2) : undefined;
      break;
    }
    case 'bitbucketServer':
      // /projects/KEY/repos/repo/browse/...
      root = segments[2] === 'repos' ? upTo(4) : undefined;
      break;
    default:
      root = undefined;
  }
  if (root) return root;
  // The folder of the location file (a URL ending in / is a folder itself).
  const isFolder = location.split(/[?#]/)[0].endsWith('/');
  return {
    origin: url.origin,
    segments: isFolder ? segments : segments.slice(0, -1),
  };
}

/** The `url:` source locations of an entity: where its catalog file and code are. */
function sourceLocationsOf(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const refs = [
    annotations[ANNOTATION_LOCATION],
    annotations[ANNOTATION_SOURCE_LOCATION],
  ];
  const result: string[] = [];
  for (const ref of refs) {
    if (!ref) continue;
    try {
      const { type, target } = parseLocationRef(ref);
      if (type === 'url') result.push(target);
    } catch {
      // Not a location ref: it allows nothing.
    }
  }
  return result;
}

const show = (url: ParsedUrl) =>
  `${url.origin}/${url.segments.join('/')}${url.segments.length ? '/' : ''}`;

/**
 * Whether the backend may read the runbooks of `entity` from `location`. Files on
 * the backend's file system (`dir:` next to a `file:` catalog file) are confined
 * to that folder when resolved. A URL must be inside the entity's own source
 * repository (same host, same repository path, from its
 * `backstage.io/managed-by-location` or `backstage.io/source-location`), or under
 * a prefix of `sre.runbooks.allowedLocations`; otherwise the backend would fetch
 * any URL an entity names with its own integration credentials.
 *
 * Returns undefined when allowed, or why not (for the Runbooks tab).
 */
export function checkRunbooksLocation(
  entity: Entity,
  location: RunbooksLocation,
  options: CheckRunbooksLocationOptions,
): string | undefined {
  if (location.type === 'dir') return undefined;
  const target = parseHttpUrl(location.target);
  if (!target) {
    return `${location.target} is not read: it is not a plain http(s) URL`;
  }
  const repositories = sourceLocationsOf(entity)
    .map(source => repositoryOf(source, options.integrations))
    .filter((r): r is ParsedUrl => Boolean(r));
  if (repositories.some(repository => isWithin(target, repository))) {
    return undefined;
  }
  const allowed = options.allowedLocations
    .map(parseHttpUrl)
    .filter((p): p is ParsedUrl => Boolean(p));
  if (allowed.some(prefix => isWithin(target, prefix))) return undefined;
  if (!repositories.length) {
    return `${location.target} is not read: it is not under sre.runbooks.allowedLocations, and the entity has no source repository on the web (a url: backstage.io/managed-by-location or backstage.io/source-location) that could hold it`;
  }
  const own = [...new Set(repositories.map(show))].join(', ');
  return `${location.target} is not read: it is outside the entity's source repository (${own}) and not under sre.runbooks.allowedLocations`;
}
