// negotiator 0.6 ships no types (and @types/negotiator is not installed): the one method Kith calls.
declare module 'negotiator' {
  /** HTTP content negotiation (RFC 9110 §12) over a request's headers. */
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | string[] | undefined> });
    /** The most preferred of `available` by the Accept header, or undefined when none is acceptable. */
    mediaType(available?: string[]): string | undefined;
  }
}
