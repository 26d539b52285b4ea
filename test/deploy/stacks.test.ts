import { ManifestStack, UsageError, deployWaves } from '../../tools/deploy/stacks';

/** A manifest as cdktf writes it for a zone of two services. */
const stack = (name: string, ...dependencies: string[]): [string, ManifestStack] => [name, { name, dependencies, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }];
const landingZone = Object.fromEntries([
  stack('network-link-b', 'service-b', 'network'),
  stack('service-a', 'network'),
  stack('network'),
  stack('network-link-a', 'service-a', 'network'),
  stack('service-b', 'network'),
]);

describe('deploy waves', () => {
  it('orders every stack network -> services -> links, whatever the manifest order', () => {
    expect(deployWaves(landingZone)).toEqual([['network'], ['service-a', 'service-b'], ['network-link-a', 'network-link-b']]);
  });

  it('orders a selection by the dependencies inside it; those left out are taken as deployed', () => {
    expect(deployWaves(landingZone, ['network-link-*', 'service-*'])).toEqual([['service-a', 'service-b'], ['network-link-a', 'network-link-b']]);
    expect(deployWaves(landingZone, ['network-link-a', 'network', 'service-a'])).toEqual([['network'], ['service-a'], ['network-link-a']]);
    expect(deployWaves(landingZone, ['network-link-b'])).toEqual([['network-link-b']]);
  });

  it('refuses a pattern that selects nothing, naming the stacks', () => {
    expect(() => deployWaves(landingZone, ['service-c'])).toThrow(UsageError);
    expect(() => deployWaves(landingZone, ['service-c'])).toThrow('no stack matches "service-c". Fix: use one of network, network-link-a, network-link-b, service-a, service-b');
  });

  it('matches patterns literally but for *', () => {
    expect(() => deployWaves(landingZone, ['service.a'])).toThrow(UsageError);
    expect(deployWaves(landingZone, ['*-a'])).toEqual([['service-a'], ['network-link-a']]);
  });

  it('refuses a dependency cycle', () => {
    const cyclic = Object.fromEntries([stack('a', 'b'), stack('b', 'a')]);
    expect(() => deployWaves(cyclic)).toThrow('cycle: a -> b -> a');
  });
});
