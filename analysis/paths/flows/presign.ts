import { connect } from '../analysis/connect';
import { describeAnswer, resolveIn, serviceDomain } from '../analysis/dns';
import { traffic } from '../analysis/filters';
import { apiLambda, lambdaVpc, subnetSides } from '../analysis/landscape';
import { vpcName } from '../analysis/routes';
import { missing, need } from '../analysis/trace';
import { FlowDefinition } from './flow';

/**
 * Flow 5: the presign Lambda calls `CreatePresignedDomainUrl` on the SageMaker API endpoint (found
 * by the endpoint's private DNS, as the SDK calls the public host name) and reads the mapping table
 * through the DynamoDB gateway endpoint.
 */
export const presignFlow: FlowDefinition = {
  flow: 5,
  title: 'presign Lambda -> sagemaker.api endpoint 443 (private DNS), -> DynamoDB via the gateway endpoint',
  scope: 'service',
  run({ model, region }, trace, service) {
    const presign = apiLambda(model, service, 'integrations');
    const vpc = lambdaVpc(model, presign);
    const lambdaSides = subnetSides(model, presign.subnets, presign.securityGroups, `Lambda ${presign.name}`);

    const apiHost = need(serviceDomain(`com.amazonaws.${region}.sagemaker.api`), 'no SageMaker API host name');
    const answer = resolveIn(model, vpc, apiHost);
    if (answer.kind !== 'endpoint') missing(`${apiHost} does not resolve to a sagemaker.api endpoint in VPC ${vpcName(model, vpc)}: ${describeAnswer(model, answer)}`);
    const endpoint = answer.endpoint;
    trace.hop(`Lambda ${presign.name} in VPC ${vpcName(model, vpc)}: ${apiHost} -> private DNS of endpoint ${endpoint.name}`);
    for (const from of lambdaSides) {
      for (const to of subnetSides(model, endpoint.subnets, endpoint.securityGroups, `endpoint ${endpoint.name}`)) connect(model, trace, from, to, traffic('tcp', 443));
    }

    const dynamoService = `com.amazonaws.${region}.dynamodb`;
    const dynamoHost = need(serviceDomain(dynamoService), 'no DynamoDB host name');
    const dynamoAnswer = resolveIn(model, vpc, dynamoHost);
    if (dynamoAnswer.kind !== 'public') missing(`${dynamoHost} does not resolve to DynamoDB's public addresses in VPC ${vpcName(model, vpc)}: ${describeAnswer(model, dynamoAnswer)}`);
    const gateway = need(
      [...model.endpoints.values()].find((e) => e.vpc === vpc && e.type === 'Gateway' && e.serviceName === dynamoService),
      `VPC ${vpcName(model, vpc)} has no DynamoDB gateway endpoint: the mapping table is out of reach`,
    );
    trace.hop(`${dynamoHost} -> public DNS -> addresses in the prefix list of gateway endpoint ${gateway.name}`);
    const dynamo = { range: { prefixListOf: gateway.id }, routeTables: [], subnets: [], label: 'DynamoDB' };
    for (const from of lambdaSides) connect(model, trace, from, dynamo, traffic('tcp', 443));
  },
};
