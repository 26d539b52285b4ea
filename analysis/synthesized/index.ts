/** Reading a synthesized directory: the only module that opens `manifest.json` and `cdk.tf.json`. */
export * from './types';
export * from './reader';
export * from './references';
