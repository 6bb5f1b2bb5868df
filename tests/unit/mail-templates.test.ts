import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { renderMail, type MailContext } from "@/lib/mail/templates";
import type { MailInput } from "@/lib/mail/types";

const ctx: MailContext = { baseUrl: "https://hosho.example.jp/portal", suretyName: "テスト建設業保証株式会社" };

/** Markup that must come out as text in the HTML part. */
const EVIL = `<script>alert("x")</script>&'"`;

const SAMPLES: { mail: MailInput; subject: string; mustSay: string[] }[] = [
  {
    mail: { template: "REGISTRATION_RECEIVED", data: { companyName: "株式会社𠮷田建設", contactName: "山田 太郎" } },
    subject: "ID登録申請受付のお知らせ",
    mustSay: ["株式会社𠮷田建設", "山田 太郎 様", "ID登録申請を受け付けました"],
  },
  {
    mail: {
      template: "ID_REGISTERED",
      data: {
        companyName: "株式会社𠮷田建設",
        userName: "山田 太郎",
        customerId: "yoshida-01",
        setupUrl: "https://hosho.example.jp/portal/enet/password/setup?token=SETUP-TOKEN-abc123",
      },
    },
    subject: "ID登録のお知らせ",
    mustSay: ["お客様ID", "yoshida-01", "パスワードを設定", "24時間", "一度だけ", "パスワードをお忘れの方"],
  },
  {
    mail: {
      template: "PASSWORD_RESET",
      data: {
        companyName: "株式会社𠮷田建設",
        userName: "山田 太郎",
        customerId: "yoshida-01",
        resetUrl: "https://hosho.example.jp/portal/enet/setup-password?token=LINK-TOKEN-MADE-AT-SEND",
      },
    },
    subject: "パスワード再設定のお知らせ",
    mustSay: ["お客様ID", "yoshida-01", "パスワードを設定", "1時間", "一度だけ", "お心当たりのない場合"],
  },
  {
    mail: {
      template: "STAFF_REGISTERED",
      data: { name: "新人 四郎", staffId: "staff-shinjin", roleLabel: "承認者", setupUrl: "https://hosho.example.jp/portal/admin/setup-password?token=LINK-TOKEN-MADE-AT-SEND" },
    },
    subject: "職員ID登録のお知らせ",
    mustSay: ["職員ID", "staff-shinjin", "承認者", "パスワードを設定", "24時間", "二段階認証"],
  },
  {
    mail: { template: "APPLICATION_RECEIVED", data: { companyName: "株式会社𠮷田建設", workName: "市道1号線舗装工事", applicationId: crypto.randomUUID() } },
    subject: "保証申込受付のお知らせ",
    mustSay: ["株式会社𠮷田建設 御中", "市道1号線舗装工事", "受け付けました"],
  },
  {
    mail: {
      template: "APPLICATION_RETURNED",
      data: { companyName: "株式会社𠮷田建設", workName: "市道1号線舗装工事", reason: "工期の終期が契約書と異なります。", applicationId: crypto.randomUUID() },
    },
    subject: "差戻しのお知らせ",
    mustSay: ["差戻しの理由", "工期の終期が契約書と異なります。", "市道1号線舗装工事"],
  },
  {
    mail: {
      template: "APPLICATION_RETURNED",
      data: {
        companyName: "株式会社𠮷田建設",
        workName: "市道1号線舗装工事",
        reason: "変更契約書の写しを添付してください。",
        applicationId: crypto.randomUUID(),
        changeOf: { contractNumber: "2024-0001234-5", changeLabel: "増額" },
      },
    },
    subject: "差戻しのお知らせ",
    mustSay: ["保証契約締結後の変更", "2024-0001234-5", "増額", "変更契約書の写しを添付してください。"],
  },
  {
    mail: {
      template: "CERTIFICATE_REGISTERED",
      data: { companyName: "株式会社𠮷田建設", contractNumber: "2024-0001234-5", workName: "市道1号線舗装工事", guaranteeTypeLabel: "前払金保証" },
    },
    subject: "電子証書・認証キー登録のお知らせ",
    mustSay: [
      "2024-0001234-5",
      "前払金保証",
      "電子証書の確認はこちら",
      "保証契約番号をクリック",
      "「認証キー」をクリック",
      "「認証キー等のお知らせ」（PDFファイル）をダウンロード",
      "発注者へ提出",
      "誤って提出しない",
      "認証キーは安全のため、このメールには記載していません",
    ],
  },
  {
    mail: {
      template: "CERTIFICATE_CHANGED",
      data: { companyName: "株式会社𠮷田建設", contractNumber: "2024-0001234-5", workName: "市道1号線舗装工事", version: 2, changeLabel: "増額" },
    },
    subject: "変更後の電子証書登録のお知らせ",
    mustSay: ["第2版", "増額", "2024-0001234-5"],
  },
  {
    mail: { template: "FEE_STATEMENT_ISSUED", data: { companyName: "株式会社𠮷田建設", month: "2024-12", statementId: crypto.randomUUID() } },
    subject: "保証料計算書発行のお知らせ",
    mustSay: ["保証料計算書", "2024年12月"],
  },
  {
    mail: {
      template: "KEY_NOTICE_TO_ORDERER",
      data: {
        subject: "【電子保証】認証キー等のお知らせ（2024-0001234-5）",
        ordererName: "鹿児島市",
        departmentName: "道路建設課",
        companyName: "株式会社𠮷田建設",
        contractNumber: "2024-0001234-5",
        workName: "市道1号線舗装工事",
      },
    },
    subject: "【電子保証】認証キー等のお知らせ（2024-0001234-5）",
    mustSay: ["鹿児島市", "道路建設課 ご担当者様", "D-Sure（発注者用保証確認サービス）", "添付", "アカウント登録は不要"],
  },
];

const CERTIFICATE_REGISTERED_SAMPLE = SAMPLES.find((s) => s.mail.template === "CERTIFICATE_REGISTERED")!.mail;

function urlsIn(s: string): string[] {
  return s.match(/https?:\/\/[^\s"'<>）]+/g) ?? [];
}

/** A 認証キー as generated (16 Crockford base32 characters), bare or in groups of four. */
const KEY_LIKE = /\b[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}\b/;

describe.each(SAMPLES)("mail $mail.template", ({ mail, subject, mustSay }) => {
  const rendered = renderMail(mail, ctx);

  it(`has the Japanese subject 「${subject}」`, () => {
    expect(rendered.subject).toBe(subject);
  });

  it("says what the recipient needs, in both parts, and is signed by the surety", () => {
    for (const phrase of mustSay) {
      expect(rendered.text).toContain(phrase);
      expect(rendered.html).toContain(phrase);
    }
    expect(rendered.text).toContain(ctx.suretyName);
    expect(rendered.html).toContain(ctx.suretyName);
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
    expect(rendered.text).not.toMatch(/<[a-z][^>]*>/i);
  });

  it("links only into the service, under PUBLIC_BASE_URL", () => {
    const urls = [...urlsIn(rendered.text), ...urlsIn(rendered.html)];
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.startsWith(`${ctx.baseUrl}/`) || u === ctx.baseUrl).toBe(true);
  });

  it("contains nothing that looks like a 認証キー, a password or a token (except the setup link)", () => {
    for (const part of [rendered.subject, rendered.text, rendered.html]) {
      expect(part).not.toMatch(KEY_LIKE);
      expect(part).not.toMatch(/パスワード[：:]/);
      const link =
        mail.template === "ID_REGISTERED" || mail.template === "STAFF_REGISTERED"
          ? mail.data.setupUrl
          : mail.template === "PASSWORD_RESET"
            ? mail.data.resetUrl
            : null;
      const withoutSetupLink = link ? part.split(link).join("") : part;
      expect(withoutSetupLink).not.toMatch(/token/i);
    }
  });

  it("escapes every value in the HTML part", () => {
    const data = Object.fromEntries(
      Object.entries(mail.data).map(([k, v]) => [k, typeof v === "string" && k !== "setupUrl" && k !== "resetUrl" ? `${v}${EVIL}` : v]),
    );
    const html = renderMail({ ...mail, data } as MailInput, ctx).html;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;&#34;");
  });
});

describe("ID登録のお知らせ", () => {
  const data = { companyName: "A社", userName: "B", customerId: "a-01" };

  it("carries the single-use password-setting link, once in each part", () => {
    const setupUrl = `${ctx.baseUrl}/enet/password/setup?token=abcdef0123456789`;
    const { text, html } = renderMail({ template: "ID_REGISTERED", data: { ...data, setupUrl } }, ctx);
    expect(text.split(setupUrl).length - 1).toBe(1);
    expect(html).toContain(`href="${setupUrl}"`);
  });

  it("refuses a setup link that points outside PUBLIC_BASE_URL's origin", () => {
    for (const setupUrl of [
      "https://evil.example/enet/password/setup?token=x",
      "http://hosho.example.jp/portal/enet/password/setup?token=x",
      "https://hosho.example.jp.evil.example/portal/enet/password/setup",
      "javascript:alert(1)",
      "/enet/password/setup",
    ]) {
      expect(() => renderMail({ template: "ID_REGISTERED", data: { ...data, setupUrl } }, ctx)).toThrow();
    }
  });
});

describe("電子証書・認証キー登録のお知らせ", () => {
  it("links to the certificates of e-Net保証", () => {
    const { text, html } = renderMail(CERTIFICATE_REGISTERED_SAMPLE, ctx);
    expect(text).toContain("https://hosho.example.jp/portal/enet/certificates");
    expect(html).toContain('href="https://hosho.example.jp/portal/enet/certificates"');
  });
});

describe("保証料計算書発行のお知らせ", () => {
  const data = { companyName: "A社", month: "2025-01", statementId: crypto.randomUUID() };

  it("mentions the PDF only when it is attached", () => {
    expect(renderMail({ template: "FEE_STATEMENT_ISSUED", data }, ctx).text).not.toContain("添付");
    const attached = renderMail({ template: "FEE_STATEMENT_ISSUED", data, attachments: [{ kind: "FEE_STATEMENT", statementId: data.statementId }] }, ctx);
    expect(attached.text).toContain("保証料計算書（PDFファイル）をこのメールに添付しています");
  });

  it("words a refund statement as 保証料返還計算書 under the same subject", () => {
    const refund = renderMail({ template: "FEE_STATEMENT_ISSUED", data: { ...data, statementKind: "REFUND" } }, ctx);
    expect(refund.subject).toBe("保証料計算書発行のお知らせ");
    expect(refund.text).toContain("保証料返還計算書");
  });
});

describe("renderMail without a context", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    resetEnvForTests();
  });

  it("builds links from PUBLIC_BASE_URL and signs with SURETY_NAME from the settings", () => {
    Object.assign(process.env, {
      DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x",
      AUTH_SECRET: "x".repeat(40),
      AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
      CERT_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      PUBLIC_BASE_URL: "https://denshi.example.jp",
      SURETY_NAME: "設定保証株式会社",
    });
    resetEnvForTests();
    const { text } = renderMail(CERTIFICATE_REGISTERED_SAMPLE);
    expect(text).toContain("https://denshi.example.jp/enet/certificates");
    expect(text).toContain("設定保証株式会社");
  });
});
