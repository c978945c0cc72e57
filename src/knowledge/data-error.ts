/**
 * A problem in `data/` that stops start-up. The message names the file, the code and the field, and says what the
 * field must be, so whoever edited the table can fix it without reading the loader.
 */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly code: number | string | undefined,
    readonly field: string,
    readonly problem: string,
  ) {
    const where = code === undefined ? file : `${file} (code ${code})`;
    super(`Invalid status table entry in ${where}: field "${field}" ${problem}`);
    this.name = 'DataError';
  }
}
