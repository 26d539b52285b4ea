/**
 * Corporate connectivity as a strategy: each kind (VPC peering, Transit Gateway) is one folder
 * with its network-side, service-side and link-side constructs behind these interfaces. The
 * stacks only call them; values created in one stack and used in another (ids of a peering
 * connection, a Transit Gateway, an attachment) cross stacks as cdktf remote-state references.
 */
import { Construct } from 'constructs';

/** The hub VPC, as the network side attaches or peers it. */
export interface HubVpc {
  readonly vpcId: string;
  readonly cidr: string;
  readonly subnetIds: string[];
  readonly routeTableId: string;
}

/** A VPC in the network account standing in for the corporate network (demos). */
export interface SimulatedCorporateVpc {
  readonly vpcId: string;
  readonly cidr: string;
  readonly subnetIds: string[];
  readonly routeTableId: string;
}

export interface NetworkSideProps {
  /** Name prefix, e.g. `example`. */
  readonly namePrefix: string;
  readonly region: string;
  readonly networkAccountId: string;
  readonly hub: HubVpc;
  /** Present when the account file asks for a simulated corporate network. */
  readonly simulatedCorporate?: SimulatedCorporateVpc;
  readonly corporateCidrs: string[];
  readonly serviceAccountIds: string[];
  /** All accounts in one AWS Organization: RAM shares stay internal and need no acceptance. */
  readonly inOrganization: boolean;
}

export interface ServiceSideProps {
  /** Name prefix of the service, e.g. `example-analytics`. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly corporateCidrs: string[];
}

export interface LinkSideProps {
  readonly name: string;
  readonly serviceVpcCidr: string;
}

/** The connectivity's part in the network stack, and what it hands each service stack. */
export interface ConnectivityNetworkSide {
  /** Adds the service account's side (peering request, or Transit Gateway attachment). */
  addServiceSide(scope: Construct, props: ServiceSideProps): ConnectivityServiceSide;
}

/** The connectivity's part in a service stack, and what it hands the service's link stack. */
export interface ConnectivityServiceSide {
  /** Adds the network account's half of this service's link (acceptance, routes, route-table wiring). */
  addLinkSide(scope: Construct, props: LinkSideProps): void;
}

export interface CorporateConnectivity {
  addNetworkSide(scope: Construct, props: NetworkSideProps): ConnectivityNetworkSide;
}
