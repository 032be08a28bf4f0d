import { Entity } from '@backstage/catalog-model';
import { normaliseRef } from '../entityRefs';
import { INTERACTION_MODES } from '../ownership/types';
import { isHttpUrl, isIsoDate } from '../postmortems/rules';
import { SpecProblem } from '../slo/definition';
import {
  SpecObject,
  SpecReader,
  childPath,
  showValue,
} from '../slo/spec/SpecReader';
import { OFFERING_CATEGORIES, OfferingLink, SreOfferingSpec } from './types';

/** @public The spec of a valid offering, or every reason it is invalid. */
export type ValidateSreOfferingResult = {
  /** Set only when there are no problems. */
  spec?: SreOfferingSpec;
  problems: SpecProblem[];
};

const MAX_TEXT = 200;
const MAX_REFS = 100;

/**
 * Validates the `spec` of an `SreOffering` entity and normalises its refs against
 * the entity's namespace. Reports every bad field in one pass, each with its path
 * (`spec.interaction.until`) and what was expected.
 *
 * @public
 */
export function validateSreOffering(entity: Entity): ValidateSreOfferingResult {
  const r = new SpecReader();
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = r.isMapping(entity.spec, 'spec', 'spec must be a mapping')
    ? entity.spec
    : undefined;
  if (!spec) return { problems: r.problems };

  const ref = (
    value: unknown,
    path: string,
    defaultKind: string,
    kinds: string[],
  ): string | undefined => {
    if (typeof value !== 'string' || !value.trim()) {
      r.problem(path, `must be an entity ref, not ${showValue(value)}`);
      return undefined;
    }
    const { ref: normalised, error } = normaliseRef(value.trim(), {
      defaultKind,
      defaultNamespace: namespace,
      kinds,
    });
    if (error) r.problem(path, `"${value}" ${error}`);
    return normalised;
  };
  const refs = (key: string, defaultKind: string, kinds: string[]) => {
    const list = r.list(spec, 'spec', key) ?? [];
    if (list.length > MAX_REFS) {
      r.problem(childPath('spec', key), `at most ${MAX_REFS} refs are allowed`);
      return [];
    }
    const out = list.map((item, i) =>
      ref(item, childPath(childPath('spec', key), i), defaultKind, kinds),
    );
    return [...new Set(out.filter((x): x is string => !!x))];
  };

  const rawProvider = r.value(spec, 'spec', 'provider', { required: true });
  const provider =
    rawProvider === undefined
      ? undefined
      : ref(rawProvider, 'spec.provider', 'group', ['group']);
  const category = r.oneOf(spec, 'spec', 'category', OFFERING_CATEGORIES, {
    required: true,
  });
  const interaction = readInteraction(r, spec);
  const request = readRequest(r, spec);
  const officeHours = r.string(spec, 'spec', 'officeHours', {
    maxLength: MAX_TEXT,
  });
  const documentation = readLinks(r, spec);
  const implementedBy = refs('implementedBy', 'component', [
    'component',
    'resource',
  ]);
  const slos = refs('slos', 'slo', ['slo']);

  if (r.problems.length || !provider || !category || !interaction) {
    return { problems: r.problems };
  }
  return {
    spec: {
      provider,
      category,
      interaction,
      request,
      ...(officeHours ? { officeHours } : {}),
      documentation,
      implementedBy,
      slos,
    },
    problems: [],
  };
}

/** A calendar day, written as a string or read by YAML as a date. */
function calendarDay(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  return typeof value === 'string' && isIsoDate(value.trim())
    ? value.trim()
    : undefined;
}

function readInteraction(r: SpecReader, spec: SpecObject) {
  const path = 'spec.interaction';
  const interaction = r.object(spec, 'spec', 'interaction', { required: true });
  if (!interaction) return undefined;
  const mode = r.oneOf(interaction, path, 'mode', INTERACTION_MODES, {
    required: true,
  });
  const rawUntil = r.value(interaction, path, 'until');
  const until = rawUntil === undefined ? undefined : calendarDay(rawUntil);
  if (rawUntil !== undefined && !until) {
    r.problem(
      `${path}.until`,
      `until ${showValue(
        rawUntil,
      )} is not a date; expected YYYY-MM-DD, the last day of the ${
        mode ?? 'interaction'
      }`,
    );
  }
  const then = r.oneOf(interaction, path, 'then', INTERACTION_MODES);
  if (rawUntil !== undefined && interaction.then === undefined) {
    r.problem(
      `${path}.then`,
      'then is required with until: the interaction mode that follows',
    );
  }
  if (interaction.then !== undefined && rawUntil === undefined) {
    r.problem(`${path}.until`, 'until is required with then: the last day');
  }
  if (then && then === mode) {
    r.problem(`${path}.then`, `then must differ from mode (${mode})`);
  }
  if (!mode) return undefined;
  return { mode, ...(until ? { until } : {}), ...(then ? { then } : {}) };
}

function readRequest(r: SpecReader, spec: SpecObject) {
  const path = 'spec.request';
  const request = r.object(spec, 'spec', 'request', { required: true });
  if (!request) return {};
  const template = r.string(request, path, 'template');
  let templateRef: string | undefined;
  if (template) {
    const { ref, error } = normaliseRef(template, {
      defaultKind: 'template',
      defaultNamespace: 'default',
      kinds: ['template'],
    });
    if (error) r.problem(`${path}.template`, `"${template}" ${error}`);
    templateRef = ref;
  }
  const url = r.string(request, path, 'url', { maxLength: 2048 });
  if (url && !isHttpUrl(url)) {
    r.problem(`${path}.url`, `url ${showValue(url)} is not an http(s) URL`);
  }
  const chat = r.string(request, path, 'chat', { maxLength: MAX_TEXT });
  if (!template && !url && !chat) {
    r.problem(
      path,
      'request needs at least one of template, url or chat: how a team asks for the offering',
    );
  }
  return {
    ...(templateRef ? { template: templateRef } : {}),
    ...(url && isHttpUrl(url) ? { url } : {}),
    ...(chat ? { chat } : {}),
  };
}

function readLinks(r: SpecReader, spec: SpecObject): OfferingLink[] {
  const list = r.list(spec, 'spec', 'documentation') ?? [];
  const links: OfferingLink[] = [];
  list.forEach((item, i) => {
    const path = `spec.documentation[${i}]`;
    if (
      !r.isMapping(item, path, 'a link must be a mapping with title and url')
    ) {
      return;
    }
    const title = r.string(item, path, 'title', {
      required: true,
      maxLength: MAX_TEXT,
    });
    const url = r.string(item, path, 'url', {
      required: true,
      maxLength: 2048,
    });
    if (url && !isHttpUrl(url)) {
      r.problem(`${path}.url`, `url ${showValue(url)} is not an http(s) URL`);
    } else if (title && url) links.push({ title, url });
  });
  return links;
}
