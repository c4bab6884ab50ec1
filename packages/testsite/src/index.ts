export { startTestSite, type TestSite, type TestSiteOptions } from './server.ts';
export type { GroundTruth, Item, ItemDetail } from './catalog.ts';
export type { LoggedRequest } from './stats.ts';
export { DEMO_CREDENTIALS, DEMO_ORDERS, SESSION_COOKIE, type Order } from './routes/auth.ts';
export { CLEARANCE_COOKIE, clearanceToken } from './routes/botwall.ts';
export { CHARSET_CASES, type CharsetCase } from './routes/charsets.ts';
export { MESSY_FIELDS, MESSY_HTML, type MessyField } from './routes/messy.ts';
export { ROBOTS_TXT, SCROLL_TOTAL } from './routes/catalog-routes.ts';
export {
  COMPRESSED_VALUES, MAX_HANG_MS, MAX_HUGE_MB, MAX_REDIRECT_CHAIN, MAX_SLOW_MS, REDIRECT_END_VALUE, TRUNCATED, faultValue,
} from './routes/faults.ts';
