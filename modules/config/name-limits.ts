/**
 * Every name the stacks will generate, checked against AWS's length limit for it, so that a long
 * environment or service name fails here, naming the settings to shorten, rather than at
 * `terraform validate` or at apply.
 */
import { AWS_NAME_LIMITS, generatedNames, type GeneratedName } from '../shared/naming';
import type { ResolvedLandingZone } from './types';
import type { ValidationProblem } from './problems';

export function nameLengthProblems(landingZone: ResolvedLandingZone): ValidationProblem[] {
  // The longest offender per setting: one fix (shorten it by N) covers every shorter one.
  const worst = new Map<string, { name: GeneratedName; excess: number }>();
  for (const name of generatedNames(landingZone)) {
    const excess = name.name.length - AWS_NAME_LIMITS[name.kind].max;
    const at = name.fields[name.fields.length - 1];
    if (excess > 0 && excess > (worst.get(at)?.excess ?? 0)) worst.set(at, { name, excess });
  }
  return [...worst].map(([at, { name, excess }]) => {
    const { max, source } = AWS_NAME_LIMITS[name.kind];
    const lengths = name.fields.map((field) => `${field} has ${String(valueAt(landingZone, field)).length}`).join(', ');
    return {
      path: at,
      message: `makes the ${name.kind} "${name.name}" ${name.name.length} characters long; AWS allows ${max} (${source})`,
      fix: `shorten ${name.fields.join(' + ')} by ${excess} ${excess === 1 ? 'character' : 'characters'} in total (${lengths})`,
    };
  });
}

/** The resolved value at a problem path such as `services[0].studio.domainName`. */
function valueAt(landingZone: ResolvedLandingZone, at: string): unknown {
  return [...at.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].reduce<unknown>(
    (node, [, key, index]) => (node as Record<string, unknown> | undefined)?.[key ?? Number(index)],
    landingZone,
  );
}
