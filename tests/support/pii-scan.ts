/**
 * The personal-data scan run at the end of each API suite over every body the server sent
 * (`server.recorded`). It names what leaked and where, so a failure points at the reply.
 */
export interface PersonalData {
  /** Whole ID numbers the suite used: never in any reply (only `idNumberMasked`). */
  idNumbers?: string[];
  /**
   * Whole phone numbers with the account they belong to (null: no account, e.g. entered at the
   * window). A whole phone may appear only in its owner's own GET /api/me: a reply of `account`
   * (with the owner's id) and at most `resident` beside it.
   */
  phones?: { phone: string; ownerAccountId: string | null }[];
  /** Clear passwords the suite used: never echoed. */
  passwords?: string[];
}

// 18 characters standing alone (not inside a longer run of letters and digits, like a hex ticket).
const WHOLE_ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
const SECRETS: [RegExp, string][] = [
  [/"password"\s*:/i, 'a "password" field'],
  [/"password_?hash"\s*:/i, 'a password hash field'],
  [/\$argon2/, 'an argon2 hash'],
  [/session_?key/i, 'a WeChat session_key'],
];

/** The owner's own GET /api/me is the one place a whole phone belongs: blank it there. */
function withoutOwnPhone(text: string, phones: NonNullable<PersonalData['phones']>): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!body || typeof body !== 'object' || Object.keys(body).some((key) => key !== 'account' && key !== 'resident')) return text;
  const account = (body as { account?: { id?: unknown; phone?: unknown } }).account;
  if (!account || typeof account !== 'object') return text;
  const owned = phones.some((p) => p.ownerAccountId !== null && p.ownerAccountId === account.id && p.phone === account.phone);
  if (!owned) return text;
  return JSON.stringify({ ...body, account: { ...account, phone: '(own phone)' } });
}

/** Every leak found, one line each; empty when the replies are clean. */
export function personalDataLeaks(bodies: readonly string[], data: PersonalData = {}): string[] {
  const leaks: string[] = [];
  const phones = data.phones ?? [];
  bodies.forEach((raw, index) => {
    const where = `reply #${index + 1}: ${raw.length > 160 ? `${raw.slice(0, 160)}…` : raw}`;
    const id = WHOLE_ID_NUMBER.exec(raw);
    if (id) leaks.push(`a whole ID number ${id[0]} in ${where}`);
    for (const idNumber of data.idNumbers ?? []) {
      if (raw.toUpperCase().includes(idNumber.toUpperCase()) && id?.[0].toUpperCase() !== idNumber.toUpperCase())
        leaks.push(`the ID number ${idNumber} in ${where}`);
    }
    const text = phones.some((p) => raw.includes(p.phone)) ? withoutOwnPhone(raw, phones) : raw;
    for (const { phone } of phones) if (text.includes(phone)) leaks.push(`the whole phone ${phone} outside its owner's own view in ${where}`);
    for (const [pattern, what] of SECRETS) if (pattern.test(raw)) leaks.push(`${what} in ${where}`);
    for (const password of data.passwords ?? []) if (raw.includes(password)) leaks.push(`the password ${password} in ${where}`);
  });
  return leaks;
}
