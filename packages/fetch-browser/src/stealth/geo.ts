/** What a visitor from a country usually shows: its main locale and a timezone of its largest city. */
export interface CountryProfile {
  locale: string;
  timezoneId: string;
}

const COUNTRIES: Record<string, CountryProfile> = {
  us: { locale: 'en-US', timezoneId: 'America/New_York' },
  ca: { locale: 'en-CA', timezoneId: 'America/Toronto' },
  mx: { locale: 'es-MX', timezoneId: 'America/Mexico_City' },
  br: { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' },
  ar: { locale: 'es-AR', timezoneId: 'America/Argentina/Buenos_Aires' },
  cl: { locale: 'es-CL', timezoneId: 'America/Santiago' },
  co: { locale: 'es-CO', timezoneId: 'America/Bogota' },
  gb: { locale: 'en-GB', timezoneId: 'Europe/London' },
  ie: { locale: 'en-IE', timezoneId: 'Europe/Dublin' },
  fr: { locale: 'fr-FR', timezoneId: 'Europe/Paris' },
  de: { locale: 'de-DE', timezoneId: 'Europe/Berlin' },
  at: { locale: 'de-AT', timezoneId: 'Europe/Vienna' },
  ch: { locale: 'de-CH', timezoneId: 'Europe/Zurich' },
  nl: { locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' },
  be: { locale: 'nl-BE', timezoneId: 'Europe/Brussels' },
  es: { locale: 'es-ES', timezoneId: 'Europe/Madrid' },
  pt: { locale: 'pt-PT', timezoneId: 'Europe/Lisbon' },
  it: { locale: 'it-IT', timezoneId: 'Europe/Rome' },
  se: { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' },
  no: { locale: 'nb-NO', timezoneId: 'Europe/Oslo' },
  dk: { locale: 'da-DK', timezoneId: 'Europe/Copenhagen' },
  fi: { locale: 'fi-FI', timezoneId: 'Europe/Helsinki' },
  pl: { locale: 'pl-PL', timezoneId: 'Europe/Warsaw' },
  cz: { locale: 'cs-CZ', timezoneId: 'Europe/Prague' },
  ro: { locale: 'ro-RO', timezoneId: 'Europe/Bucharest' },
  gr: { locale: 'el-GR', timezoneId: 'Europe/Athens' },
  tr: { locale: 'tr-TR', timezoneId: 'Europe/Istanbul' },
  ua: { locale: 'uk-UA', timezoneId: 'Europe/Kyiv' },
  ru: { locale: 'ru-RU', timezoneId: 'Europe/Moscow' },
  il: { locale: 'he-IL', timezoneId: 'Asia/Jerusalem' },
  ae: { locale: 'ar-AE', timezoneId: 'Asia/Dubai' },
  sa: { locale: 'ar-SA', timezoneId: 'Asia/Riyadh' },
  eg: { locale: 'ar-EG', timezoneId: 'Africa/Cairo' },
  za: { locale: 'en-ZA', timezoneId: 'Africa/Johannesburg' },
  ng: { locale: 'en-NG', timezoneId: 'Africa/Lagos' },
  in: { locale: 'en-IN', timezoneId: 'Asia/Kolkata' },
  pk: { locale: 'en-PK', timezoneId: 'Asia/Karachi' },
  cn: { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  hk: { locale: 'zh-HK', timezoneId: 'Asia/Hong_Kong' },
  tw: { locale: 'zh-TW', timezoneId: 'Asia/Taipei' },
  jp: { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
  kr: { locale: 'ko-KR', timezoneId: 'Asia/Seoul' },
  sg: { locale: 'en-SG', timezoneId: 'Asia/Singapore' },
  my: { locale: 'ms-MY', timezoneId: 'Asia/Kuala_Lumpur' },
  th: { locale: 'th-TH', timezoneId: 'Asia/Bangkok' },
  vn: { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' },
  id: { locale: 'id-ID', timezoneId: 'Asia/Jakarta' },
  ph: { locale: 'en-PH', timezoneId: 'Asia/Manila' },
  au: { locale: 'en-AU', timezoneId: 'Australia/Sydney' },
  nz: { locale: 'en-NZ', timezoneId: 'Pacific/Auckland' },
};

/** The profile of a two-letter country code (any case), or undefined for a country this table does not know. */
export function countryProfile(country: string | undefined): CountryProfile | undefined {
  return country === undefined ? undefined : COUNTRIES[country.toLowerCase()];
}

/** Languages a browser set to `locale` sends: the locale, its language, then English as most people's fallback. */
export function languagesFor(locale: string): string[] {
  const language = locale.split('-')[0] as string;
  const out = [locale, language];
  if (language !== 'en') out.push('en-US', 'en');
  return [...new Set(out)];
}
