/**
 * Dates in the domain (election day, deadlines) are calendar dates in China time (UTC+8, no
 * DST), and times are shown in China time wherever the phone is.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The instant shifted so that its UTC fields read as China time. */
const shifted = (at: Date | string): Date => new Date(new Date(at).getTime() + OFFSET_MS);

/** The China-time calendar date of an instant, `YYYY-MM-DD`. */
export const chinaDate = (at: Date | string): string => shifted(at).toISOString().slice(0, 10);

/** `YYYY-MM-DD HH:mm` in China time. */
export const chinaMinute = (at: Date | string): string => shifted(at).toISOString().slice(0, 16).replace('T', ' ');

/** `HH:mm` in China time. */
export const chinaClock = (at: Date | string): string => shifted(at).toISOString().slice(11, 16);

/** `11月26日 09:02` in China time, readable at a glance; text that is not a time passes through. */
export function chinaMonthDayTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const d = shifted(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 00:00 China time of a date, as an instant. */
export const chinaMidnight = (date: string): Date => new Date(new Date(`${date}T00:00:00Z`).getTime() - OFFSET_MS);

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Whole days from one date to another (both `YYYY-MM-DD`); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
