/**
 * Numbers that belong to another world (number-kinds.ts and data/number-kinds.json): each kind × numbers that are
 * HTTP codes too, read as that kind and explained as it; and the counter-examples, where the same words stand near
 * a number the web does own ("our api returns 500 when the sql query fails").
 */
import { engine } from './fixture';

const read = (text: string) => engine().understand(text);

describe('a number of another world is that, not a status', () => {
  test.each<[string, string, string]>([
    // [message, kind, the number as the answer names it]
    ['smtp error 554 5.7.1 relay denied', 'smtp', '554 5.7.1'],
    ['550 5.1.1 <bob@example.com>: recipient address rejected', 'smtp', '550 5.1.1'],
    ['postfix bounced the mail with 552 message size exceeds fixed maximum', 'smtp', '552'],
    ['sendgrid smtp relay says 421 try again later', 'smtp', '421'],
    ['email bounce: 451 4.7.1 greylisted', 'smtp', '451 4.7.1'],
    ['ftp 530 login incorrect', 'ftp', '530'],
    ['filezilla shows 550 permission denied on upload', 'ftp', '550'],
    ['SIP/2.0 486 Busy Here', 'sip', '486'],
    ['asterisk logs 503 service unavailable on the sip trunk', 'sip', '503'],
    ['process exited with status 143', 'exit-status', '143'],
    ['container exited with code 137 (OOMKilled)', 'exit-status', '137'],
    ['npm test failed: exit code 130', 'exit-status', '130'],
    ['MSI error 1603 during install', 'windows-error', '1603'],
    ['msiexec returned 1618', 'windows-error', '1618'],
    ['mysql error 1045 access denied for user root', 'database', '1045'],
    ['postgres deadlock, sqlstate 400 something', 'database', '400'],
    ['cuda error 700 on the second kernel launch', 'gpu', '700'],
    ['nvidia driver error 404 after the update', 'gpu', '404'],
    ['errno 110 from the syscall', 'errno', '110'],
    ['grpc status 16 on every call from the mobile client', 'grpc', '16'],
    ['Windows Update error 0x80070005', 'windows-error', '0x80070005'],
    ['FileZilla: Response: 530 Login incorrect.', 'ftp', '530'],
    ['postgres: ERROR: duplicate key value violates unique constraint (SQLSTATE 23505)', 'database', 'sqlstate 23505'],
    ['the installer fails with 0x80070643 on half the laptops', 'windows-error', '0x80070643'],
    ['linkedin keeps answering 999 to our link checker', 'linkedin-999', '999'],
    ['Request denied 999 when the crawler fetches lnkd.in links', 'linkedin-999', '999'],
    ['RTSP/1.0 454 Session Not Found', 'rtsp', '454'],
    ['ffmpeg -i rtsp://10.0.0.20/stream1 fails with 461 Unsupported transport', 'rtsp', '461'],
    ['the nvr loses the feed: 454 session not found every few minutes', 'rtsp', '454'],
    ['gstreamer rtspsrc says 401 unauthorized for the onvif camera', 'rtsp', '401'],
  ])('%j is %s (%s)', (text, kind, number) => {
    const u = read(text);
    expect({ intent: u.intent, codes: u.codes, otherWorld: u.otherWorld }).toEqual({
      intent: 'none',
      codes: [],
      otherWorld: { text: number, kind },
    });
  });

  test("the answer says what the number is and points at that world's reference", () => {
    const { answer } = engine().ask('smtp error 554 5.7.1 relay denied');
    expect(answer).toMatchObject({
      intent: 'none',
      message: "554 5.7.1 looks like a mail server's reply (SMTP), not an HTTP status.",
      otherWorld: { kind: { references: [{ label: expect.stringContaining('RFC 5321') }, expect.anything()] } },
    });
  });
});

describe("a gRPC status printed by name is its own world's, mapped to HTTP as Google documents it", () => {
  // A bare gRPC number ("grpc status 16") stays a number of another world, above; the name says which status it is.
  test.each<[string, number, string]>([
    ['rpc error: code = Unavailable desc = connection error (status code 14)', 503, 'grpc-unavailable'],
    ['rpc error: code = PermissionDenied desc = caller does not have permission', 403, 'grpc-permission-denied'],
  ])('%j is %s', (text, code, id) => {
    const u = read(text);
    expect({ intent: u.intent, codes: u.codes.slice(0, 1), providerError: u.providerError }).toEqual({
      intent: 'lookup',
      codes: [code],
      providerError: id,
    });
  });
});

describe('the same words near a number the web owns', () => {
  test.each<[string, number]>([
    // In a message about the web, a word of another world counts only close to the number.
    [
      "Can someone explain what a 307 is? Our SSO flow bounced me through one and I'm not sure the POST body survives.",
      307,
    ],
    ['Duplicate email on signup returns 409 and our frontend and backend teams disagree about it.', 409],
    ['our api returns 500 when the sql query fails', 500],
    ['the email api answers 429 after 100 sends', 429],
    ['HTTP/1.1 503 Service Unavailable from the mail api', 503],
    ['{"status": 502} from the upstream that talks to postgres', 502],
    ['curl to the webhook gives 404, the cron job exited with 0', 404],
    ['sendgrid api returns 401 unauthorized', 401],
    ["the camera vendor's web api returns 404 for /snapshot.jpg, the rtsp stream itself plays", 404],
  ])('%j is a lookup of %i', (text, code) => {
    const u = read(text);
    expect({ intent: u.intent, first: u.codes[0] }).toEqual({ intent: 'lookup', first: code });
  });
});

describe('a number firmly of another world takes the other numbers of its line with it', () => {
  // SIP and RTSP status lines name their world; the next number on the line, asked about in the same breath, is its too.
  const pairs: Array<[number, number]> = [
    [180, 487],
    [100, 486],
    [183, 603],
    [200, 481],
    [401, 407],
  ];
  test.each(pairs)('SIP/2.0 %i then %i is SIP throughout', (a, b) => {
    for (const text of [
      `SIP/2.0 ${a} then ${b}, what does that mean`,
      `SIP/2.0 ${a} and after that ${b} on the trunk`,
    ]) {
      const u = read(text);
      expect({ intent: u.intent, codes: u.codes, kind: u.otherWorld?.kind }).toEqual({
        intent: 'none',
        codes: [],
        kind: 'sip',
      });
    }
  });

  test.each<[string, number]>([
    // Counter-examples: a web word beside the other number keeps it a status.
    ['smtp 554 5.7.1 on the mail side and then our api returned 502', 502],
    ['SIP/2.0 486 on the phone, meanwhile the api answers 503', 503],
  ])('%j: the web word keeps %i a status', (text, code) => {
    const u = read(text);
    expect({ intent: u.intent, first: u.codes[0] }).toEqual({ intent: 'lookup', first: code });
  });
});

describe('a phrase several worlds use belongs to the world its line names', () => {
  test.each<[string, string]>([
    ['mqtt connack return code 5 not authorized', 'mqtt'],
    ['mosquitto gives reason code 135', 'mqtt'],
    ['paho mqtt return code 4, bad user name or password', 'mqtt'],
    ['the process exited with return code 5', 'exit-status'],
    ['script failed, return code 2', 'exit-status'],
  ])('%j is %s', (text, kind) => {
    const u = read(text);
    expect({ intent: u.intent, kind: u.otherWorld?.kind }).toEqual({ intent: 'none', kind });
  });
});

describe('a message about another world by its names alone, with no number and nothing of the web', () => {
  // Each world × a name of it × a failure its users write, with words a status shares ("denied", "not authorized").
  const worlds: Array<[string, string[]]> = [
    [
      'ssh',
      [
        'git@github.com: Permission denied (publickey).',
        'ssh says permission denied (publickey,password)',
        'Host key verification failed, known_hosts mismatch',
        'sshd refuses my id_ed25519 key',
      ],
    ],
    [
      'mqtt',
      [
        'mqtt client not authorized to connect',
        'paho: the mqtt broker says bad user name or password',
        'hivemq broker keeps dropping my subscriptions',
      ],
    ],
    [
      'database',
      [
        "Login failed for user 'sa'. (Microsoft SQL Server, Error: 18456)",
        'postgres: duplicate key value violates unique constraint',
        'mysql says access denied for user root@localhost',
        'sqlite database is locked',
      ],
    ],
    ['sip', ['asterisk says the sip trunk is forbidden', 'my voip softphone shows busy here']],
    ['ftp', ['filezilla: permission denied when I upload the folder', 'vsftpd refuses the login']],
  ];
  test.each(worlds)('%s', (kind, messages) => {
    for (const text of messages) {
      const u = read(text);
      expect({ text, intent: u.intent, codes: u.codes, kind: u.otherWorld?.kind }).toEqual({
        text,
        intent: 'none',
        codes: [],
        kind,
      });
    }
  });

  test('the answer names the world and explains it, without inventing a number', () => {
    const { answer } = engine().ask('git@github.com: Permission denied (publickey).');
    expect(answer).toMatchObject({
      intent: 'none',
      message: expect.stringContaining('SSH'),
      otherWorld: {
        kind: {
          id: 'ssh',
          references: [expect.objectContaining({ label: expect.stringContaining('RFC 4252') }), expect.anything()],
        },
      },
    });
    expect(answer.intent === 'none' && answer.otherWorld?.text).toBeFalsy();
  });

  test.each<[string, number]>([
    // Counter-examples: a web word (or a status) in the message makes it a question for this bot.
    ['the api returns forbidden since we rotated the ssh keys', 403],
    ['our endpoint answers 409 when postgres reports a duplicate key', 409],
    ['the mqtt bridge api returns 401 unauthorized', 401],
    ['nginx gives 502 since the mysql upgrade', 502],
  ])('%j is a lookup of %i', (text, code) => {
    const u = read(text);
    expect({ intent: u.intent, first: u.codes[0] }).toEqual({ intent: 'lookup', first: code });
  });
});
