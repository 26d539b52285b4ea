import { Construct } from 'constructs';
import { CorporateDnsSharing, DnsSharingNetworkProps, DnsSharingNetworkSide, DnsSharingServiceProps } from '../types';
import { ResolverRuleShare } from './resolver-rule-share';
import { SharedResolverRules } from './shared-resolver-rules';

/**
 * The corporate FORWARD rules shared through AWS RAM and associated with each service VPC
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-rules-managing.html#resolver-rules-managing-sharing).
 * Construct ids are the ones the stacks always used, so the addresses stay where they were.
 */
export class ResolverRuleSharing implements CorporateDnsSharing {
  addNetworkSide(scope: Construct, props: DnsSharingNetworkProps): DnsSharingNetworkSide {
    const share = new ResolverRuleShare(scope, 'rule-share', {
      name: props.name,
      ruleArns: props.ruleArns,
      principals: [...props.serviceAccountIds],
      inOrganization: props.inOrganization,
    });
    return {
      addServiceSide: (serviceScope: Construct, service: DnsSharingServiceProps) => {
        new SharedResolverRules(serviceScope, 'corporate-dns-rules', {
          vpcId: service.vpcId,
          shareArn: share.share.arn,
          ruleIds: props.ruleIds,
          acceptShare: !props.inOrganization,
        });
      },
    };
  }
}
