/**
 * Cards for real questions, one per kind of answer, checked by the adaptivecards parser, by Teams' limits
 * (card-check.ts) and for what each kind of card must show.
 */
import type { ActionSet, AdaptiveCard, ColumnSet, Container, TextBlock } from '../../src/cards/adaptive-card-types';
import { answerCard } from '../../src/cards/answer-card';
import { TECHNICAL } from '../../src/cards/card-text';
import { COMPARE_ELEMENT_IDS } from '../../src/cards/compare-card';
import { LOOKUP_ELEMENT_IDS } from '../../src/cards/lookup-card';
import { MAX_TRIAGE_ROWS, TRIAGE_ELEMENT_IDS } from '../../src/cards/triage-card';
import type {
  Answer,
  ClassAnswer,
  CompareAnswer,
  LookupAnswer,
  TriageAnswer,
  UnknownCodeAnswer,
} from '../../src/knowledge/answer';
import { EXAMPLE_QUESTIONS, UNKNOWN_CODE_RULE } from '../../src/knowledge/answer';
import { MAX_MESSAGE_LENGTH } from '../../src/knowledge/text';
import { renderText } from '../../src/render/render-text';
import { cardActions, cardBytes, cardProblems, submitValues, visibleText, walk } from './card-check';
import { ask, corpusQuestions, engine, NGINX_LOG } from './engine-fixture';

const OPTION_SETS = [{}, { feedback: true }, { feedback: true, detailsCollapsed: true }] as const;

function answerOf<I extends Answer['intent']>(question: string, intent: I): Extract<Answer, { intent: I }> {
  const answer = ask(question);
  expect(answer.intent).toBe(intent);
  return answer as Extract<Answer, { intent: I }>;
}

function lookupCodes(card: AdaptiveCard): number[] {
  return submitValues(card).flatMap((v) => (v?.action === 'lookup' ? [v.code] : []));
}

function byId(card: AdaptiveCard, id: string): Record<string, unknown> | undefined {
  return [...walk(card.body, 'body')].find(({ node, path }) => node.id === id && !path.includes('.data'))?.node;
}

describe.each([
  ['what is 502', 'lookup'],
  ['401 vs 403', 'compare'],
  ['401 vs 403 vs 404 vs 429', 'compare'],
  ['what are 5xx errors', 'class'],
  ['what are 4xx errors', 'class'],
  ['error 601', 'unknown_code'],
  ['code 299', 'unknown_code'],
  [NGINX_LOG, 'triage'],
  ['hi', 'greeting'],
  ["what's the capital of france", 'none'],
  ['499', 'lookup'],
  ['the API keeps saying too many requests', 'lookup'],
] as const)('%s', (question, intent) => {
  test.each(OPTION_SETS)('makes a valid 1.5 card with options %j', (options) => {
    const answer = answerOf(question, intent);
    const card = answerCard(answer, options);
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(cardBytes(card)).toBeLessThan(28_000);
    const feedback = cardActions(card).filter(
      (a) => (a.data as { action?: string } | undefined)?.action === 'feedback',
    );
    expect(feedback).toHaveLength('feedback' in options && options.feedback ? 2 : 0);
  });
});

describe('lookup card', () => {
  const answer = answerOf('what is 502', 'lookup') as LookupAnswer;

  test('leads with the code, its name, its class and retry verdict in one small line, the summary and the likely fix', () => {
    const card = answerCard(answer, { detailsCollapsed: true });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', style: 'heading', text: '502 Bad Gateway' });
    // One line under the title: the class in small words, then the retry verdict, bold and coloured.
    expect(card.body[1]).toMatchObject({
      type: 'RichTextBlock',
      spacing: 'none',
      inlines: [
        { text: '5xx server error · ', size: 'small', isSubtle: true },
        { text: 'Retry later', size: 'small', weight: 'bolder', color: 'warning' },
      ],
    });
    expect(visibleText(card)).toContain(answer.entry.summary);
    // Everything before "Show more" is what a collapsed card shows: the likely fix and the verdict are there.
    const shown = card.body.slice(
      0,
      card.body.findIndex((e) => e.type === 'ActionSet'),
    );
    const shownText = visibleText({ ...card, body: shown });
    expect(shownText).toContain('Most likely fix');
    for (const step of answer.likelyFix?.steps ?? []) expect(shownText).toContain(step);
    expect(shownText).toContain('Retry later');
    expect(JSON.stringify(card)).not.toContain('Standard (IANA registry)');
    expect(card.fallbackText).toContain('502 Bad Gateway');
    expect(card.speak).toContain('502 Bad Gateway');
  });

  test('shows the description, both sets of next steps and the retry advice', () => {
    const text = visibleText(answerCard(answer));
    expect(text).toContain(answer.entry.description);
    expect(text).toContain("If you're calling the API or browsing");
    expect(text).toContain('If you run the server');
    for (const step of [...answer.entry.nextSteps.client, ...answer.entry.nextSteps.server])
      expect(text).toContain(step);
    expect(text).toContain(answer.entry.retry.advice);
  });

  test('offers related codes as buttons that open exactly those codes', () => {
    const card = answerCard(answer);
    const related = answer.entry.related.slice(0, 4).map((r) => r.code);
    expect(related.length).toBeGreaterThan(0);
    expect(lookupCodes(card)).toEqual(expect.arrayContaining(related));
    const to504 = cardActions(card).find((a) => (a.data as { id?: string } | undefined)?.id === '504');
    expect(to504?.data).toEqual({
      action: 'lookup',
      code: 504,
      id: '504',
      msteams: {
        type: 'messageBack',
        text: 'what is 504',
        displayText: 'what is 504',
        value: { action: 'lookup', code: 504, id: '504' },
      },
    });
  });

  test('links the reference', () => {
    const urls = cardActions(answerCard(answer))
      .filter((a) => a.type === 'Action.OpenUrl')
      .map((a) => a.url);
    expect(urls).toContain(answer.entry.references[0]?.url);
  });

  test('feedback buttons name the entry and the reaction', () => {
    const values = submitValues(answerCard(answer, { feedback: true })).filter((v) => v?.action === 'feedback');
    expect(values).toEqual([
      { action: 'feedback', reaction: 'like', id: '502' },
      { action: 'feedback', reaction: 'dislike', id: '502' },
    ]);
  });

  test('collapsed: details hidden behind "Show more", which toggles stable ids', () => {
    const card = answerCard(answer, { detailsCollapsed: true });
    expect(byId(card, LOOKUP_ELEMENT_IDS.details)).toMatchObject({ type: 'Container', isVisible: false });
    const showMore = byId(card, LOOKUP_ELEMENT_IDS.showMore) as { actions: Array<Record<string, unknown>> } | undefined;
    expect(showMore?.actions[0]).toMatchObject({
      type: 'Action.ToggleVisibility',
      title: 'Show more',
      targetElements: ['details', 'show-more'],
    });
    // The short answer stays visible before the toggle.
    const detailsIndex = card.body.findIndex((e) => e.id === LOOKUP_ELEMENT_IDS.details);
    const summaryIndex = card.body.findIndex((e) => JSON.stringify(e).includes(answer.entry.summary));
    expect(summaryIndex).toBeGreaterThan(-1);
    expect(summaryIndex).toBeLessThan(detailsIndex);
  });

  test('expanded by default: no toggle and nothing hidden', () => {
    const card = answerCard(answer);
    expect(cardActions(card).some((a) => a.type === 'Action.ToggleVisibility')).toBe(false);
    expect(JSON.stringify(card)).not.toContain('"isVisible":false');
  });

  test('499 shows its other vendor meaning, with a button that asks for that meaning', () => {
    const a499 = answerOf('499', 'lookup') as LookupAnswer;
    expect(a499.entry.id).toBe('499-nginx');
    const card = answerCard(a499);
    const text = visibleText(card);
    expect(text).toContain('499 Client Closed Request (nginx)');
    const esri = engine().table.entry('499-esri');
    expect(text).toContain(`499 ${esri?.name} (Esri ArcGIS)`);
    const toEsri = cardActions(card).find((a) => (a.data as { id?: string } | undefined)?.id === '499-esri');
    expect(toEsri?.data).toMatchObject({
      action: 'lookup',
      code: 499,
      id: '499-esri',
      msteams: { text: 'what is 499 esri' },
    });
    expect(engine().ask('what is 499 esri').answer).toMatchObject({ intent: 'lookup', entry: { id: '499-esri' } });
  });
});

/** The elements a collapsed card shows before "Show more", and its details; the row "Show more" is on. */
function collapsedParts(card: AdaptiveCard, showMoreId: string, detailsId: string) {
  const at = card.body.findIndex((e) => e.id === showMoreId);
  const row = card.body[at] as ActionSet;
  const details = card.body.find((e) => e.id === detailsId) as Container;
  return { shown: { ...card, body: card.body.slice(0, at) }, row, details: { ...card, body: [details] } };
}

describe('collapsed lookup card: short on a phone', () => {
  // Questions that name a stack, and ones that do not.
  const STACKED = [
    'my upload fails with 413 through nginx',
    'cloudflare 524 on our long reports',
    'kubernetes ingress gives 504 on long requests',
    'laravel 419 page expired on the login form',
    'nginx 431 request header too large',
  ];
  const PLAIN = ['what is 502', 'what is 410', 'what is 429', 'what is 404'];

  test.each(STACKED)("%s: the stack's first step shows, the summary and the other steps wait", (question) => {
    const answer = answerOf(question, 'lookup') as LookupAnswer;
    expect(answer.likelyFix?.stack).toBeDefined();
    const card = answerCard(answer, { detailsCollapsed: true });
    expect(cardProblems(card)).toEqual([]);
    const { shown, details } = collapsedParts(card, LOOKUP_ELEMENT_IDS.showMore, LOOKUP_ELEMENT_IDS.details);
    const [first, ...others] = answer.likelyFix?.steps ?? [];
    expect(visibleText(shown)).toContain(`Most likely fix with ${answer.likelyFix?.stack?.name}`);
    expect(visibleText(shown)).toContain(first);
    expect(visibleText(shown)).not.toContain(answer.entry.summary);
    expect(visibleText(details)).toContain(answer.entry.summary);
    for (const step of others) {
      expect(visibleText(shown)).not.toContain(step);
      expect(visibleText(details)).toContain(step);
    }
    // Config keys stay monospace runs in the step shown.
    for (const term of first?.match(TECHNICAL) ?? [])
      expect(JSON.stringify(shown)).toContain(JSON.stringify({ type: 'TextRun', text: term, fontType: 'monospace' }));
  });

  test.each(PLAIN)('%s: with no stack named, the summary shows above the likely fix', (question) => {
    const answer = answerOf(question, 'lookup') as LookupAnswer;
    expect(answer.likelyFix?.stack).toBeUndefined();
    const { shown, details } = collapsedParts(
      answerCard(answer, { detailsCollapsed: true }),
      LOOKUP_ELEMENT_IDS.showMore,
      LOOKUP_ELEMENT_IDS.details,
    );
    expect(visibleText(shown)).toContain(answer.entry.summary);
    expect(visibleText(details)).not.toContain(answer.entry.summary);
    expect(visibleText(details)).toContain(answer.entry.description);
  });

  test.each([...STACKED, ...PLAIN])(
    '%s: "Show more" and a few related chips share one row; all of them in the details',
    (question) => {
      const answer = answerOf(question, 'lookup') as LookupAnswer;
      const card = answerCard(answer, { detailsCollapsed: true });
      const { row, details } = collapsedParts(card, LOOKUP_ELEMENT_IDS.showMore, LOOKUP_ELEMENT_IDS.details);
      expect(row.actions[0]).toMatchObject({ type: 'Action.ToggleVisibility', title: 'Show more' });
      const chips = row.actions.slice(1).map((a) => a.title);
      // As many as fit a phone's row: three codes at most, fewer when a vendor's name makes one wide.
      expect(chips.length).toBeGreaterThan(0);
      expect(chips.length).toBeLessThanOrEqual(3);
      expect(chips.join('').length).toBeLessThanOrEqual(14);
      const related = answer.entry.related.slice(0, 4);
      expect(chips).toEqual(related.slice(0, chips.length).map((r) => `${r.code}${r.vendor ? ` ${r.vendor}` : ''}`));
      // The details list every related code under its label; "Show more" hides the row it is on.
      expect(visibleText(details)).toContain('Related');
      expect(lookupCodes(details)).toEqual(expect.arrayContaining(related.map((r) => r.code)));
      expect(row.actions[0]).toMatchObject({
        targetElements: [LOOKUP_ELEMENT_IDS.details, LOOKUP_ELEMENT_IDS.showMore],
      });
    },
  );

  test("a vendor's wide chip keeps the row to the codes that fit", () => {
    const answer = answerOf('cloudflare 524 on our long reports', 'lookup') as LookupAnswer;
    const { row } = collapsedParts(
      answerCard(answer, { detailsCollapsed: true }),
      LOOKUP_ELEMENT_IDS.showMore,
      LOOKUP_ELEMENT_IDS.details,
    );
    expect(answer.entry.related.map((r) => r.code)).toEqual([504, 522, 520]);
    expect(row.actions.map((a) => a.title)).toEqual(['Show more', '504']);
  });

  test('expanded, nothing moves: summary, every likely step, and the related row at the end', () => {
    const answer = answerOf('our alb returns 502 after deploys', 'lookup') as LookupAnswer;
    expect(answer.likelyFix?.steps).toHaveLength(2);
    const card = answerCard(answer);
    const text = visibleText(card);
    expect(text.indexOf(answer.entry.summary)).toBeLessThan(text.indexOf('Most likely fix'));
    for (const step of answer.likelyFix?.steps ?? []) expect(text).toContain(step);
    expect(card.body.some((e) => e.type === 'ActionSet' && e.actions.some((a) => a.title === 'Show more'))).toBe(false);
    expect(card.body.at(-1)).toMatchObject({ type: 'ColumnSet' });
  });
});

describe('a follow-up for the fix or one side, collapsed', () => {
  test.each([
    ['our alb returns 502 after deploys', 'fix'],
    ['our alb returns 502 after deploys', 'server'],
    ['my upload fails with 413 through nginx', 'fix'],
    ['kubernetes ingress gives 504 on long requests', 'server'],
  ] as const)(
    "%s, asked for its %s: the likely fix's first step shows; the summary and the rest wait",
    (question, focus) => {
      const answer = engine().answer({ ...engine().understand(question), intent: 'follow_up', focus }) as LookupAnswer;
      expect(answer).toMatchObject({ intent: 'lookup', focus });
      const card = answerCard(answer, { detailsCollapsed: true });
      expect(cardProblems(card)).toEqual([]);
      const { shown, details } = collapsedParts(card, LOOKUP_ELEMENT_IDS.showMore, LOOKUP_ELEMENT_IDS.details);
      const [first, ...others] = answer.likelyFix?.steps ?? [];
      expect(visibleText(shown)).toContain(first);
      expect(visibleText(shown)).not.toContain(answer.entry.summary);
      expect(visibleText(details)).toContain(answer.entry.summary);
      for (const step of others) expect(visibleText(details)).toContain(step);
      // Expanded, the part reads as before: the summary, then every likely step.
      const open = visibleText(answerCard(answer));
      expect(open.indexOf(answer.entry.summary)).toBeLessThan(open.indexOf(first as string));
      for (const step of others) expect(open).toContain(step);
    },
  );

  test('a part without a likely fix ("why?") is drawn whole, with nothing to show more', () => {
    const answer = engine().answer({
      ...engine().understand('what is 502'),
      intent: 'follow_up',
      focus: 'cause',
    }) as LookupAnswer;
    const card = answerCard(answer, { detailsCollapsed: true });
    expect(cardActions(card).some((a) => a.type === 'Action.ToggleVisibility')).toBe(false);
    expect(visibleText(card)).toContain(answer.entry.description);
  });
});

describe('compare card', () => {
  test('puts 401 and 403 one under the other with the difference and a button for each', () => {
    const answer = answerOf('401 vs 403', 'compare') as CompareAnswer;
    const card = answerCard(answer);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '401 Unauthorized vs 403 Forbidden' });
    // Full width, in the order asked: a phone reads each summary without narrow columns.
    const titles = card.body
      .filter(
        (e): e is TextBlock =>
          e.type === 'TextBlock' && e.style !== 'heading' && e.weight === 'bolder' && /^\d{3} /.test(e.text),
      )
      .map((e) => e.text);
    expect(titles).toEqual(['401 Unauthorized', '403 Forbidden']);
    const text = visibleText(card);
    for (const e of answer.entries) {
      expect(text).toContain(e.summary);
      expect(text).toContain(e.nextSteps.client[0]);
    }
    expect(answer.contrasts.length).toBeGreaterThan(0);
    // The difference in one sentence right under the title; every other difference listed after the columns.
    expect(JSON.stringify(card.body[1])).toMatch(/"text":"403 Forbidden, unlike 401: the server knows who you are/);
    for (const c of answer.contrasts) expect(text.toLowerCase()).toContain(c.note.toLowerCase());
    expect(lookupCodes(card)).toEqual([401, 403]);
    expect(card.msteams).toEqual({ width: 'Full' });
  });

  test('buttons name a vendor code by the vendor, as the heading does', () => {
    const answer = answerOf('460 vs 499', 'compare') as CompareAnswer;
    const titles = cardActions(answerCard(answer)).map((a) => String(a.title));
    const aws = answer.entries.find((e) => e.id === '460-aws-elb');
    expect(aws).toBeDefined();
    expect(titles.some((t) => t.startsWith('460 ') && !t.includes('(aws-elb)'))).toBe(true);
  });

  test('collapsed, two codes show the difference in one sentence, with "Show more" and a chip per code in one row', () => {
    const answer = answerOf('401 vs 403', 'compare') as CompareAnswer;
    const card = answerCard(answer, { detailsCollapsed: true });
    expect(cardProblems(card)).toEqual([]);
    const { shown, row, details } = collapsedParts(card, COMPARE_ELEMENT_IDS.showMore, COMPARE_ELEMENT_IDS.details);
    expect(visibleText(shown)).toContain(answer.lead);
    expect(row.actions.map((a) => a.title)).toEqual(['Show more', '401', '403']);
    for (const e of answer.entries) {
      expect(visibleText(shown)).not.toContain(e.summary);
      expect(visibleText(details)).toContain(e.summary);
      expect(visibleText(details)).toContain(e.nextSteps.client[0]);
    }
    expect(lookupCodes(details)).toEqual([401, 403]);
  });

  test('four codes keep the order asked, and only the summaries show until "Show more"', () => {
    const answer = answerOf('401 vs 403 vs 404 vs 429', 'compare') as CompareAnswer;
    expect(answer.entries).toHaveLength(4);
    const card = answerCard(answer, { detailsCollapsed: true });
    const cut = card.body.findIndex((e) => e.type === 'ActionSet');
    const shown = visibleText({ ...card, body: card.body.slice(0, cut) });
    for (const e of answer.entries) {
      expect(shown).toContain(e.summary);
      expect(shown).not.toContain(e.nextSteps.client[0]);
    }
    expect(visibleText(card)).toContain(answer.entries[3]?.nextSteps.client[0]);
  });
});

describe('class card', () => {
  test.each([
    'what are 1xx codes',
    'what are 2xx codes',
    'what are 3xx codes',
    'what are 4xx errors',
    'what are 5xx errors',
  ])('%s lists every code as a clickable row', (question) => {
    const answer = answerOf(question, 'class') as ClassAnswer;
    const card = answerCard(answer, { feedback: true });
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: `${answer.class}: ${answer.info.name}` });
    const rows = card.body.filter((e): e is Container => e.type === 'Container' && e.selectAction !== undefined);
    expect(rows.map((r) => (r.selectAction?.type === 'Action.Submit' ? r.selectAction.data : undefined))).toEqual(
      answer.codes.map((c) => expect.objectContaining({ action: 'lookup', code: c.code, id: c.id })),
    );
    expect(visibleText(card)).toContain(answer.info.advice);
  });
});

describe('a follow-up on a class: only the part asked, with its common codes to open', () => {
  const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
  test.each(
    CLASSES.flatMap((cls) =>
      (['fix', 'cause', 'fault', 'retry', 'example', 'server', 'client'] as const).map(
        (focus) => [cls, focus] as const,
      ),
    ),
  )('%s, asked for its %s', (cls, focus) => {
    const answer = engine().answer({
      ...engine().understand(`explain ${cls}`),
      intent: 'follow_up',
      focus,
    }) as ClassAnswer;
    expect(answer).toMatchObject({ intent: 'class', class: cls, focus });
    const card = answerCard(answer, { feedback: true });
    expect(cardProblems(card)).toEqual([]);
    const text = visibleText(card);
    // Not the whole class: no row per code, and the part's own words.
    expect(card.body.some((e) => e.type === 'Container' && e.selectAction)).toBe(false);
    const own = { retry: answer.info.retry, example: answer.info.example.scenario, cause: answer.info.causes[0] };
    const expected = own[focus as keyof typeof own];
    if (expected) expect(text).toContain(expected);
    expect(lookupCodes(card)).toEqual(answer.common.slice(0, 3).map((c) => c.code));
    expect(renderText(answer, 'plain')).not.toContain(`Codes in ${cls}:`);
  });

  test('"tell me more" and the overview draw the whole class again', () => {
    for (const focus of ['more', 'overview'] as const) {
      const answer = engine().answer({ ...engine().understand('explain 5xx'), intent: 'follow_up', focus });
      expect(visibleText(answerCard(answer))).toContain('Codes in 5xx');
    }
  });
});

describe('unknown code card', () => {
  test('601 is not an HTTP status at all, and nearby codes are offered', () => {
    const answer = answerOf('error 601', 'unknown_code') as UnknownCodeAnswer;
    const card = answerCard(answer);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '601 is not an HTTP status code' });
    expect(JSON.stringify(card)).not.toContain(UNKNOWN_CODE_RULE.url);
    expect(lookupCodes(card)).toEqual(answer.nearby.map((n) => n.code));
  });

  test('299 is read as 200 OK under RFC 9110 §15, with a button to 200 and a link to the rule', () => {
    const answer = answerOf('code 299', 'unknown_code') as UnknownCodeAnswer;
    const card = answerCard(answer);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '299 is not a status code I know' });
    expect(visibleText(card)).toContain('read it as 200 OK');
    expect(lookupCodes(card)[0]).toBe(200);
    expect(
      cardActions(card)
        .filter((a) => a.type === 'Action.OpenUrl')
        .map((a) => a.url),
    ).toEqual([UNKNOWN_CODE_RULE.url]);
  });
});

describe('triage card', () => {
  const answer = answerOf(NGINX_LOG, 'triage') as TriageAnswer;

  test('tabulates every status with its count and share', () => {
    const card = answerCard(answer);
    const rows = card.body.filter((e): e is ColumnSet => e.type === 'ColumnSet');
    expect(rows).toHaveLength(answer.counts.length + 1);
    const cells = (row: ColumnSet) => row.columns.map((c) => (c.items[0]?.type === 'TextBlock' ? c.items[0].text : ''));
    expect(cells(rows[0] as ColumnSet)).toEqual(['Code', 'Name', 'Count', 'Share']);
    expect(cells(rows[1] as ColumnSet)).toEqual(['502', 'Bad Gateway', '3', '50%']);
    expect(rows[1]?.selectAction).toMatchObject({ data: { action: 'lookup', code: 502 } });
  });

  test('tells the story headline first, then the likely fix for the top failure, the other steps behind Show more, and a button for it', () => {
    const card = answerCard(answer);
    const text = visibleText(card);
    expect(answer.story[0]).toBeDefined();
    expect(text.indexOf(answer.story[0] as string)).toBeLessThan(text.indexOf('Most likely fix (502)'));
    for (const line of answer.story) expect(text).toContain(line);
    for (const step of answer.likelyFix?.steps ?? []) expect(text).toContain(step);
    // Every step of both sides is on the card, the likely ones shown and the rest hidden until "Show more".
    for (const step of [...(answer.focus?.nextSteps.client ?? []), ...(answer.focus?.nextSteps.server ?? [])])
      expect(text).toContain(step);
    expect(card.body.find((e) => e.type === 'Container' && e.id === TRIAGE_ELEMENT_IDS.steps)).toMatchObject({
      isVisible: false,
    });
    const open = cardActions(card).find((a) => a.title === 'Open 502 Bad Gateway');
    expect(open).toMatchObject({ data: { action: 'lookup', code: 502, id: '502' } });
  });

  test('a log with many distinct statuses shows the top rows and sums up the rest', () => {
    const codes = [200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409, 429, 500, 502, 503, 504];
    const log = codes
      .flatMap((code, i) =>
        Array.from(
          { length: Math.ceil((codes.length - i) / 4) },
          () => `10.0.0.1 - - [12/Mar/2025:01:37:05 +0000] "GET /x HTTP/1.1" ${code} 157 "-" "curl/8"`,
        ),
      )
      .join('\n');
    expect(log.length).toBeLessThan(MAX_MESSAGE_LENGTH);
    const many = answerOf(log, 'triage') as TriageAnswer;
    expect(many.counts.length).toBeGreaterThan(MAX_TRIAGE_ROWS);
    const card = answerCard(many, { feedback: true });
    expect(cardProblems(card)).toEqual([]);
    expect(card.body.filter((e) => e.type === 'ColumnSet')).toHaveLength(MAX_TRIAGE_ROWS + 1);
    expect(visibleText(card)).toContain(`…and ${many.counts.length - MAX_TRIAGE_ROWS} more codes`);
  });

  test('a log longer than the message limit keeps the note and stays under the size limit', () => {
    const line = '10.0.0.9 - - [12/Mar/2025:01:37:05 +0000] "GET /api/v1/x HTTP/1.1" 503 157 "-" "curl/8"';
    const long = Array.from({ length: Math.ceil((MAX_MESSAGE_LENGTH * 1.5) / line.length) }, (_, i) =>
      line.replace('503', String([503, 500, 404, 429, 200, 301][i % 6])),
    ).join('\n');
    const big = ask(long);
    expect(big.notes.length).toBeGreaterThan(0);
    const card = answerCard(big, { feedback: true, detailsCollapsed: true });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(big.notes[0]);
  });
});

describe('greeting and none cards', () => {
  test.each(['hi', "what's the capital of france"])('%s offers the examples as buttons that ask them', (question) => {
    const card = answerCard(ask(question));
    expect(submitValues(card)).toEqual(EXAMPLE_QUESTIONS.map((text) => ({ action: 'ask', text })));
  });
});

test.each(['what are 4xx errors', 'what are 5xx errors', 'what is 502', '401 vs 403 vs 404 vs 429', NGINX_LOG])(
  'the card for %j and its markdown text fit in one Teams message (28 KB)',
  (question) => {
    const answer = ask(question);
    // As the bot sends it (src/bot/card-replies.ts): collapsed, rated by the channel's own thumbs.
    const card = answerCard(answer, { feedback: false, detailsCollapsed: true });
    const message = cardBytes(card) + Buffer.byteLength(renderText(answer, 'markdown'), 'utf8');
    expect(message).toBeLessThan(26_000);
  },
);

test('every corpus question gives a valid card under the size limit', () => {
  const failures: string[] = [];
  let largest = { bytes: 0, q: '' };
  for (const { file, q } of corpusQuestions()) {
    const card = answerCard(ask(q), { feedback: true, detailsCollapsed: true });
    const problems = cardProblems(card);
    if (problems.length) failures.push(`${file}: ${q.slice(0, 60)}: ${problems.join('; ')}`);
    const bytes = cardBytes(card);
    if (bytes > largest.bytes) largest = { bytes, q };
  }
  expect(failures).toEqual([]);
  expect(largest.bytes).toBeLessThan(28_000);
});
