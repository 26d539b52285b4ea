import { stackId } from '../../modules/shared/naming';
import { ManifestStack, UsageError, deployWaves } from '../../tools/deploy/stacks';

/** The id of a stack of the zone (`example-eu-west-1-network`), by its name in the zone. */
const id = (name: string): string => stackId({ environment: 'example', region: 'eu-west-1' }, name);
/** A manifest as cdktf writes it for a zone of two services. */
const stack = (name: string, ...dependencies: string[]): [string, ManifestStack] => [name, { name, dependencies, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }];
const landingZone = Object.fromEntries([
  stack(id('network-link-b'), id('service-b'), id('network')),
  stack(id('service-a'), id('network')),
  stack(id('network')),
  stack(id('network-link-a'), id('service-a'), id('network')),
  stack(id('service-b'), id('network')),
]);

describe('deploy waves', () => {
  it('orders every stack network -> services -> links, whatever the manifest order', () => {
    expect(deployWaves(landingZone)).toEqual([[id('network')], [id('service-a'), id('service-b')], [id('network-link-a'), id('network-link-b')]]);
  });

  it('orders a selection by the dependencies inside it; those left out are taken as deployed', () => {
    expect(deployWaves(landingZone, ['*-network-link-*', '*-service-*'])).toEqual([[id('service-a'), id('service-b')], [id('network-link-a'), id('network-link-b')]]);
    expect(deployWaves(landingZone, [id('network-link-a'), id('network'), id('service-a')])).toEqual([[id('network')], [id('service-a')], [id('network-link-a')]]);
    expect(deployWaves(landingZone, [id('network-link-b')])).toEqual([[id('network-link-b')]]);
  });

  it('refuses a pattern that selects nothing, naming the stacks', () => {
    expect(() => deployWaves(landingZone, [id('service-c')])).toThrow(UsageError);
    expect(() => deployWaves(landingZone, [id('service-c')])).toThrow(
      'no stack matches "example-eu-west-1-service-c". Fix: use one of example-eu-west-1-network, example-eu-west-1-network-link-a, example-eu-west-1-network-link-b, example-eu-west-1-service-a, example-eu-west-1-service-b',
    );
  });

  it('matches patterns literally but for *', () => {
    expect(() => deployWaves(landingZone, [id('service.a')])).toThrow(UsageError);
    expect(deployWaves(landingZone, ['*-a'])).toEqual([[id('service-a')], [id('network-link-a')]]);
  });

  it('refuses a dependency cycle', () => {
    const cyclic = Object.fromEntries([stack('a', 'b'), stack('b', 'a')]);
    expect(() => deployWaves(cyclic)).toThrow('cycle: a -> b -> a');
  });
});
