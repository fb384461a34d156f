/*
 * The printed check code, as pure functions: the server reads typed codes with them and the
 * mini-program checks a code before asking (no database, no imports).
 */

/** The printed check code of a chain head: its first 10 hex characters (API.md "Anchors"). */
export const anchorCode = (hash: string) => hash.slice(0, 10);

/**
 * A code as a person typed it: spaces dropped (the code may be printed in groups), upper case
 * read as lower; null unless 10 hex characters remain.
 */
export function normalizeAnchorCode(typed: string): string | null {
  const code = typed.replace(/\s+/g, '').toLowerCase();
  return /^[0-9a-f]{10}$/.test(code) ? code : null;
}

/** What a refused code is told, on the page and in the API's reply. */
export const badAnchorCode = '核验码是10位，由数字0-9和字母a-f组成，请对照公告或证书重新输入。';
