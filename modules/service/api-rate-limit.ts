import { Construct } from 'constructs';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';

export interface ApiRateLimitProps {
  /** Names the web ACL and its metrics. */
  readonly name: string;
  /** ARN of the API stage (`aws_api_gateway_stage.arn`). */
  readonly stageArn: string;
  /** Requests one client address may make in any 5 minutes before WAF blocks it (10 .. 2,000,000,000). */
  readonly requestsPerFiveMinutes: number;
}

/**
 * A regional WAF web ACL on the API stage with one rate-based rule keyed on the client address: a
 * host flooding the API (with junk tokens or a replayed one) is blocked on its own while everyone
 * else keeps the stage's throttle budget. WAF evaluates before the resource policy and the
 * authorizer, so blocked requests cost no Lambda invocation
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html;
 * REST API stages are regional WAF resources:
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html).
 */
export class ApiRateLimit extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ApiRateLimitProps) {
    super(scope, id);
    const metricName = props.name.replace(/[^A-Za-z0-9]/g, '');
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: 'Per-client rate limit of the Studio API',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [
        {
          name: 'per-client-rate',
          priority: 0,
          action: { block: {} },
          // The provider types this recursive block as `any`: Terraform's own attribute names.
          statement: { rate_based_statement: { limit: props.requestsPerFiveMinutes, aggregate_key_type: 'IP' } },
          visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${metricName}PerClientRate`, sampledRequestsEnabled: true },
        },
      ],
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true },
    });
    new Wafv2WebAclAssociation(this, 'stage', { resourceArn: props.stageArn, webAclArn: this.webAcl.arn });
  }
}
