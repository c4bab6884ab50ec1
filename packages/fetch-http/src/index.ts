export { HttpFetcher, createHttpFetcher, type HttpFetcherOptions } from './http-fetcher.ts';
