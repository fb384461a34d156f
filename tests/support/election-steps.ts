import type { TestServer } from './server.js';

/**
 * The voter list's notice (选民名单公告) published through the API at `at` (the server's clock is
 * pinned there for the request, then put back): the first step the ballot desk waits for
 * (STEP_NOT_DONE). From its moment on the voter list changes only by a recorded decision.
 */
export async function publishVoterList(server: TestServer, token: string, electionId: string, at: Date) {
  const back = server.pinnedNow();
  server.setNow(at);
  try {
    const notice = await server.request('POST', '/api/notices', {
      token,
      body: { category: 'election', kind: 'voter_list', electionId, title: '选民名单公告', body: '选民名单已张贴在社区公告栏，请核对。' },
    });
    if (notice.status !== 201) throw new Error(`voter list notice: ${notice.status} ${notice.text}`);
    return notice.body as { id: string };
  } finally {
    server.setNow(back);
  }
}

/** `days` days before China-time calendar day `day`, at 09:00 China time. */
export function daysBefore(day: string, days: number) {
  const at = new Date(`${day}T01:00:00Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at;
}
