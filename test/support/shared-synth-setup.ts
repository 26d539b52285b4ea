/** jest's global setup: the shipped landing zones synthesized once, before any test file starts (shared-synth.ts). */
import { synthesizeShippedZones } from './shared-synth';

export default synthesizeShippedZones;
