import "server-only";
import { env } from "@/lib/env";
import type { RenderedMail } from "../types";

/** What every template needs besides its data: where the service lives and who sends the mail. */
export interface MailContext {
  /** PUBLIC_BASE_URL — every link in a mail starts with it. */
  baseUrl: string;
  /** SURETY_NAME — signs every mail. */
  suretyName: string;
}

export function mailContextFromEnv(): MailContext {
  const e = env();
  return { baseUrl: e.PUBLIC_BASE_URL, suretyName: e.SURETY_NAME };
}

/** The pieces a mail body is made of; each renders to plain text and to HTML the same way in every mail. */
export type MailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "fields"; rows: ReadonlyArray<readonly [label: string, value: string]> }
  | { kind: "link"; label: string; url: string }
  | { kind: "steps"; items: readonly string[] }
  | { kind: "important"; text: string };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An absolute link into the service (keeps a path prefix of PUBLIC_BASE_URL, unlike `new URL(path, base)`). */
export function serviceUrl(ctx: MailContext, path: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/**
 * A link handed over by the caller (the password-setting link) must point to this service's origin: a mail never
 * carries a link to anywhere else.
 */
export function assertServiceUrl(ctx: MailContext, url: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error("mail link is not an absolute URL");
  }
  if (target.origin !== new URL(ctx.baseUrl).origin) throw new Error("mail link does not point to PUBLIC_BASE_URL");
  return url;
}

const RULE = "────────────────────────────────";

function signature(ctx: MailContext): string[] {
  return [
    ctx.suretyName,
    "インターネット保証サービス e-Net保証 ／ 電子保証",
    serviceUrl(ctx, "/"),
    "",
    "※このメールは送信専用のアドレスからお送りしています。ご返信いただいてもお答えできませんので、",
    "  お問い合わせは担当の支店・営業所までお願いいたします。",
    "※お心当たりのない場合は、お手数ですが本メールを破棄してください。",
  ];
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "important":
      return `【重要】${block.text}`;
    case "fields":
      return block.rows.map(([label, value]) => `  ${label}：${value}`).join("\n");
    case "link":
      return `▼${block.label}\n${block.url}`;
    case "steps":
      return block.items.map((item, i) => `  ${i + 1}. ${item}`).join("\n");
  }
}

const STYLE = {
  body: "margin:0;padding:24px;background:#f4f5f7;font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif;color:#1a1a1c;line-height:1.8;font-size:15px",
  card: "max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d8d8db;border-radius:8px;padding:24px 28px",
  h1: "font-size:18px;margin:0 0 16px;color:#1a1a1c",
  p: "margin:0 0 16px;white-space:pre-line",
  table: "border-collapse:collapse;margin:0 0 16px;width:100%",
  th: "text-align:left;vertical-align:top;padding:6px 12px 6px 0;color:#555;font-weight:normal;white-space:nowrap",
  td: "padding:6px 0;font-weight:bold",
  button:
    "display:inline-block;background:#0031d8;color:#ffffff;text-decoration:none;padding:10px 20px;border-radius:6px;font-weight:bold",
  important: "margin:0 0 16px;padding:12px 16px;border-left:4px solid #ec0000;background:#fdeeee;white-space:pre-line",
  sig: "margin:24px 0 0;padding-top:16px;border-top:1px solid #d8d8db;font-size:13px;color:#555;white-space:pre-line",
};

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="${STYLE.p}">${escapeHtml(block.text)}</p>`;
    case "important":
      return `<p style="${STYLE.important}"><strong>【重要】</strong>${escapeHtml(block.text)}</p>`;
    case "fields":
      return `<table role="presentation" style="${STYLE.table}">${block.rows
        .map(([label, value]) => `<tr><th scope="row" style="${STYLE.th}">${escapeHtml(label)}</th><td style="${STYLE.td}">${escapeHtml(value)}</td></tr>`)
        .join("")}</table>`;
    case "link":
      return `<p style="${STYLE.p}"><a href="${escapeHtml(block.url)}" style="${STYLE.button}">${escapeHtml(block.label)}</a><br><span style="font-size:13px;color:#555;word-break:break-all">${escapeHtml(block.url)}</span></p>`;
    case "steps":
      return `<ol style="margin:0 0 16px;padding-left:1.5em">${block.items.map((item) => `<li style="margin:0 0 6px">${escapeHtml(item)}</li>`).join("")}</ol>`;
  }
}

/**
 * Builds the plain-text and HTML parts of a mail from the same blocks, addressed to `to` (one line per name, the
 * last one taking 様 or 御中 as given), with the common signature. Every value is escaped in the HTML part.
 */
export function composeMail(ctx: MailContext, mail: { subject: string; to: readonly string[]; blocks: readonly MailBlock[] }): RenderedMail {
  const text = [
    mail.to.join("\n"),
    "",
    ...mail.blocks.flatMap((b) => [blockText(b), ""]),
    RULE,
    ...signature(ctx),
    RULE,
    "",
  ].join("\n");

  const html = [
    "<!DOCTYPE html>",
    '<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(mail.subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    `<h1 style="${STYLE.h1}">${escapeHtml(mail.subject)}</h1>`,
    `<p style="${STYLE.p}">${escapeHtml(mail.to.join("\n"))}</p>`,
    ...mail.blocks.map(blockHtml),
    `<p style="${STYLE.sig}">${escapeHtml(signature(ctx).join("\n"))}</p>`,
    "</div></body></html>",
  ].join("\n");

  return { subject: mail.subject, text, html };
}
