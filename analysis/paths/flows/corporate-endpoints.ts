import { connect } from '../analysis/connect';
import { traffic } from '../analysis/filters';
import { Service, azIds, corporateClients, findCorporate, findHub, privateApi, studioDomainIds, subnetSides } from '../analysis/landscape';
import { vpcName } from '../analysis/routes';
import { Trace, missing, need } from '../analysis/trace';
import { NetworkModel, VpcEndpoint } from '../model';
import { FlowContext, FlowDefinition } from './flow';
import { studioEndpointOf, studioHosts } from './studio-dns';

/** The service VPC's interface endpoint for an AWS service. */
function interfaceEndpoint(model: NetworkModel, service: Service, serviceName: string): VpcEndpoint {
  return need(
    [...model.endpoints.values()].find((e) => e.vpc === service.vpc.id && e.type === 'Interface' && e.serviceName === serviceName),
    `VPC ${service.vpc.name} has no interface endpoint for ${serviceName}`,
  );
}

/** A browser on the corporate network opens HTTPS to an interface endpoint. */
function corporateToEndpoint(
  flow: number,
  title: string,
  endpointFor: (ctx: FlowContext, trace: Trace, service: Service) => VpcEndpoint,
): FlowDefinition {
  return {
    flow,
    title,
    scope: 'service',
    run(ctx, trace, service) {
      const { model } = ctx;
      const corporate = findCorporate(model, findHub(model));
      const endpoint = endpointFor(ctx, trace, service);
      const label = `endpoint ${endpoint.name}`;
      for (const client of corporateClients(corporate)) {
        for (const target of subnetSides(model, endpoint.subnets, endpoint.securityGroups, label)) connect(model, trace, client, target, traffic('tcp', 443));
      }
    },
  };
}

/** Flow 3: the session runs over the Studio endpoint the hub resolves its hosts to (flow 2). */
export const studioEndpointFlow = corporateToEndpoint(
  3,
  'corporate client -> Studio endpoint, TCP 443, and back',
  (ctx, trace, service) => {
    const { model } = ctx;
    const hub = findHub(model);
    const domainId = need(studioDomainIds(model, service)[0], `the presign Lambda of ${service.stack} may open no Studio domain`);
    const [{ host, form }] = studioHosts(ctx.region, domainId);
    const { endpoint } = studioEndpointOf(ctx, hub, host, form);
    trace.hop(`Studio endpoint ${endpoint.name} in VPC ${vpcName(model, endpoint.vpc)}, AZs ${azIds(model, endpoint.subnets)}`);
    return endpoint;
  },
);

/**
 * Flow 4: the portal calls `https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`, a name
 * public DNS resolves to the endpoint's private IPs; the private API must be bound to the endpoint.
 */
export const executeApiEndpointFlow = corporateToEndpoint(
  4,
  'corporate client -> execute-api endpoint, TCP 443, and back',
  ({ model, region }, trace, service) => {
    const endpoint = interfaceEndpoint(model, service, `com.amazonaws.${region}.execute-api`);
    const api = privateApi(model, service);
    if (!api.vpcEndpoints.includes(endpoint.id)) missing(`private REST API ${api.name} is not bound to endpoint ${endpoint.name} (endpoint_configuration.vpc_endpoint_ids)`);
    trace.hop(
      `https://{api-id}-{vpce-id}.execute-api.${region}.amazonaws.com -> public DNS -> private IPs of endpoint ${endpoint.name} (AZs ${azIds(model, endpoint.subnets)}), bound to private API ${api.name}`,
    );
    return endpoint;
  },
);
