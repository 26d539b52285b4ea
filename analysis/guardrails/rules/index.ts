/** Every guardrail rule, one per file. Order is the report order within a resource. */
import { Rule } from '../types';
import { rule as api001 } from './api-001-private-with-vpce-deny';
import { rule as api002 } from './api-002-method-authorizer';
import { rule as api003 } from './api-003-access-logs';
import { rule as api004 } from './api-004-xray';
import { rule as api005 } from './api-005-metrics';
import { rule as api006 } from './api-006-no-data-trace';
import { rule as api007 } from './api-007-no-caching';
import { rule as ddb001 } from './ddb-001-point-in-time-recovery';
import { rule as ddb002 } from './ddb-002-customer-managed-key';
import { rule as ddb003 } from './ddb-003-deletion-protection';
import { rule as dns001 } from './dns-001-resolver-endpoint-azs';
import { rule as dns002 } from './dns-002-forward-targets-private';
import { rule as dns003 } from './dns-003-forward-corporate-domains';
import { rule as dns004 } from './dns-004-query-logging';
import { rule as dns005 } from './dns-005-dns-firewall';
import { rule as dns006 } from './dns-006-dns-firewall-fails-closed';
import { rule as dns007 } from './dns-007-service-vpc-query-logging';
import { rule as gr001 } from './gr-001-suppressions';
import { rule as iam001 } from './iam-001-no-wildcard-actions';
import { rule as iam002 } from './iam-002-no-wildcard-resources';
import { rule as iam003 } from './iam-003-trust-principals';
import { rule as iam004 } from './iam-004-presign-bound-to-endpoints';
import { rule as iam005 } from './iam-005-analysable-policies';
import { rule as iam006 } from './iam-006-studio-session-through-endpoints';
import { rule as iam007 } from './iam-007-studio-own-private-spaces';
import { rule as kms001 } from './kms-001-rotation';
import { rule as kms002 } from './kms-002-key-policy';
import { rule as lmb001 } from './lmb-001-vpc-multi-az';
import { rule as lmb002 } from './lmb-002-xray';
import { rule as lmb003 } from './lmb-003-reserved-concurrency';
import { rule as lmb004 } from './lmb-004-supported-runtime';
import { rule as lmb005 } from './lmb-005-log-group';
import { rule as lmb006 } from './lmb-006-no-secrets-in-environment';
import { rule as lmb007 } from './lmb-007-no-public-permission';
import { rule as lmb008 } from './lmb-008-service-permission-source';
import { rule as log001 } from './log-001-encrypted';
import { rule as log002 } from './log-002-retention';
import { rule as ram001 } from './ram-001-share-only-resolver-rules';
import { rule as ram002 } from './ram-002-configured-principals';
import { rule as ram003 } from './ram-003-external-principals';
import { rule as sg001 } from './sg-001-no-ingress-from-anywhere';
import { rule as sg002 } from './sg-002-descriptions';
import { rule as sg003 } from './sg-003-default-group-closed';
import { rule as sg004 } from './sg-004-resolver-groups';
import { rule as sg005 } from './sg-005-endpoint-groups';
import { rule as sm001 } from './sm-001-studio-domain-private';
import { rule as sm002 } from './sm-002-studio-user-security-groups';
import { rule as sm003 } from './sm-003-studio-customer-managed-key';
import { rule as sm004 } from './sm-004-studio-idle-shutdown';
import { rule as vpc001 } from './vpc-001-no-internet-gateway';
import { rule as vpc002 } from './vpc-002-no-default-route';
import { rule as vpc003 } from './vpc-003-no-public-ips';
import { rule as vpc004 } from './vpc-004-flow-logs';
import { rule as vpc005 } from './vpc-005-service-subnet-acl';
import { rule as vpce001 } from './vpce-001-interface-endpoint-policy';
import { rule as vpce002 } from './vpce-002-gateway-endpoint-policy';
import { rule as vpce003 } from './vpce-003-endpoint-perimeter';

export const RULES: readonly Rule[] = [
  api001,
  api002,
  api003,
  api004,
  api005,
  api006,
  api007,
  ddb001,
  ddb002,
  ddb003,
  dns001,
  dns002,
  dns003,
  dns004,
  dns005,
  dns006,
  dns007,
  gr001,
  iam001,
  iam002,
  iam003,
  iam004,
  iam005,
  iam006,
  iam007,
  kms001,
  kms002,
  lmb001,
  lmb002,
  lmb003,
  lmb004,
  lmb005,
  lmb006,
  lmb007,
  lmb008,
  log001,
  log002,
  ram001,
  ram002,
  ram003,
  sg001,
  sg002,
  sg003,
  sg004,
  sg005,
  sm001,
  sm002,
  sm003,
  sm004,
  vpc001,
  vpc002,
  vpc003,
  vpc004,
  vpc005,
  vpce001,
  vpce002,
  vpce003,
];
