import { Construct } from 'constructs';
import { DataTerraformRemoteState, TerraformBackend, TerraformRemoteState } from 'cdktf';

interface TerraformCloudBlockProps {
  /** Terraform Cloud / Enterprise organization. */
  readonly organization: string;
  /** The one workspace this stack's working directory uses. */
  readonly workspace: string;
  /**
   * Project of the workspace.
   * @default the organization's default project
   */
  readonly project?: string;
  /**
   * Terraform Enterprise host name.
   * @default app.terraform.io (Terraform Cloud)
   */
  readonly hostname?: string;
}

const TERRAFORM_CLOUD_HOST = 'app.terraform.io';

/**
 * The `terraform { cloud { ... } }` block with one named workspace: what cdktf's `CloudBackend`
 * writes, without its synth-time validation, which runs `terraform version` and so fails the synth
 * on a machine without Terraform (synthesizing needs no Terraform for any other backend). The
 * version the cloud block needs (>= 1.1) is enforced where it matters, by the stack's own
 * `required_version`, when Terraform runs. Consumers read outputs through the `remote` state data
 * source, as with `CloudBackend`.
 */
export class TerraformCloudBlock extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: TerraformCloudBlockProps,
  ) {
    super(scope, 'backend', 'cloud');
  }

  toTerraform(): Record<string, unknown> {
    const { organization, hostname, workspace, project } = this.props;
    return {
      terraform: {
        cloud: {
          organization,
          ...(hostname === undefined ? {} : { hostname }),
          workspaces: { name: workspace, ...(project === undefined ? {} : { project }) },
        },
      },
    };
  }

  /** The cdktf CLI reads `cloud` from the stack's metadata to tell Terraform Cloud from Enterprise. */
  toMetadata(): Record<string, unknown> {
    const host = this.props.hostname ?? TERRAFORM_CLOUD_HOST;
    return { ...super.toMetadata(), cloud: host === TERRAFORM_CLOUD_HOST ? 'tfc' : 'tfe' };
  }

  getRemoteStateDataSource(scope: Construct, name: string): TerraformRemoteState {
    const { organization, hostname, workspace } = this.props;
    return new DataTerraformRemoteState(scope, name, { organization, hostname, workspaces: { name: workspace } });
  }
}
