/**
 * `node dist/bench/cpu-profile-summary.js FILE.cpuprofile [--top N] [--filter TEXT] [--skip TEXT]`: where a V8 CPU profile's time
 * went, as text. Self time by package or project file and by function, and inclusive time by function (each function
 * counted once per sample however deep it recurses), as shares of the busy time (everything but "(idle)").
 * `--filter` keeps only the samples whose stack has a frame whose function or file contains TEXT, to see one
 * part's cost and what it calls; `--skip TEXT` leaves such samples out (`--skip executeUserEntryPoint`: start-up).
 * `npm run bench:e2e` with BENCH_CPU_PROF=1 writes the profiles this reads.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A frame's owner: an npm package ("botbuilder-core"), a project file ("src/bot/status-bot.ts"), or node's own. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts') : url;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '30' }, filter: { type: 'string' }, skip: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error(
      'usage: node dist/bench/cpu-profile-summary.js FILE.cpuprofile [--top N] [--filter TEXT] [--skip TEXT]',
    );
    process.exit(2);
  }
  const top = Number(values.top);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frameName = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || '(anonymous)'} ${ownerOf(url, functionName)}:${lineNumber + 1}`;
  };
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.push(byId.get(at) as ProfileNode);
    return stack;
  };

  const selfByOwner = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveByFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0; // a delta is the time until the next sample
    const node = byId.get(id) as ProfileNode;
    if (node.callFrame.functionName === '(idle)') return void (idle += us);
    const stack = stackOf(id);
    const through = (text: string) =>
      stack.some((n) => n.callFrame.functionName.includes(text) || n.callFrame.url.includes(text));
    if ((values.filter && !through(values.filter)) || (values.skip && through(values.skip))) return;
    busy += us;
    add(selfByOwner, ownerOf(node.callFrame.url, node.callFrame.functionName), us);
    add(selfByFunction, frameName(node), us);
    for (const name of new Set(stack.map(frameName))) add(inclusiveByFunction, name, us);
  });

  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((100 * us) / busy).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  };
  console.log(
    `${file}: busy ${(busy / 1000).toFixed(0)} ms${values.filter ? ` (samples through "${values.filter}")` : ''}, idle ${(idle / 1000).toFixed(0)} ms`,
  );
  print('self time by package or file', selfByOwner);
  print('self time by function', selfByFunction);
  print('inclusive time by function', inclusiveByFunction);
}

main();
