import { Construct } from 'constructs';
import { SagemakerDomain } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerUserProfile } from '@cdktf/provider-aws/lib/sagemaker-user-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, serviceTrustPolicy } from '../shared/iam-policy';
import { DescribedSecurityGroup } from '../shared/security-group';
import { CustomerManagedKey } from '../shared/customer-managed-key';
import { studioUserPermissions } from '../studio/studio-permissions';
import { studioDefaultRoleName, studioUserRoleName } from '../shared/naming';
import { EncryptedLogGroup } from '../shared/encrypted-log-group';

/** The account's Studio app log group (one for every domain of the account and region). */
export const STUDIO_LOG_GROUP = '/aws/sagemaker/studio';

export interface StudioDomainProps {
  /** Names the domain, its security group, key and roles. */
  readonly domainName: string;
  /** Region of the domain: part of its roles' names and permissions. */
  readonly region: string;
  /** The service account, which holds the domain. */
  readonly accountId: string;
  /** The service VPC the domain lives in (VpcOnly). */
  readonly vpcId: string;
  /** Subnets of the domain's apps, one per AZ. */
  readonly subnetIds: string[];
  /** Security group of the interface endpoints Studio apps call. */
  readonly endpointSecurityGroupId: string;
  /** The SageMaker API and Studio endpoints: every Studio permission of the profiles holds only through them. */
  readonly endpointIds: string[];
  /** User profile names, each with its own execution role. */
  readonly userProfiles: string[];
  /** Instance types users may run; the first is the default of new spaces. */
  readonly allowedInstanceTypes: string[];
  /** Minutes an idle JupyterLab or Code Editor app runs before SageMaker stops it (60..525600). */
  readonly idleShutdownMinutes: number;
  /** The S3 gateway endpoint's prefix list: Studio apps reach S3 through it. */
  readonly s3PrefixListId: string;
  /** Keep the home EFS file system when the domain is deleted. */
  readonly retainHomeFileSystem: boolean;
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days the Studio app log group keeps records. */
  readonly logRetentionDays: number;
}

/**
 * A Studio domain that only lives in the service VPC (VpcOnly: no SageMaker-managed internet),
 * authenticates with IAM (the only mode `CreatePresignedDomainUrl` serves), keeps its EFS and
 * space volumes under a key of the account, stops idle apps, and gives each user profile its own
 * execution role limited to that user's private spaces (docs/security-model.md).
 */
export class StudioDomain extends Construct {
  readonly domain: SagemakerDomain;
  /** Execution role of each user profile, by profile name. */
  readonly executionRoles: Record<string, IamRole>;
  readonly profiles: Record<string, SagemakerUserProfile>;
  readonly securityGroup: DescribedSecurityGroup;
  readonly key: CustomerManagedKey;

  constructor(scope: Construct, id: string, props: StudioDomainProps) {
    super(scope, id);
    const { region, accountId } = props;
    // Apps only call the endpoints. "SageMaker adds a security group to allow NFS traffic" to the home
    // EFS (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html), and
    // JupyterLab / Code Editor apps never talk to each other, so users' apps get no path to one another.
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.domainName}-studio`,
      description: 'Studio apps: HTTPS to the interface endpoints only',
      vpcId: props.vpcId,
    });
    this.securityGroup
      .allowEgress({ description: 'HTTPS to the interface endpoints', protocol: 'tcp', port: 443, peer: { securityGroupId: props.endpointSecurityGroupId, name: 'endpoints' } })
      // Studio apps load and save data in S3 (and fetch SageMaker's own assets there); the gateway
      // endpoint's prefix list is the only S3 path a VpcOnly domain without NAT has.
      // https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-and-internet-access.html
      .allowEgress({ description: 'HTTPS to S3 through the gateway endpoint', protocol: 'tcp', port: 443, peer: { prefixListId: props.s3PrefixListId, name: 's3' } });

    // SageMaker writes every Studio app's logs of the account and region to this one group; created
    // here it has retention and encryption instead of being created by SageMaker without either.
    // https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html
    const appLogs = new EncryptedLogGroup(this, 'app-logs', {
      name: STUDIO_LOG_GROUP,
      kmsKeyArn: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
    });

    // SageMaker encrypts the domain's EFS and the spaces' EBS volumes with this key:
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html#sagemaker-CreateDomain-request-KmsKeyId
    this.key = new CustomerManagedKey(this, 'key', {
      alias: `${props.domainName}-studio`,
      description: `Studio domain ${props.domainName}: home EFS and space volumes`,
      accountId,
      usage: [{
        Sid: 'StudioStorageOfThisAccount',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': accountId,
            'kms:ViaService': [`elasticfilesystem.${region}.amazonaws.com`, `sagemaker.${region}.amazonaws.com`],
          },
        },
      }],
    });

    const trust = serviceTrustPolicy('sagemaker.amazonaws.com', accountId);
    // Profiles created outside this module fall back to the domain's role, which may do nothing.
    const defaultRole = new IamRole(this, 'default-execution-role', { name: studioDefaultRoleName(props.domainName, props.region), assumeRolePolicy: trust });

    const idleShutdown = {
      appLifecycleManagement: {
        idleSettings: { lifecycleManagement: 'ENABLED', idleTimeoutInMinutes: props.idleShutdownMinutes, maxIdleTimeoutInMinutes: props.idleShutdownMinutes },
      },
      defaultResourceSpec: { instanceType: props.allowedInstanceTypes[0] },
    };
    // Security groups belong in the user settings: apps take theirs from the profile (or the
    // domain's default user settings), not from the domain's VPC settings.
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html
    const userSettings = (executionRole: string) => ({
      executionRole,
      securityGroups: [this.securityGroup.id],
      studioWebPortal: 'ENABLED',
      defaultLandingUri: 'studio::',
      jupyterLabAppSettings: idleShutdown,
      codeEditorAppSettings: idleShutdown,
    });
    this.domain = new SagemakerDomain(this, 'domain', {
      domainName: props.domainName,
      authMode: 'IAM',
      appNetworkAccessType: 'VpcOnly',
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      kmsKeyId: this.key.key.arn,
      defaultUserSettings: userSettings(defaultRole.arn),
      // Retain keeps the users' files when the domain goes; Delete removes the file system with it.
      retentionPolicy: { homeEfsFileSystem: props.retainHomeFileSystem ? 'Retain' : 'Delete' },
      dependsOn: [appLogs],
    });

    this.executionRoles = {};
    this.profiles = {};
    for (const userProfileName of props.userProfiles) {
      const role = new IamRole(this, `execution-role-${userProfileName}`, {
        name: studioUserRoleName(props.domainName, userProfileName, props.region),
        assumeRolePolicy: trust,
      });
      new IamRolePolicy(this, `execution-role-policy-${userProfileName}`, {
        role: role.id,
        name: 'studio-session',
        policy: policyDocument([
          ...studioUserPermissions({
            account: { region, accountId },
            domainId: this.domain.id,
            userProfileName,
            endpointIds: props.endpointIds,
            allowedInstanceTypes: props.allowedInstanceTypes,
          }),
          {
            Sid: 'StudioLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `arn:aws:logs:${region}:${accountId}:log-group:${STUDIO_LOG_GROUP}:*`,
          },
        ]),
      });
      this.executionRoles[userProfileName] = role;
      this.profiles[userProfileName] = new SagemakerUserProfile(this, `profile-${userProfileName}`, {
        domainId: this.domain.id,
        userProfileName,
        userSettings: userSettings(role.arn),
      });
    }
  }
}
