// fontkit 2 ships no types. pdfkit only needs an object with `layout`, so this declares just what lib/pdf uses.
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
    readonly numGlyphs: number;
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
