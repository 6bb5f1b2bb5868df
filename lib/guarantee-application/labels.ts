/** Japanese words shown for the codes of the application form (the flyer's and e-Net保証's own wording). */
import type {
  ApplicationMenu,
  ApplicationStatus,
  DeliveryMethod,
  GuaranteeType,
  WorkCategory,
} from "@/lib/guarantee-application/codes";

export const GUARANTEE_TYPE_LABELS: Record<GuaranteeType, string> = {
  ADVANCE_PAYMENT: "前払金保証",
  INTERMEDIATE_ADVANCE: "中間前払金保証",
  CONTRACT: "契約保証",
  CONTRACT_RESERVATION: "契約保証予約",
};

export const WORK_CATEGORY_LABELS: Record<WorkCategory, string> = {
  CONSTRUCTION: "工事",
  CONSULTING: "建設コンサルタント業務",
};

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  ELECTRONIC: "電子交付を希望する",
  PAPER: "書面で受け取る",
};

export const APPLICATION_MENU_LABELS: Record<ApplicationMenu, string> = {
  ADVANCE: "前払金保証・契約保証 申込",
  ADVANCE_AFTER_CONTRACT: "契約保証済の前払金保証 申込",
  INTERMEDIATE: "中間前払金保証 申込",
};

/** As the contractor sees it: a reviewed application stays 審査中 until the contract is concluded. */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "保存中",
  SUBMITTED: "審査中",
  RETURNED: "差戻し",
  REVIEWED: "審査中",
  CONCLUDED: "締結済",
  WITHDRAWN: "取下げ",
};

/** As surety staff see it in the back office, where 審査完了 (waiting for the approver) matters. */
export const APPLICATION_STATUS_STAFF_LABELS: Record<ApplicationStatus, string> = {
  ...APPLICATION_STATUS_LABELS,
  REVIEWED: "審査完了（承認待ち）",
};

/** The label of every field of the application form, used for `<label>`s and in messages. */
export const FIELD_LABELS = {
  menu: "申込メニュー",
  withContractGuarantee: "契約保証（特約）を申し込む",
  baseContractId: "対象の保証契約",
  ordererId: "発注者",
  departmentId: "担当課",
  workName: "工事名",
  workLocation: "工事場所",
  workCategory: "工事の種別",
  bidDate: "入札日",
  contractDate: "契約日",
  periodFrom: "工期（自）",
  periodTo: "工期（至）",
  contractAmount: "請負代金額",
  advanceAmount: "前払金額",
  intermediateAmount: "中間前払金額",
  contractGuaranteeAmount: "契約保証金額",
  lowBidInvestigation: "低入札価格調査の対象",
  deliveryMethod: "保証証書の受取方法",
  notes: "連絡事項",
} as const;

export type ApplicationField = keyof typeof FIELD_LABELS;
