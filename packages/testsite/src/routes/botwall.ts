import { mixSeed } from '../prng.ts';
import { numberAfter, parseCookies, send, sendAscii, type Route } from '../http.ts';
import { listingHtml } from './catalog-routes.ts';

export const CLEARANCE_COOKIE = 'cf_clearance';

function nonceOf(seed: number): string {
  return mixSeed(seed, 0xcf).toString(16).padStart(8, '0');
}

/**
 * The cf_clearance value the challenge script computes for a seed: the reversed nonce, a dot, and
 * (nonce * 31 + 7) mod 2^32 in base 36. Only running the page's JavaScript (or knowing this rule) yields it.
 */
export function clearanceToken(seed: number): string {
  const nonce = nonceOf(seed);
  const n = (Math.imul(parseInt(nonce, 16), 31) + 7) >>> 0;
  return `${nonce.split('').reverse().join('')}.${n.toString(36)}`;
}

/** A Cloudflare-style interstitial: the inline script sets the clearance cookie and reloads. */
export function challengePage(seed: number, path: string): string {
  const nonce = nonceOf(seed);
  const ray = `${mixSeed(seed, 0x7a7).toString(16).padStart(8, '0')}${nonce}`;
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15;color:#313131;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}body{display:flex;flex-direction:column;height:100vh;min-height:100vh}.main-content{margin:8rem auto;max-width:60rem;padding-left:1.5rem;padding-right:1.5rem;width:100%}.h1{font-size:2.5rem;font-weight:500;line-height:3.75rem}.h2{font-size:1.5rem;font-weight:500;line-height:2.25rem}.core-msg{font-size:1rem;line-height:1.5rem;margin:2rem 0}.footer{margin:0 auto;max-width:60rem;padding:0 1.5rem;font-size:.75rem;line-height:1.125rem}.spinner{width:2rem;height:2rem;border:3px solid #ccc;border-top-color:#f38020;border-radius:50%;animation:spin 1s linear infinite}@keyframes spin{to{transform:rotate(360deg)}}</style>
</head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">Scrapifie Test Shop</h1>
<h2 id="challenge-running" class="h2">Checking if the site connection is secure</h2>
<div class="spinner" aria-hidden="true"></div>
<noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"></span>Enable JavaScript and cookies to continue</div></div></noscript>
<div id="challenge-body-text" class="core-msg spacer">Scrapifie Test Shop needs to review the security of your connection before proceeding.</div>
<form id="challenge-form" action="${path}?__cf_chl_f_tk=${nonce}" method="POST" enctype="application/x-www-form-urlencoded"><input type="hidden" name="md" value="${ray}"></form>
</div></div>
<script>(function(){window._cf_chl_opt={cvId:'3',cZone:location.hostname,cType:'managed',cNounce:'${nonce}',cRay:'${ray}',cFPWv:'b',cTTimeMs:'1000',cMTimeMs:'120000'};
var n=window._cf_chl_opt.cNounce;var v=(Math.imul(parseInt(n,16),31)+7)>>>0;
var t=n.split('').reverse().join('')+'.'+v.toString(36);
document.cookie='${CLEARANCE_COOKIE}='+t+'; path=/; SameSite=Lax';
document.body.className='js';
setTimeout(function(){location.reload()},200);
})();</script>
<div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>${ray}</code></div></div><div class="text-center" id="footer-text">Performance &amp; security by <a rel="noopener noreferrer" href="https://www.cloudflare.com" target="_blank">Cloudflare</a></div></div></div>
</body></html>`;
}

/** /protected/list/N: a 403 challenge without the clearance cookie, the normal listing with it. */
export const botWallRoute: Route = ({ req, res, path, site }) => {
  const page = numberAfter(path, '/protected/list/');
  if (page === undefined || page > site.pages) return false;
  if (parseCookies(req.headers.cookie)[CLEARANCE_COOKIE] === clearanceToken(site.seed)) {
    sendAscii(res, 200, listingHtml(site, page, 'protected') as string);
  } else {
    send(res, 403, challengePage(site.seed, path), undefined, {
      'cf-mitigated': 'challenge',
      'cf-ray': `${mixSeed(site.seed, page).toString(16)}-AMS`,
      server: 'cloudflare',
      'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
    });
  }
  return true;
};
