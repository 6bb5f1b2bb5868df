import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "電子保証", template: "%s | 電子保証" },
  description: "e-Net保証・D-Sure（発注者用保証確認サービス）",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: it carries that request's CSP nonce, and data is never baked in at build.
  await connection();
  return (
    <html lang="ja">
      <body>{children}</body>
    </html>
  );
}
