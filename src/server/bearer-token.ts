/**
 * A bearer token check that takes the same time whatever the caller sends, so a wrong token tells nothing about the
 * right one. Shared by the operator endpoints (OPERATOR_TOKEN) and /mcp (MCP_TOKEN).
 *
 *   const matches = bearerTokenCheck(config.operatorToken);
 *   if (!matches(req.header('authorization'))) refuse(401);
 */
import { timingSafeEqual } from 'node:crypto';

export function bearerTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  return (authorization) => {
    const given = Buffer.from(authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}
