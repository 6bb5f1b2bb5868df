import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listDevMails } from "@/lib/mail/dev-mailbox/list-dev-mails";
import { devMailboxDir, devMailPath, isDevMailId } from "@/lib/mail/dev-mailbox/mailbox-dir";
import { readDevMail } from "@/lib/mail/dev-mailbox/read-dev-mail";

let dir: string;

async function writeMail(id: string, subject: string, extra: Partial<SendMailOptions> = {}) {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await composer.sendMail({ from: "電子保証 <no-reply@example.jp>", to: "info@sample-kensetsu.example.jp", subject, text: `${subject} の本文`, ...extra });
  fs.writeFileSync(path.join(dir, `${id}.eml`), info.message as Buffer);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-mailbox-"));
  await writeMail("1700000000000-aaaaaa", "古いメール");
  await writeMail("1700000005000-bbbbbb", "新しいメール", {
    html: '<p>HTML <script>alert(1)</script></p>',
    attachments: [{ filename: "認証キー等のお知らせ_2024-0000001-3.pdf", content: Buffer.from("%PDF-1.4"), contentType: "application/pdf" }],
  });
  fs.writeFileSync(path.join(dir, "notes.txt"), "not a mail");
  fs.writeFileSync(path.join(dir, "..evil.eml"), "not listed");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("devMailboxDir", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, DEV_MAILBOX_DIR: process.env.DEV_MAILBOX_DIR };
  const setEnv = (k: string, v: string | undefined) => {
    if (v === undefined) delete (process.env as Record<string, string | undefined>)[k];
    else (process.env as Record<string, string>)[k] = v;
  };
  afterEach(() => {
    setEnv("NODE_ENV", saved.NODE_ENV);
    setEnv("DEV_MAILBOX_DIR", saved.DEV_MAILBOX_DIR);
  });

  it("exists only in development with DEV_MAILBOX_DIR set (404 otherwise)", () => {
    setEnv("DEV_MAILBOX_DIR", dir);
    setEnv("NODE_ENV", "development");
    expect(devMailboxDir()).toBe(path.resolve(dir));
    setEnv("NODE_ENV", "production");
    expect(devMailboxDir()).toBeNull();
    setEnv("NODE_ENV", "test");
    expect(devMailboxDir()).toBeNull();
    setEnv("NODE_ENV", "development");
    setEnv("DEV_MAILBOX_DIR", undefined);
    expect(devMailboxDir()).toBeNull();
  });
});

describe("mail ids", () => {
  it("accept the names the development SMTP server writes and nothing else", () => {
    expect(isDevMailId("1700000000000-aaaaaa")).toBe(true);
    for (const bad of ["../secrets", "..%2Fsecrets", "1700000000000-aaaaaa.eml", "1700000000000-AAAA", "/etc/passwd", "", "1-a/../../x", "1700000000000-aa\u0000"]) {
      expect(isDevMailId(bad)).toBe(false);
      expect(devMailPath(dir, bad)).toBeNull();
    }
    expect(devMailPath(dir, "1700000000000-aaaaaa")).toBe(path.join(dir, "1700000000000-aaaaaa.eml"));
  });
});

describe("the development mailbox", () => {
  it("lists the mails newest first, with from, to, subject and date", async () => {
    const mails = await listDevMails({ dir });
    expect(mails.map((m) => m.subject)).toEqual(["新しいメール", "古いメール"]);
    expect(mails[0]).toMatchObject({ id: "1700000005000-bbbbbb", from: "\"電子保証\" <no-reply@example.jp>", to: "info@sample-kensetsu.example.jp", attachmentCount: 1 });
    expect(mails[0]!.date).toBeInstanceOf(Date);
  });

  it("opens one mail: headers, text, HTML as sent, attachments", async () => {
    const mail = await readDevMail({ dir, id: "1700000005000-bbbbbb" });
    expect(mail).not.toBeNull();
    expect(mail!.subject).toBe("新しいメール");
    expect(mail!.text).toContain("新しいメール の本文");
    expect(mail!.html).toContain("<script>");
    expect(mail!.headers.map((h) => h.name)).toEqual(expect.arrayContaining(["from", "to", "subject", "message-id"]));
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]).toMatchObject({ index: 0, filename: "認証キー等のお知らせ_2024-0000001-3.pdf", contentType: "application/pdf" });
    expect(mail!.attachments[0]!.content.toString()).toBe("%PDF-1.4");
  });

  it("answers null for unknown and malicious ids", async () => {
    expect(await readDevMail({ dir, id: "1700000009999-zzzzzz" })).toBeNull();
    expect(await readDevMail({ dir, id: "../../etc/passwd" })).toBeNull();
  });

  it("is empty when the folder does not exist yet", async () => {
    expect(await listDevMails({ dir: path.join(dir, "missing") })).toEqual([]);
  });
});
