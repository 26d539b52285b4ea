/**
 * Sharing the corporate DNS with the service accounts as a strategy, as corporate connectivity
 * is: each way (today the corporate FORWARD rules shared through AWS RAM; a Route 53 Profile is
 * the next) is one folder with its network-side and service-side constructs behind these
 * interfaces. The network side is created in the network stack and hands each service stack what
 * it needs; values crossing stacks (the share's ARN, the rules' ids) do so as cdktf remote-state
 * references.
 */
import { Construct } from 'constructs';

export interface DnsSharingNetworkProps {
  /** Name of what is shared (the RAM share), e.g. `example-corporate-dns-rules`. */
  readonly name: string;
  /** The corporate FORWARD rules' ARNs by domain. */
  readonly ruleArns: Record<string, string>;
  /** The same rules' ids by domain. */
  readonly ruleIds: Record<string, string>;
  /** Account ids of the service accounts the DNS is shared with. */
  readonly serviceAccountIds: readonly string[];
  /** All accounts in one AWS Organization: shares stay internal and need no acceptance. */
  readonly inOrganization: boolean;
}

export interface DnsSharingServiceProps {
  /** The service VPC whose resolver must answer the corporate names. */
  readonly vpcId: string;
}

/** The sharing's part in the network stack, and what it hands each service stack. */
export interface DnsSharingNetworkSide {
  /** Makes the shared corporate DNS apply to one service VPC. */
  addServiceSide(scope: Construct, props: DnsSharingServiceProps): void;
}

export interface CorporateDnsSharing {
  addNetworkSide(scope: Construct, props: DnsSharingNetworkProps): DnsSharingNetworkSide;
}
