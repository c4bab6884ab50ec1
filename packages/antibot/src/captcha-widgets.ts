import { attr, tagsWithClass } from './page-text.ts';
import type { CaptchaInfo } from './types.ts';

const SITEKEY = /^[\w-]{10,100}$/;

function validKey(key: string | undefined): string | undefined {
  return key !== undefined && SITEKEY.test(key) ? key : undefined;
}

/** A sitekey given in script, e.g. `grecaptcha.render('box', { sitekey: '6Lc…' })` or `turnstile.render(el, {sitekey:"0x4…"})`. */
function scriptSiteKey(html: string, api: string): string | undefined {
  const re = new RegExp(`${api}\\.render\\s*\\([\\s\\S]{0,400}?\\bsitekey['"]?\\s*:\\s*['"]([\\w-]{10,100})['"]`, 'i');
  return re.exec(html)?.[1];
}

function widget(html: string, cls: string): { found: boolean; siteKey?: string } {
  const tags = tagsWithClass(html, cls);
  for (const tag of tags) {
    const key = validKey(attr(tag, 'data-sitekey'));
    if (key) return { found: true, siteKey: key };
  }
  return { found: tags.length > 0 };
}

function withKey(type: CaptchaInfo['type'], siteKey: string | undefined, action?: string): CaptchaInfo {
  return { type, ...(siteKey ? { siteKey } : {}), ...(action ? { action } : {}) };
}

/**
 * The CAPTCHA a page shows, if any: a widget element (g-recaptcha, h-captcha, cf-turnstile) or a widget
 * rendered by script. reCAPTCHA v3 (invisible, `api.js?render=<sitekey>`) is reported too, but callers decide
 * whether an invisible score check is a block.
 */
export function findCaptcha(html: string): CaptchaInfo | undefined {
  if (!/recaptcha|hcaptcha|h-captcha|turnstile/i.test(html)) return undefined;
  const turnstile = widget(html, 'cf-turnstile');
  const turnstileScript = /challenges\.cloudflare\.com\/turnstile\//i.test(html);
  if (turnstile.found || (turnstileScript && /turnstile\.render\s*\(/.test(html))) {
    return withKey('turnstile', turnstile.siteKey ?? scriptSiteKey(html, 'turnstile'));
  }
  const hcaptcha = widget(html, 'h-captcha');
  if (hcaptcha.found || (/hcaptcha\.com\/1\/api\.js/i.test(html) && /hcaptcha\.render\s*\(/.test(html))) {
    return withKey('hcaptcha', hcaptcha.siteKey ?? scriptSiteKey(html, 'hcaptcha'));
  }
  const recaptcha = widget(html, 'g-recaptcha');
  const recaptchaScript = /(?:google\.com|recaptcha\.net)\/recaptcha\/(?:api|enterprise)\.js/i.exec(html);
  const v3Key = /\/recaptcha\/(?:api|enterprise)\.js\?(?:[^"'\s>]{0,300}?&(?:amp;)?)?render=([\w-]{10,100})/i.exec(html)?.[1];
  const action = /grecaptcha(?:\.enterprise)?\.execute\s*\([^)]{0,300}?\baction\s*:\s*['"]([\w/]{1,100})['"]/i.exec(html)?.[1];
  if (recaptcha.found && attr(tagsWithClass(html, 'g-recaptcha')[0] ?? '', 'data-size') !== 'invisible') {
    return withKey('recaptcha-v2', recaptcha.siteKey);
  }
  if (v3Key) return withKey('recaptcha-v3', v3Key, action);
  if (recaptcha.found || (recaptchaScript && /grecaptcha\.render\s*\(/.test(html))) {
    return withKey('recaptcha-v2', recaptcha.siteKey ?? scriptSiteKey(html, 'grecaptcha'));
  }
  return undefined;
}
