#!/usr/bin/env node
// Scores labelled dialogues through the `ask` CLI's conversation mode, as ../shared/eval/score.mjs scores single
// questions: `node scripts/score-dialogues.js DIALOGUES.jsonl [--show-misses]`.
// Each input line: {"id", "tag", "turns": [{"q", "intent", "codes"?, "also"?, "focus"?, "also_focus"?, "class"?}]}.
// A turn is right when the intent matches and, per intent: lookup, the first code is one of codes/also; compare,
// the same set of codes; class, the class; follow_up, the first code it is about (when labelled) and its focus.
'use strict';
const { readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Usage: node scripts/score-dialogues.js DIALOGUES.jsonl [--show-misses]');
  process.exit(2);
}
const dialogues = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const input = dialogues.map((d) => JSON.stringify({ turns: d.turns.map((t) => t.q) })).join('\n') + '\n';
const root = join(__dirname, '..');
const run = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'ask.js'), '--dialogues'], {
  cwd: root,
  input,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const outs = run.stdout
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
function judge(exp, got) {
  const codes = (got.codes || []).map(Number);
  if (got.intent !== exp.intent) return false;
  switch (exp.intent) {
    case 'lookup':
      return [...(exp.codes || []), ...(exp.also || [])].includes(codes[0]);
    case 'compare':
      return sameSet([...new Set(codes)], exp.codes || []);
    case 'class':
      return String(got.class).toLowerCase() === String(exp.class).toLowerCase();
    case 'follow_up': {
      const aboutOk = !exp.codes || !exp.codes.length || exp.codes.includes(codes[0]);
      return aboutOk && [exp.focus, ...(exp.also_focus || [])].includes(got.focus);
    }
    default:
      return true;
  }
}

const byIntent = {};
let turns = 0;
let right = 0;
let whole = 0;
let invented = 0;
const misses = [];
dialogues.forEach((d, i) => {
  let all = true;
  d.turns.forEach((t, j) => {
    const got = outs[i].turns[j];
    const ok = judge(t, got);
    const k = (byIntent[t.intent] ??= { n: 0, ok: 0 });
    k.n++;
    turns++;
    if (ok) {
      k.ok++;
      right++;
    } else {
      all = false;
      misses.push(
        `${d.id} turn ${j + 1}: ${JSON.stringify(t.q).slice(0, 90)} want ${t.intent} ${(t.codes || []).join(',')} ${t.focus || ''} | got ${got.intent} ${got.codes.join(',')} ${got.focus || ''}`,
      );
    }
    if (['none', 'greeting', 'unknown_code', 'network_error'].includes(t.intent) && got.codes.length) invented++;
  });
  if (all) whole++;
});
if (args.includes('--show-misses')) for (const m of misses) console.log('MISS', m);
for (const [intent, k] of Object.entries(byIntent).sort())
  console.log(
    `${intent.padEnd(14)} ${String(k.ok).padStart(4)}/${String(k.n).padEnd(4)} ${((100 * k.ok) / k.n).toFixed(1)}%`,
  );
console.log(`codes named where none was asked: ${invented}`);
console.log(`dialogues right in every turn: ${whole}/${dialogues.length}`);
console.log(`turns ${((100 * right) / turns).toFixed(1)}% (${right}/${turns})`);
