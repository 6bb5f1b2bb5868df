// Reads back what a PDF says, as a person copying its text would get it: pdfjs-dist's legacy build runs in Node and,
// with no worker configured, parses in this process.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type ExtractedPdf = {
  pageCount: number;
  /** Text of each page; lines end with "\n". */
  pages: string[];
  /** All pages' text with every whitespace removed, for matching values drawn one cell at a time. */
  compact: string;
  info: { Title?: string; Author?: string; Subject?: string; CreationDate?: string };
};

export async function extractPdf(bytes: Uint8Array): Promise<ExtractedPdf> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""),
      );
    }
    const { info } = await pdf.getMetadata();
    return {
      pageCount: pdf.numPages,
      pages,
      compact: pages.join("").replace(/\s+/g, ""),
      info: info as ExtractedPdf["info"],
    };
  } finally {
    await pdf.destroy();
  }
}
