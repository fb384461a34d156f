/** Dates in the domain (election day, deadlines) are calendar dates in China time (UTC+8, no DST). */
const OFFSET_MS = 8 * 3600_000;

/** The China-time calendar date of an instant, `YYYY-MM-DD`. */
export const chinaDate = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** 00:00 China time of a date, as an instant. */
export const chinaMidnight = (date: string): Date => new Date(new Date(`${date}T00:00:00Z`).getTime() - OFFSET_MS);

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
