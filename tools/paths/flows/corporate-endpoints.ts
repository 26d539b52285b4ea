import { studioEndpointService } from '../../../modules/shared/naming';
import { connect } from '../analysis/connect';
import { traffic } from '../analysis/filters';
import { Service, azIds, corporateClients, findCorporate, findHub, privateApi, subnetSides } from '../analysis/landscape';
import { Trace, missing, need } from '../analysis/trace';
import { NetworkModel, VpcEndpoint } from '../model';
import { FlowContext, FlowDefinition } from './flow';

/** The service VPC's interface endpoint for an AWS service. */
export function interfaceEndpoint(model: NetworkModel, service: Service, serviceName: string): VpcEndpoint {
  return need(
    [...model.endpoints.values()].find((e) => e.vpc === service.vpc.id && e.type === 'Interface' && e.serviceName === serviceName),
    `VPC ${service.vpc.name} has no interface endpoint for ${serviceName}`,
  );
}

/** A browser on the corporate network opens HTTPS to one of the service's interface endpoints. */
function corporateToEndpoint(
  flow: number,
  title: string,
  serviceName: (region: string) => string,
  check: (ctx: FlowContext, trace: Trace, service: Service, endpoint: VpcEndpoint) => void,
): FlowDefinition {
  return {
    flow,
    title,
    scope: 'service',
    run(ctx, trace, service) {
      const { model } = ctx;
      const corporate = findCorporate(model, findHub(model));
      const endpoint = interfaceEndpoint(model, service, serviceName(ctx.region));
      check(ctx, trace, service, endpoint);
      const label = `endpoint ${endpoint.name}`;
      for (const client of corporateClients(corporate)) {
        for (const target of subnetSides(model, endpoint.subnets, endpoint.securityGroups, label)) connect(model, trace, client, target, traffic('tcp', 443));
      }
    },
  };
}

/** Flow 3: the session runs over the Studio endpoint (its name comes from flow 2's zone). */
export const studioEndpointFlow = corporateToEndpoint(
  3,
  'corporate client -> Studio endpoint, TCP 443, and back',
  studioEndpointService,
  ({ model }, trace, service, endpoint) => trace.hop(`Studio endpoint ${endpoint.name} in VPC ${service.vpc.name}, AZs ${azIds(model, endpoint.subnets)}`),
);

/**
 * Flow 4: the portal calls `https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`, a name
 * public DNS resolves to the endpoint's private IPs; the private API must be bound to the endpoint.
 */
export const executeApiEndpointFlow = corporateToEndpoint(
  4,
  'corporate client -> execute-api endpoint, TCP 443, and back',
  (region) => `com.amazonaws.${region}.execute-api`,
  ({ model, region }, trace, service, endpoint) => {
    const api = privateApi(model, service);
    if (!api.vpcEndpoints.includes(endpoint.id)) missing(`private REST API ${api.name} is not bound to endpoint ${endpoint.name} (endpoint_configuration.vpc_endpoint_ids)`);
    trace.hop(
      `https://{api-id}-{vpce-id}.execute-api.${region}.amazonaws.com -> public DNS -> private IPs of endpoint ${endpoint.name} (AZs ${azIds(model, endpoint.subnets)}), bound to private API ${api.name}`,
    );
  },
);
