import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { showValue, SpecObject, SpecReader } from './SpecReader';

/** `web-shop`, `component:web-shop` or `component:payments/web-shop` -> `component:<ns>/<name>`. */
export function readService(
  reader: SpecReader,
  spec: SpecObject | undefined,
  namespace: string,
): string | undefined {
  const raw = reader.string(spec, 'spec', 'service', { required: true });
  if (raw === undefined) return undefined;
  let ref;
  try {
    ref = parseEntityRef(raw.trim(), {
      defaultKind: 'component',
      defaultNamespace: namespace,
    });
  } catch (error) {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} is not a Component name or entity ref (${
        (error as Error).message
      })`,
    );
    return undefined;
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (kind !== 'component') {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} must refer to a Component, not a ${kind}`,
    );
    return undefined;
  }
  if (
    !KubernetesValidatorFunctions.isValidObjectName(ref.name) ||
    !KubernetesValidatorFunctions.isValidNamespace(
      ref.namespace.toLocaleLowerCase('en-US'),
    )
  ) {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} is not a valid Component name or entity ref`,
    );
    return undefined;
  }
  return `component:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}
