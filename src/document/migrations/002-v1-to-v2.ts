import type { FormatMigration } from './index';

/**
 * Version 2 adds the optional `training` section (data feeds, trained parameters, optimiser, schedule, batch size,
 * epochs, seed). A version 1 file has none, so it opens unchanged: only its version number moves.
 */
export const v1ToV2: FormatMigration = {
  from: 1,
  describe: 'adds the optional training set-up (this file has none, so nothing else changes)',
  migrate: (file) => ({ ...file, version: 2 }),
};
