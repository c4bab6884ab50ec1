/**
 * Dates out of human text, parsed explicitly (never Date.parse, whose free-text rules differ between engines),
 * so Node and the browser agree.
 *
 * The date is the first of these found in the text (words around it are ignored, e.g. "Posted on 12 March 2024"):
 *  - ISO 8601: "2024-03-12", "2024-03-12T10:05", "2024-03-12 10:05:30+01:00", "...Z"
 *  - day, month name, year: "12 March 2024", "12th of Mar, 2024", RFC 2822 "Tue, 12 Mar 2024 10:00:00 GMT"
 *  - month name, day, year: "March 12, 2024", "Mar 12 2024", "Sunday, March 10th, 2024 at 3:45 PM"
 *  - numeric with "/", "." or "-": "2024/03/12" (a four-digit first part is always year-month-day), and
 *    "12/03/2024" read with `order` (dmy or mdy). With the default order "ymd", a year-last date is read as
 *    day-first when the first part is over 12, month-first when the second is, and is otherwise ambiguous (null).
 *    Two-digit years: 00-49 are 20xx, 50-99 are 19xx. Parts follow `order` when no part has four digits.
 * English month names only. A time (hh:mm[:ss], optional am/pm) may follow the date, and a zone after it
 * (Z, UTC, UT, GMT, +hh:mm, +hhmm, EST/EDT/CST/CDT/MST/MDT/PST/PDT).
 *
 * Result: "YYYY-MM-DD" for a date; "YYYY-MM-DDTHH:MM:SS" for a date and time without zone (local time of the
 * site, unknown to us: not converted); "YYYY-MM-DDTHH:MM:SSZ" when a zone is given (converted to UTC).
 * Fractions of seconds are dropped. Impossible dates (2023-02-29, 13/13/2024) and unreadable text give null.
 */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ZONE = '(z|utc|ut|gmt|[ecmp][sd]t|(?:utc|gmt)?[+-]\\d{2}:?\\d{2})';
const TIME = `(?:(?:,?\\s+(?:at\\s+)?|t)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?(?:\\s*([ap])\\.?m\\.?)?(?:\\s*${ZONE})?(?![\\w:]))?`;
const ORD = '(?:st|nd|rd|th)?';

const PATTERNS: ReadonlyArray<{ re: RegExp; kind: 'iso' | 'dmy-name' | 'mdy-name' | 'numeric' }> = [
  { kind: 'iso', re: new RegExp(`(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})${TIME}`, 'i') },
  { kind: 'dmy-name', re: new RegExp(`(?<!\\d)(\\d{1,2})${ORD}\\.?\\s+(?:of\\s+)?${MONTH}\\b\\.?,?\\s+(\\d{4}|\\d{2})(?!\\d)${TIME}`, 'i') },
  { kind: 'mdy-name', re: new RegExp(`\\b${MONTH}\\b\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4}|\\d{2})(?!\\d)${TIME}`, 'i') },
  { kind: 'numeric', re: new RegExp(`(?<!\\d)(\\d{1,4})([/.-])(\\d{1,2})\\2(\\d{1,4})(?!\\d)${TIME}`, 'i') },
];

const ZONE_OFFSETS: Record<string, number> = { z: 0, utc: 0, ut: 0, gmt: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parseDate(text: string, order: DateOrder = 'ymd'): string | null {
  let best: { m: RegExpExecArray; kind: (typeof PATTERNS)[number]['kind'] } | null = null;
  for (const { re, kind } of PATTERNS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.m.index)) best = { m, kind };
  }
  if (!best) return null;
  const { m, kind } = best;
  const g = (i: number): string => m[i] ?? '';
  let date: DateParts | null;
  let timeAt: number;
  switch (kind) {
    case 'iso':
      date = { year: Number(g(1)), month: Number(g(2)), day: Number(g(3)) };
      timeAt = 4;
      break;
    case 'dmy-name':
      date = { year: fullYear(g(3)), month: monthNumber(g(2)), day: Number(g(1)) };
      timeAt = 4;
      break;
    case 'mdy-name':
      date = { year: fullYear(g(3)), month: monthNumber(g(1)), day: Number(g(2)) };
      timeAt = 4;
      break;
    case 'numeric':
      date = numericDate(g(1), g(3), g(4), order);
      timeAt = 5;
      break;
  }
  if (!date || !validDate(date)) return null;
  const ymd = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
  if (g(timeAt) === '') return ymd;
  return withTime(date, ymd, g(timeAt), g(timeAt + 1), g(timeAt + 2), g(timeAt + 3), g(timeAt + 4));
}

function numericDate(a: string, b: string, c: string, order: DateOrder): DateParts | null {
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c) };
  if (a.length === 3 || c.length === 3 || (c.length === 4 && a.length > 2)) return null;
  const [x, y] = [Number(a), Number(b)];
  if (c.length === 4 && order === 'ymd') {
    if (x > 12 && y <= 12) return { year: Number(c), month: y, day: x };
    if (y > 12 && x <= 12) return { year: Number(c), month: x, day: y };
    return null;
  }
  if (order === 'ymd') return { year: fullYear(a), month: y, day: Number(c) };
  if (order === 'dmy') return { year: fullYear(c), month: y, day: x };
  return { year: fullYear(c), month: x, day: y };
}

function withTime(date: DateParts, ymd: string, hh: string, mi: string, ss: string, ampm: string, zone: string): string | null {
  let hour = Number(hh);
  const minute = Number(mi);
  const second = ss === '' ? 0 : Number(ss);
  if (ampm !== '') {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = `${ymd}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (zone === '') return local;
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  utc.setUTCHours(hour, minute - offset, second, 0);
  return utc.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function zoneOffsetMinutes(zone: string): number | null {
  const z = zone.toLowerCase();
  const named = ZONE_OFFSETS[z];
  if (named !== undefined) return named;
  const m = /^(?:utc|gmt)?([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function monthNumber(name: string): number {
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  return months.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function fullYear(y: string): number {
  if (y.length !== 2) return Number(y);
  const n = Number(y);
  return n < 50 ? 2000 + n : 1900 + n;
}

function validDate({ year, month, day }: DateParts): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
