import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

/**
 * Noto Sans JP (SIL Open Font License 1.1) as static TrueType files from the npm package
 * `@expo-google-fonts/noto-sans-jp`. It covers JIS X 0208 and the JIS X 0213 kanji outside the BMP such as 𠮷 (U+20BB7),
 * which 工事名 and 商号 do contain. The fontsource package's WOFF2 files are not usable: fontkit's subsetter copies raw
 * `glyf` bytes, which WOFF2 stores transformed, so pdfkit would embed empty glyphs (lib/pdf/README.md).
 */
const FONT_PACKAGE = "@expo-google-fonts/noto-sans-jp";
const FONT_FILES = {
  regular: "400Regular/NotoSansJP_400Regular.ttf",
  bold: "700Bold/NotoSansJP_700Bold.ttf",
} as const;

export type PdfFonts = { regular: fontkit.Font; bold: fontkit.Font };

let cached: PdfFonts | undefined;

function fontPackageDir(): string {
  // Resolved from the app's root at run time rather than through a static import, so bundlers leave the 5 MB font
  // files where they are and no copy is committed.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
}

function load(file: string): fontkit.Font {
  return fontkit.create(fs.readFileSync(file));
}

/**
 * The parsed fonts, read once per process. Parsing takes a few milliseconds, but fontkit also caches glyphs and
 * layout tables on the font object, which is what keeps a warm render at a few milliseconds.
 */
export function getPdfFonts(): PdfFonts {
  if (!cached) {
    const dir = fontPackageDir();
    cached = { regular: load(path.join(dir, FONT_FILES.regular)), bold: load(path.join(dir, FONT_FILES.bold)) };
  }
  return cached;
}
