import { randomBytes } from 'node:crypto';
import { esc } from '../html/escape.ts';
import { renderPage } from '../html/layout.ts';
import { parseCookies, readBody, redirect, send, sendJson, type Route, type RouteContext } from '../http.ts';

export const DEMO_CREDENTIALS = { username: 'demo', password: 'demo-password' } as const;
export const SESSION_COOKIE = 'ts_session';

export interface Order {
  id: string;
  /** ISO date, as shown. */
  date: string;
  status: 'Delivered' | 'Shipped' | 'Processing' | 'Cancelled' | 'Returned';
  /** Number of articles in the order. */
  items: number;
  total: number;
  /** As shown, e.g. "$1,024.50". */
  totalText: string;
}

/** The ten orders /account/orders shows to the demo user, in table order. */
export const DEMO_ORDERS: readonly Order[] = [
  { id: 'ORD-10421', date: '2025-03-02', status: 'Delivered', items: 3, total: 87.47, totalText: '$87.47' },
  { id: 'ORD-10488', date: '2025-03-19', status: 'Delivered', items: 1, total: 1299.99, totalText: '$1,299.99' },
  { id: 'ORD-10502', date: '2025-04-01', status: 'Returned', items: 2, total: 54.0, totalText: '$54.00' },
  { id: 'ORD-10577', date: '2025-04-22', status: 'Delivered', items: 5, total: 212.35, totalText: '$212.35' },
  { id: 'ORD-10613', date: '2025-05-08', status: 'Cancelled', items: 1, total: 19.99, totalText: '$19.99' },
  { id: 'ORD-10690', date: '2025-05-30', status: 'Delivered', items: 4, total: 349.96, totalText: '$349.96' },
  { id: 'ORD-10734', date: '2025-06-14', status: 'Shipped', items: 2, total: 1024.5, totalText: '$1,024.50' },
  { id: 'ORD-10781', date: '2025-06-28', status: 'Shipped', items: 1, total: 9.95, totalText: '$9.95' },
  { id: 'ORD-10803', date: '2025-07-03', status: 'Processing', items: 6, total: 478.12, totalText: '$478.12' },
  { id: 'ORD-10815', date: '2025-07-05', status: 'Processing', items: 2, total: 66.49, totalText: '$66.49' },
];

function loginPage(error?: string): string {
  const main = `<h1>Sign in</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form class="login-form" method="post" action="/login">
<p><label for="username">Username</label><br><input id="username" name="username" type="text" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button id="login" type="submit">Sign in</button></p>
</form>`;
  return renderPage({ title: 'Sign in', main, bodyClass: 'page login', wide: true });
}

function ordersPage(): string {
  const rows = DEMO_ORDERS.map(
    (o) => `<tr class="order" data-order-id="${o.id}"><td class="order-id">${o.id}</td><td class="order-date"><time datetime="${o.date}">${o.date}</time></td><td class="order-status">${o.status}</td><td class="order-items">${o.items}</td><td class="order-total">${o.totalText}</td></tr>`,
  );
  const main = `<h1>Your orders</h1>
<p class="welcome">Signed in as <strong class="username">${DEMO_CREDENTIALS.username}</strong>. <a href="/logout">Sign out</a></p>
<table class="orders">
<thead><tr><th>Order</th><th>Date</th><th>Status</th><th>Items</th><th>Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return renderPage({ title: 'Your orders', main, bodyClass: 'page account', wide: true });
}

function sessionOf(ctx: RouteContext): string | undefined {
  const sid = parseCookies(ctx.req.headers.cookie)[SESSION_COOKIE];
  return sid && ctx.site.sessions.has(sid) ? sid : undefined;
}

async function handleLoginPost(ctx: RouteContext): Promise<void> {
  const form = new URLSearchParams(await readBody(ctx.req));
  if (form.get('username') !== DEMO_CREDENTIALS.username || form.get('password') !== DEMO_CREDENTIALS.password) {
    send(ctx.res, 401, loginPage('Invalid username or password.'));
    return;
  }
  const sid = randomBytes(16).toString('hex');
  ctx.site.sessions.add(sid);
  redirect(ctx.res, 303, '/account/orders', { 'set-cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` });
}

export const authRoutes: Route[] = [
  (ctx) => {
    if (ctx.path !== '/login') return false;
    if (ctx.method === 'POST') {
      handleLoginPost(ctx).catch(() => {
        if (!ctx.res.headersSent) send(ctx.res, 400, loginPage('Could not read the form.'));
      });
    } else send(ctx.res, 200, loginPage());
    return true;
  },
  (ctx) => {
    if (ctx.path !== '/account/orders') return false;
    if (sessionOf(ctx)) send(ctx.res, 200, ordersPage(), undefined, { 'cache-control': 'private, no-store' });
    else redirect(ctx.res, 302, '/login');
    return true;
  },
  (ctx) => {
    if (ctx.path !== '/logout') return false;
    const sid = sessionOf(ctx);
    if (sid) ctx.site.sessions.delete(sid);
    redirect(ctx.res, 303, '/login', { 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0` });
    return true;
  },
  // Cookie plumbing for client tests: /cookie/set?name=a&value=b sets a cookie (and redirects to ?redirect=/path
  // when given), /cookie/echo shows what came back.
  ({ res, path, query }) => {
    if (path !== '/cookie/set') return false;
    const name = query.get('name') ?? 'test';
    const value = query.get('value') ?? '1';
    if (!/^[\w-]{1,64}$/.test(name) || !/^[\w.-]{0,256}$/.test(value)) {
      send(res, 400, 'cookie name or value has characters outside [A-Za-z0-9_.-]', 'text/plain; charset=utf-8');
      return true;
    }
    const cookie = `${name}=${value}; Path=/; SameSite=Lax`;
    const then = query.get('redirect');
    if (then?.startsWith('/') && !then.startsWith('//')) redirect(res, 302, then, { 'set-cookie': cookie });
    else sendJson(res, 200, { set: { [name]: value } }, { 'set-cookie': cookie });
    return true;
  },
  ({ req, res, path }) => {
    if (path !== '/cookie/echo') return false;
    sendJson(res, 200, { cookies: parseCookies(req.headers.cookie) });
    return true;
  },
];
