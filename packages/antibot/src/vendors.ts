import type { BlockKind } from './types.ts';

/** What the vendor detectors look at, computed once per response. */
export interface ResponseFacts {
  status: number;
  /** 403, 429 or 503: the statuses bot walls answer with. */
  blockStatus: boolean;
  header(name: string): string | undefined;
  /** The body, or its head and tail when huge. */
  html: string;
  title: string;
  /** Visible text, entities decoded. */
  text: string;
  setCookie: string;
}

export interface VendorMatch {
  kind: BlockKind;
  /** Human-readable list of the markers found. */
  markers: string[];
  vendor: string;
  /** True when a marker seen only on challenge pages was found (not just a vendor's cookie or header). */
  challenge: boolean;
}

type Marker = [label: string, test: (f: ResponseFacts) => boolean];

/** `strong` markers only appear on challenge pages (any status); `weak` ones also on normal pages, so they need a block status. */
interface Vendor {
  kind: BlockKind;
  name: string;
  strong: Marker[];
  weak: Marker[];
}

const has = (re: RegExp): ((f: ResponseFacts) => boolean) => (f) => re.test(f.html);

const VENDORS: Vendor[] = [
  {
    kind: 'cloudflare', name: 'Cloudflare',
    strong: [
      ['cf-mitigated: challenge', (f) => /challenge/i.test(f.header('cf-mitigated') ?? '')],
      ['challenge script (_cf_chl_opt)', has(/_cf_chl_opt\b/)],
      ['challenge token (__cf_chl)', has(/__cf_chl_/)],
      ['challenge platform (/cdn-cgi/challenge-platform/)', has(/\/cdn-cgi\/challenge-platform\//)],
      ['challenge element (cf-chl-)', has(/\b(?:id|class)\s*=\s*["'][^"']*\bcf-chl-/i)],
    ],
    weak: [
      ['title "Just a moment..."', (f) => /^just a moment\b/i.test(f.title)],
      ['title "Attention Required! | Cloudflare"', (f) => /attention required!?\s*\|\s*cloudflare/i.test(f.title)],
      ['Cloudflare block page (cf-error-details)', has(/\bcf-error-details\b|sorry, you have been blocked/i)],
    ],
  },
  {
    kind: 'akamai', name: 'Akamai',
    strong: [
      ['Bot Manager challenge (/_sec/cp_challenge/)', has(/\/_sec\/cp_challenge\//)],
      ['Bot Manager challenge container (sec-if-cpt-container)', has(/\bsec-if-cpt-container\b/)],
      ['bm-verify', has(/\bbm-verify\b/)],
    ],
    weak: [
      ['"Access Denied" with an edge reference #', (f) => /access denied/i.test(f.title) && /Reference #\d+\.[0-9a-f]+\.\d+\.[0-9a-f]+/i.test(f.text)],
      ['errors.edgesuite.net', (f) => /errors\.edgesuite\.net/.test(f.text) || /errors\.edgesuite\.net/.test(f.html)],
      ['Bot Manager cookie (_abck / ak_bmsc)', (f) => /(?:^|[\s,;])(?:_abck|ak_bmsc|bm_sz)=/.test(f.setCookie) || /\b_abck\b|\bak_bmsc\b/.test(f.html)],
      ['server: AkamaiGHost', (f) => /akamaighost/i.test(f.header('server') ?? '') && f.status === 403],
    ],
  },
  {
    kind: 'perimeterx', name: 'PerimeterX (HUMAN)',
    strong: [
      ['px-captcha element', has(/\bid\s*=\s*["']px-captcha["']|\bpx-captcha\b/)],
      ['_pxCaptcha', has(/_pxCaptcha/)],
      ['captcha.px-cdn.net', has(/captcha\.px-cdn\.net/)],
    ],
    weak: [
      ['PerimeterX app id (_pxAppId)', has(/_pxAppId\b|window\._px\w*\s*=/)],
      ['PerimeterX cookie (_px)', (f) => /(?:^|[\s,;])_px(?:hd|3|2|vid)?=/.test(f.setCookie)],
      ['"Press & Hold"', has(/press\s*(?:&amp;|&)\s*hold/i)],
    ],
  },
  {
    kind: 'datadome', name: 'DataDome',
    strong: [
      ['captcha-delivery.com', has(/captcha-delivery\.com/)],
      ['DataDome challenge config (var dd=)', has(/\bvar\s+dd\s*=\s*\{[^}]{0,200}?['"]?(?:rt|cid)['"]?\s*:/)],
    ],
    weak: [
      ['x-datadome header', (f) => f.header('x-datadome') !== undefined || f.header('x-dd-b') !== undefined],
      ['datadome cookie', (f) => /(?:^|[\s,;])datadome=/i.test(f.setCookie)],
      ['"datadome" in the page', has(/datadome/i)],
    ],
  },
  {
    kind: 'generic', name: 'Imperva (Incapsula)',
    strong: [['_Incapsula_Resource', has(/_Incapsula_Resource/)]],
    weak: [
      ['Incapsula incident ID', has(/incapsula incident id/i)],
      ['x-iinfo header', (f) => f.header('x-iinfo') !== undefined],
    ],
  },
  {
    kind: 'generic', name: 'Kasada',
    strong: [],
    weak: [['x-kpsdk header', (f) => f.header('x-kpsdk-ct') !== undefined || f.header('x-kpsdk-r') !== undefined || /\/ips\.js\?/.test(f.html) && /kpsdk/i.test(f.html)]],
  },
];

/** The first anti-bot vendor whose challenge or block this response is, with the markers that show it. */
export function matchVendor(f: ResponseFacts): VendorMatch | undefined {
  for (const v of VENDORS) {
    const strong = v.strong.filter(([, test]) => test(f)).map(([label]) => label);
    const weak = f.blockStatus ? v.weak.filter(([, test]) => test(f)).map(([label]) => label) : [];
    if (strong.length || weak.length) return { kind: v.kind, vendor: v.name, markers: [...strong, ...weak], challenge: strong.length > 0 };
  }
  return undefined;
}
