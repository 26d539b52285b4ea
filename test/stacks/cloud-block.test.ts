import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformCloudBlock } from '../../modules/stacks/cloud-block';

function twoStacks(hostname?: string) {
  const app = Testing.app();
  const producer = new TerraformStack(app, 'producer');
  new TerraformCloudBlock(producer, { organization: 'acme', workspace: 'prod-producer', project: 'landing', hostname });
  new AwsProvider(producer, 'aws', { region: 'eu-west-1' });
  const vpc = new Vpc(producer, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const consumer = new TerraformStack(app, 'consumer');
  new TerraformCloudBlock(consumer, { organization: 'acme', workspace: 'prod-consumer', hostname });
  new AwsProvider(consumer, 'aws', { region: 'eu-west-1' });
  new TerraformOutput(consumer, 'copy', { value: vpc.id });
  return { app, producer, consumer };
}

describe('TerraformCloudBlock', () => {
  it('writes the cloud block with one named workspace and its project', () => {
    const { producer } = twoStacks();
    expect(JSON.parse(Testing.synth(producer)).terraform.cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 'prod-producer', project: 'landing' },
    });
  });

  it('lets consumers read the producer workspace through the remote state data source', () => {
    const { app, consumer } = twoStacks('tfe.example.internal');
    (app as App).synth();
    const data = JSON.parse(Testing.synth(consumer)).data.terraform_remote_state;
    expect(Object.values(data)).toEqual([
      { backend: 'remote', config: { organization: 'acme', hostname: 'tfe.example.internal', workspaces: { name: 'prod-producer' } } },
    ]);
  });

  it('tells the cdktf CLI whether the host is Terraform Cloud or Enterprise', () => {
    const cloud = twoStacks().producer.node.children.find((c) => c instanceof TerraformCloudBlock) as TerraformCloudBlock;
    const enterprise = twoStacks('tfe.example.internal').producer.node.children.find((c) => c instanceof TerraformCloudBlock) as TerraformCloudBlock;
    expect(cloud.toMetadata()).toMatchObject({ cloud: 'tfc' });
    expect(enterprise.toMetadata()).toMatchObject({ cloud: 'tfe' });
  });
});
