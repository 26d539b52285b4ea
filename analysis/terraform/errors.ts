/**
 * The machine or the command line cannot run the checks (no Terraform, no provider mirror, an
 * unknown landing zone): reported as its message alone, with exit code 2, never as a skipped check.
 */
export class SetupError extends Error {}
