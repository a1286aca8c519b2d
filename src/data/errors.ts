/** A recipe or input the data layer cannot use; the message names the field and what was wrong. */
export class DataError extends Error {
  override name = 'DataError';
}
