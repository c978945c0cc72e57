/**
 * `npm run validate:data`: loads and validates the whole status table and prints a one-line summary, or the first
 * problem (file, code, field) with exit code 1. The same check runs at every start of the bot.
 */
import { DataError } from '../knowledge/data-error';
import { DEFAULT_DATA_DIR, loadTable } from '../knowledge/load-table';
import { loadPageWords } from '../pages/page-words';

try {
  const args = process.argv.slice(2);
  const dataDir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_DATA_DIR;
  const table = loadTable(dataDir, { checkLinks: !args.includes('--no-links') });
  loadPageWords(dataDir);
  const vendorEntries = table.entries.filter((e) => e.status === 'vendor').length;
  console.log(`OK: ${table.entries.length} entries (${table.codes.length} codes, ${vendorEntries} vendor meanings), ${table.vendors.length} vendors, ${table.networkErrors.length} network errors, ${table.providerErrors.length} provider errors from ${table.named.providers.length} providers`);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
