import { SloDefinition } from '../definition';
import { checkEntityName, readIndicator } from './readIndicator';
import { childPath, showValue, SpecObject, SpecReader } from './SpecReader';

/**
 * The SLI of an SLO: inline (`spec.indicator`) or named (`spec.indicatorRef`, found
 * among `slis`; only checked to be a name when `slis` is left out).
 */
export function readSloIndicator(
  reader: SpecReader,
  spec: SpecObject | undefined,
  context: {
    slis?: Record<string, unknown>;
    dataSources?: Record<string, unknown>;
  },
): SloDefinition['indicator'] | undefined {
  let indicator: SloDefinition['indicator'] | undefined;
  const hasInline = spec?.indicator !== undefined && spec.indicator !== null;
  const hasRef = spec?.indicatorRef !== undefined && spec.indicatorRef !== null;
  if (spec && hasInline && hasRef) {
    reader.problem('spec', 'give indicator or indicatorRef, not both');
  } else if (spec && !hasInline && !hasRef) {
    reader.problem(
      'spec',
      'indicator (an inline SLI) or indicatorRef (the name of an SLI) is required',
    );
  } else if (hasInline) {
    indicator = readIndicator(reader, spec?.indicator, 'spec.indicator', {
      document: false,
      dataSources: context.dataSources,
    });
  } else if (hasRef) {
    const ref = reader.string(spec, 'spec', 'indicatorRef', {
      required: true,
    });
    // Own keys only: `{}` must not find an SLI called "constructor".
    const sli =
      ref !== undefined && context.slis && Object.hasOwn(context.slis, ref)
        ? context.slis[ref]
        : undefined;
    if (ref !== undefined && context.slis === undefined) {
      checkEntityName(reader, ref, 'spec.indicatorRef');
    } else if (ref !== undefined && sli === undefined) {
      reader.problem(
        'spec.indicatorRef',
        `indicatorRef ${showValue(ref)} names no known SLI; known SLIs: ${
          Object.keys(context.slis ?? {}).join(', ') || 'none'
        }`,
      );
    } else if (ref !== undefined) {
      indicator = readIndicator(reader, sli, childPath('slis', ref), {
        document: true,
        dataSources: context.dataSources,
      });
      if (indicator && indicator.name !== ref) {
        reader.problem(
          `${childPath('slis', ref)}.metadata.name`,
          `the SLI found under ${showValue(ref)} is named ${showValue(
            indicator.name,
          )}`,
        );
      }
    }
  }

  return indicator;
}
