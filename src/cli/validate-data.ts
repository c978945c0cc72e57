/**
 * `npm run validate:data`: loads and validates the whole status table and prints a one-line summary, or the first
 * problem (file, code, field) with exit code 1. The same check runs at every start of the bot.
 */
import { DataError } from '../knowledge/data-error';
import { DEFAULT_DATA_DIR, loadTable } from '../knowledge/load-table';
import { loadPageWords } from '../pages/page-words';
import { readCommandLine, usageError } from './command-line';

const USAGE = `Usage: npm run validate:data [-- [--no-links] [data-folder]]
  Loads and checks the status table (by default the project's data/ folder) and prints a one-line summary.
  --no-links  skip the check that every related code points at an entry that exists`;

const args = readCommandLine(USAGE, { options: { 'no-links': { type: 'boolean' } }, allowPositionals: true });
if (args && args.positionals.length > 1) usageError(USAGE);
else if (args) validate(args.positionals[0] ?? DEFAULT_DATA_DIR, !args.values['no-links']);

function validate(dataDir: string, checkLinks: boolean): void {
  try {
    const table = loadTable(dataDir, { checkLinks });
    loadPageWords(dataDir);
    const vendorEntries = table.entries.filter((e) => e.status === 'vendor').length;
    console.log(
      `OK: ${table.entries.length} entries (${table.codes.length} codes, ${vendorEntries} vendor meanings), ` +
        `${table.vendors.length} vendors, ${table.networkErrors.length} network errors, ` +
        `${table.providerErrors.length} provider errors from ${table.named.providers.length} providers`,
    );
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}
