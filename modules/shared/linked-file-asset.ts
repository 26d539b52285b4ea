import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { ISynthesisSession, TerraformStack } from 'cdktf';

interface LinkedFileAssetProps {
  /** Absolute path of the file; it must never be rewritten in place (write a new file and rename it over). */
  readonly file: string;
  /** Names the directory the file goes to, so that the path changes with the content. */
  readonly hash: string;
}

/**
 * A file in the stack's directory, like cdktf's `TerraformAsset` of type FILE (same place:
 * `assets/<logical id>/<hash>/<file name>`), hard-linked to the source instead of copied. Every
 * service stack carries both Lambda zips: copies wrote ~155 MB for 200 services, links write none.
 * A hard link is a regular file to everything that reads the directory: Terraform, and the upload
 * of the directory to Terraform Cloud (which keeps only files inside it, so a symbolic link to the
 * build cache would not do). Where the output is on another file system than the source, or links
 * are refused, the file is copied as `TerraformAsset` does.
 */
export class LinkedFileAsset extends Construct {
  /** The file's path relative to the stack's directory, for a resource's file argument. */
  readonly path: string;

  constructor(scope: Construct, id: string, props: LinkedFileAssetProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const folder = path.posix.join('assets', stack.getLogicalId(this.node));
    this.path = path.posix.join(folder, props.hash, path.basename(props.file));
    // cdktf offers a construct no public hook into synthesis; the stack's synthesizer is public.
    const synthesizer = stack.synthesizer;
    stack.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        synthesizer.synthesize(session);
        const stackDir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        // As TerraformAsset: an earlier synth's version of the asset goes.
        fs.rmSync(path.join(stackDir, folder), { recursive: true, force: true });
        const target = path.join(stackDir, this.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        linkOrCopy(props.file, target);
      },
    };
  }
}

const NO_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch (error) {
    if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    fs.copyFileSync(source, target);
  }
}
