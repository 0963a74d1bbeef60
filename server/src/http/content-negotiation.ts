import { createRequire } from 'node:module';

/** negotiator 0.6 (CommonJS, no types shipped): the one method Kith calls. */
type NegotiatorCtor = new (request: { headers: Record<string, string | undefined> }) => {
  /** The most preferred of `available` by the Accept header, or undefined when none is acceptable. */
  mediaType(available?: string[]): string | undefined;
};
const Negotiator = createRequire(import.meta.url)('negotiator') as NegotiatorCtor;

/**
 * Whether a client's Accept header prefers JSON to HTML (RFC 9110 §12.5.1, q-values honoured, by `negotiator`):
 * a browser sends `text/html,…,*\/*;q=0.8` and a link unfurler often nothing, both of which prefer HTML.
 */
export const prefersJson = (accept: string | undefined): boolean =>
  new Negotiator({ headers: { accept } }).mediaType(['text/html', 'application/json']) === 'application/json';
