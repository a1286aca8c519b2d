import { v0ToV1 } from './001-v0-to-v1';
import { v1ToV2 } from './002-v1-to-v2';

/** One numbered step of the file format: upgrades a file of version `from` to `from + 1`. Never edited once released. */
export interface FormatMigration {
  readonly from: number;
  /** One line for the reader's warning. */
  readonly describe: string;
  /** Works on untrusted JSON: copies what it recognises and leaves the rest for validation to report. */
  readonly migrate: (file: Record<string, unknown>) => Record<string, unknown>;
}

/** Every step in order; step i upgrades version i. */
export const FORMAT_MIGRATIONS: readonly FormatMigration[] = [v0ToV1, v1ToV2];
