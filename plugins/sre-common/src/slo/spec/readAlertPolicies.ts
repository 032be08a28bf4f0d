import {
  childPath,
  isSpecObject,
  showValue,
  SpecObject,
  SpecReader,
} from './SpecReader';

/** Keys whose values are runbook URLs, wherever they sit in an alert policy. */
const RUNBOOK_KEYS = ['runbook_url', 'runbookUrl'];

/** Deep enough for policy -> conditions[] -> condition -> metadata -> annotations. */
const MAX_DEPTH = 8;

/** What an SLO's alerting declares. */
export type AlertPolicySummary = {
  /** Names of the alert policies, referenced or inline, in order. */
  names: string[];
  /** Runbook URLs found in the policies, without duplicates. */
  runbookUrls: string[];
};

/** Options of {@link readAlertPolicies}. */
export type ReadAlertPoliciesOptions = {
  /**
   * AlertPolicy documents by name. When given, a referenced name that is not
   * among them is a problem; when left out, references are taken on trust.
   */
  alertPolicies?: Record<string, unknown>;
};

function collectRunbookUrls(
  reader: SpecReader,
  value: unknown,
  path: string,
  urls: string[],
  depth = 0,
): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      collectRunbookUrls(reader, item, childPath(path, index), urls, depth + 1),
    );
    return;
  }
  if (!isSpecObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (RUNBOOK_KEYS.includes(key)) {
      if (typeof item === 'string' && item.trim()) {
        if (!urls.includes(item.trim())) urls.push(item.trim());
      } else {
        reader.problem(
          childPath(path, key),
          `${key} must be a URL, not ${showValue(item)}`,
        );
      }
    } else {
      collectRunbookUrls(reader, item, childPath(path, key), urls, depth + 1);
    }
  }
}

/** The name of one `spec.alertPolicies` item, and the policy document if it is inline. */
function readItem(
  reader: SpecReader,
  item: unknown,
  path: string,
): { name?: string; inline?: SpecObject } {
  if (typeof item === 'string') {
    if (item.trim()) return { name: item.trim() };
  } else if (isSpecObject(item) && item.alertPolicyRef !== undefined) {
    const name = reader.string(item, path, 'alertPolicyRef', {
      required: true,
    });
    return { name };
  } else if (isSpecObject(item)) {
    if (item.kind !== undefined) {
      reader.constant(item, path, 'kind', 'AlertPolicy');
    }
    const metadata = reader.object(item, path, 'metadata', { required: true });
    const name = reader.string(metadata, childPath(path, 'metadata'), 'name', {
      required: true,
    });
    return { name, inline: item };
  }
  reader.problem(
    path,
    `an alert policy must be a name, an alertPolicyRef or an inline AlertPolicy, not ${showValue(
      item,
    )}`,
  );
  return {};
}

/**
 * Reads `spec.alertPolicies` of an OpenSLO SLO: names of referenced policies
 * (`- my-policy` or `- alertPolicyRef: my-policy`) and of inline ones (`metadata.name`),
 * with every `runbook_url` / `runbookUrl` found in inline policies and in the
 * referenced policy documents.
 */
export function readAlertPolicies(
  reader: SpecReader,
  spec: SpecObject | undefined,
  path: string,
  options: ReadAlertPoliciesOptions,
): AlertPolicySummary {
  const summary: AlertPolicySummary = { names: [], runbookUrls: [] };
  const items = reader.list(spec, path, 'alertPolicies');
  if (!items) return summary;
  const listPath = childPath(path, 'alertPolicies');
  items.forEach((item, index) => {
    const itemPath = childPath(listPath, index);
    const { name, inline } = readItem(reader, item, itemPath);
    if (name === undefined) return;
    if (!summary.names.includes(name)) summary.names.push(name);
    if (inline) {
      collectRunbookUrls(reader, inline, itemPath, summary.runbookUrls);
      return;
    }
    if (!options.alertPolicies) return;
    // Own keys only: `{}` must not find a policy called "constructor".
    const policy = Object.hasOwn(options.alertPolicies, name)
      ? options.alertPolicies[name]
      : undefined;
    if (policy === undefined) {
      reader.problem(
        itemPath,
        `alert policy ${showValue(name)} is not defined; known policies: ${
          Object.keys(options.alertPolicies).join(', ') || 'none'
        }`,
      );
      return;
    }
    collectRunbookUrls(
      reader,
      policy,
      childPath('alertPolicies', name),
      summary.runbookUrls,
    );
  });
  return summary;
}
