/**
 * Every command reads its arguments the same way (src/cli/command-line.ts, node:util parseArgs): --help and -h print
 * its usage on stdout and exit 0; an option it does not have prints the problem and the usage on stderr and exits 2,
 * before the command does anything. Runs the built commands after `node scripts/ensure-built.js --quiet`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const COMMANDS: Array<[string, string]> = [
  ['ask', 'npm run ask -- "what is 502"'],
  ['precompress', '--quiet'],
  ['statusbot-mcp', 'MCP server on stdin and stdout'],
  ['validate-data', '--no-links'],
];

const run = (command: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', `${command}.js`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 50_000,
  });

beforeAll(() => {
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  });
});

describe.each(COMMANDS)('%s', (command, usageLine) => {
  test.each([['--help'], ['-h']])('%s: usage on stdout, exit 0', (flag) => {
    const r = run(command, [flag]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage:/);
    expect(r.stdout).toContain(usageLine);
  });

  test('an option it does not have: the problem and the usage on stderr, exit 2, nothing on stdout', () => {
    const r = run(command, ['--no-such-option']);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
    expect(r.stderr).toContain("Unknown option '--no-such-option'");
    expect(r.stderr).toContain('Usage:');
    expect(r.stderr).toContain(usageLine);
  });
});

test('validate-data takes one data folder at most', () => {
  const r = run('validate-data', ['data', 'data']);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  expect(r.stderr).toMatch(/^Usage:/);
});
