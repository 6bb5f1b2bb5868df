import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "APPLICATION_RETURNED" }>["data"];

/** 差戻しのお知らせ — the surety returned an application, with its reason. */
export function renderApplicationReturned(data: Data, ctx: MailContext): RenderedMail {
  if (data.changeOf) return renderChangeReturned(data, data.changeOf, ctx);
  return composeMail(ctx, {
    subject: "差戻しのお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: "お申込みいただいた保証申込を、次の理由により差し戻しました。" },
      { kind: "fields", rows: [["工事名", data.workName]] },
      { kind: "paragraph", text: `差戻しの理由：\n${data.reason}` },
      {
        kind: "paragraph",
        text: "e-Net保証の「保存中・手続き中一覧」から該当の申込を開き、内容を修正のうえ、改めてお申込みください。",
      },
      { kind: "link", label: "e-Net保証", url: serviceUrl(ctx, "/enet") },
    ],
  });
}

/** The same mail for a 保証契約締結後の変更 that was returned (menu 5 of e-Net保証). */
function renderChangeReturned(data: Data, change: NonNullable<Data["changeOf"]>, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "差戻しのお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: "お申込みいただいた保証契約締結後の変更を、次の理由により差し戻しました。" },
      {
        kind: "fields",
        rows: [
          ["保証契約番号", change.contractNumber],
          ["工事名", data.workName],
          ["変更の種類", change.changeLabel],
        ],
      },
      { kind: "paragraph", text: `差戻しの理由：\n${data.reason}` },
      {
        kind: "paragraph",
        text: "e-Net保証の「保証契約締結後の変更」から該当の申込を開き、内容を修正のうえ、改めてお申込みください。",
      },
      { kind: "link", label: "保証契約締結後の変更", url: serviceUrl(ctx, `/enet/changes/${data.applicationId}`) },
    ],
  });
}
