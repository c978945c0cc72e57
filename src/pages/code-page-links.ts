/**
 * Where each entry's page is: `/codes/502`, `/codes/499-nginx`. With PUBLIC_URL (the address people reach the bot
 * at) the links are absolute, as Teams and links shared in a thread need; without it they are relative to the bot.
 *
 * ```ts
 * const links = new CodePageLinks('https://bot.example.com');
 * links.href('502');      // "https://bot.example.com/codes/502"
 * links.absolute('502');  // the same; undefined without PUBLIC_URL
 * ```
 */
export const CODES_PATH = '/codes';

export function codePagePath(id: string): string {
  return `${CODES_PATH}/${encodeURIComponent(id)}`;
}

export class CodePageLinks {
  /** `publicUrl`: PUBLIC_URL without its trailing slash, or '' when it is not set. */
  constructor(readonly publicUrl = '') {}

  /** The page's link: absolute with PUBLIC_URL, else relative to the bot's origin. */
  href(id: string): string {
    return `${this.publicUrl}${codePagePath(id)}`;
  }

  /** The page's absolute link, or undefined when PUBLIC_URL is not set (Teams can open only absolute links). */
  absolute(id: string): string | undefined {
    return this.publicUrl ? this.href(id) : undefined;
  }
}
