/** The part of `vcf` (2.x, no type declarations of its own) that bench:vcard-readers uses. */
declare module 'vcf' {
  interface Property {
    valueOf(): string;
  }
  class VCF {
    static parse(text: string): VCF[];
    get(name: string): Property | Property[] | undefined;
  }
  export default VCF;
}
