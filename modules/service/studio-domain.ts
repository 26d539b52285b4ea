import { Construct } from 'constructs';
import { SagemakerDomain } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerUserProfile } from '@cdktf/provider-aws/lib/sagemaker-user-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, serviceTrustPolicy } from '../shared/iam-policy';
import { DescribedSecurityGroup } from '../shared/security-group';

export interface StudioDomainProps {
  domainName: string;
  region: string;
  accountId: string;
  vpcId: string;
  subnetIds: string[];
  /** Security group of the interface endpoints Studio apps call. */
  endpointSecurityGroupId: string;
  userProfiles: string[];
}

/**
 * A Studio domain that only lives in the service VPC (VpcOnly: no SageMaker-managed internet) and
 * authenticates with IAM, the only mode `CreatePresignedDomainUrl` serves.
 */
export class StudioDomain extends Construct {
  readonly domain: SagemakerDomain;
  readonly executionRole: IamRole;
  readonly securityGroup: DescribedSecurityGroup;

  constructor(scope: Construct, id: string, props: StudioDomainProps) {
    super(scope, id);
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.domainName}-studio`,
      description: 'Studio apps: NFS to the home file system, app-to-app, HTTPS to the endpoints',
      vpcId: props.vpcId,
    });
    const self = { securityGroupId: this.securityGroup.id };
    this.securityGroup
      .allowIngress({ description: 'NFS between Studio apps and the domain EFS', protocol: 'tcp', port: 2049, peer: self })
      .allowIngress({ description: 'Traffic between Studio apps of the domain', protocol: '-1', peer: self })
      .allowEgress({ description: 'NFS to the domain EFS', protocol: 'tcp', port: 2049, peer: self })
      .allowEgress({ description: 'Traffic between Studio apps of the domain', protocol: '-1', peer: self })
      .allowEgress({ description: 'HTTPS to the interface endpoints', protocol: 'tcp', port: 443, peer: { securityGroupId: props.endpointSecurityGroupId } });

    this.executionRole = new IamRole(this, 'execution-role', {
      name: `${props.domainName}-studio-execution`,
      assumeRolePolicy: serviceTrustPolicy('sagemaker.amazonaws.com', props.accountId),
    });
    const appArn = `arn:aws:sagemaker:${props.region}:${props.accountId}:app/*`;
    new IamRolePolicy(this, 'execution-role-policy', {
      role: this.executionRole.id,
      name: 'studio-apps',
      // The baseline every Studio user needs; teams attach their data and job permissions.
      policy: policyDocument([
        {
          Sid: 'ManageOwnDomainApps',
          Effect: 'Allow',
          Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp'],
          Resource: appArn,
        },
        {
          Sid: 'StudioLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:${props.region}:${props.accountId}:log-group:/aws/sagemaker/studio:*`,
        },
      ]),
    });

    const userSettings = {
      executionRole: this.executionRole.arn,
      securityGroups: [this.securityGroup.id],
    };
    this.domain = new SagemakerDomain(this, 'domain', {
      domainName: props.domainName,
      authMode: 'IAM',
      appNetworkAccessType: 'VpcOnly',
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      defaultUserSettings: userSettings,
      retentionPolicy: { homeEfsFileSystem: 'Retain' },
    });
    props.userProfiles.forEach((userProfileName, i) => {
      new SagemakerUserProfile(this, `profile-${i}`, {
        domainId: this.domain.id,
        userProfileName,
        userSettings,
      });
    });
  }
}
