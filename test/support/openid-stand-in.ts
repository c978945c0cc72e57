/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys (login.botframework.com), so tests can
 * sign channel tokens with their own RSA key and the real adapter validates them exactly as in production. It counts
 * the requests it gets (key fetches), and can be taken down: it then cuts every connection without an answer.
 */
import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface OpenIdStandIn {
  metadataUrl: string;
  /** Requests received so far (metadata and keys), answered or cut. */
  readonly requests: number;
  /** While down, every request is cut off unanswered (a key server that cannot be reached). */
  down: boolean;
  /**
   * Signs a JWT with the published key (or with `foreignKey` to forge one the metadata does not vouch for); `kid: null`
   * leaves the key id out of the header.
   */
  sign(claims: Record<string, unknown>, options?: { foreignKey?: boolean; kid?: string | null }): string;
  stop(): Promise<void>;
}

const KID = 'statusbot-test-key';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export async function startOpenIdStandIn(
  endorsements = ['test', 'msteams', 'directline', 'webchat', 'emulator'],
): Promise<OpenIdStandIn> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  let base = '';
  let requests = 0;
  let down = false;
  const server: Server = createServer((req, res) => {
    requests++;
    if (down) return void req.socket.destroy();
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/v1/.well-known/openidconfiguration')) {
      res.end(
        JSON.stringify({
          issuer: CHANNEL_ISSUER,
          jwks_uri: `${base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url?.startsWith('/v1/.well-known/keys')) {
      res.end(JSON.stringify({ keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid: KID, alg: 'RS256', endorsements }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    get requests() {
      return requests;
    },
    get down() {
      return down;
    },
    set down(value: boolean) {
      down = value;
    },
    sign: (claims, options = {}) =>
      signJwt(claims, options.foreignKey ? foreign : privateKey, options.kid === undefined ? KID : options.kid),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string | null): string {
  const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${encode({ alg: 'RS256', typ: 'JWT', ...(kid === null ? {} : { kid }) })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(key).toString('base64url');
  return `${head}.${signature}`;
}
