/** Every mail the system sends (DOMAIN.md §9 plus the ID-request receipt and the key notice to the orderer). */
export type MailInput =
  | { template: "REGISTRATION_RECEIVED"; data: { companyName: string; contactName: string } } // ID登録申請受付のお知らせ
  | { template: "ID_REGISTERED"; data: { companyName: string; userName: string; customerId: string; setupUrl: string } } // ID登録のお知らせ
  | { template: "PASSWORD_RESET"; data: { companyName: string; userName: string; customerId: string; resetUrl: string } } // パスワード再設定のお知らせ
  | { template: "STAFF_REGISTERED"; data: { name: string; staffId: string; roleLabel: string; setupUrl: string } } // 職員ID登録のお知らせ
  | { template: "APPLICATION_RECEIVED"; data: { companyName: string; workName: string; applicationId: string } } // 保証申込受付のお知らせ
  | {
      template: "APPLICATION_RETURNED"; // 差戻しのお知らせ
      /** changeOf: set when a 保証契約締結後の変更 (not a 保証申込) was returned; applicationId then holds the change's id. */
      data: { companyName: string; workName: string; reason: string; applicationId: string; changeOf?: { contractNumber: string; changeLabel: string } };
    }
  | {
      template: "CERTIFICATE_REGISTERED"; // 電子証書・認証キー登録のお知らせ
      data: { companyName: string; contractNumber: string; workName: string; guaranteeTypeLabel: string };
    }
  | {
      template: "CERTIFICATE_CHANGED"; // 変更後の電子証書登録のお知らせ
      data: { companyName: string; contractNumber: string; workName: string; version: number; changeLabel: string };
    }
  | {
      template: "FEE_STATEMENT_ISSUED"; // 保証料計算書発行のお知らせ
      /** month: YYYY-MM; statementKind (default MONTHLY): REFUND words the mail for a 保証料返還計算書. */
      data: { companyName: string; month: string; statementId: string; statementKind?: "MONTHLY" | "REFUND" };
    }
  | {
      template: "KEY_NOTICE_TO_ORDERER"; // 認証キー等のお知らせ sent for the contractor to the orderer's department
      data: { subject: string; ordererName: string; departmentName: string; companyName: string; contractNumber: string; workName: string };
    };

export type MailTemplate = MailInput["template"];

/** Attachments are rendered when the mail is sent (never stored: the key notice PDF carries the 認証キー). */
export type MailAttachmentRef =
  | { kind: "AUTH_KEY_NOTICE"; contractId: string }
  | { kind: "FEE_STATEMENT"; statementId: string }
  | { kind: "REFUND_STATEMENT"; statementId: string };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
