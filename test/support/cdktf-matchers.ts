// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...; types in
// test/cdktf-matchers.d.ts) for the test files that import this module. Only those files pay for
// loading cdktf's testing helpers: a global setup file would load cdktf into every test file.
import { Testing } from 'cdktf';

Testing.setupJest();
