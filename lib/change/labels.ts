/** Japanese words of 保証契約締結後の変更 (menu 5 of e-Net保証 and the back office). */
import type { ChangeKind, ChangeStatus } from "./codes";

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  INCREASE: "増額",
  DECREASE: "減額",
  PERIOD_CHANGE: "保証期限変更",
  CONTRACTOR_INFO: "請負者の名称・所在地の変更",
};

/** What each kind is for, shown beside the choice. */
export const CHANGE_KIND_HINTS: Record<ChangeKind, string> = {
  INCREASE: "請負代金額の増額などにより、保証金額を増やします。",
  DECREASE: "請負代金額の減額などにより、保証金額を減らします。",
  PERIOD_CHANGE: "工期の延長・短縮に合わせて、保証期間（至）を変更します。",
  CONTRACTOR_INFO: "商号又は名称・所在地の変更を電子証書に反映します。",
};

/** As the contractor sees it. */
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  DRAFT: "保存中",
  SUBMITTED: "審査中",
  RETURNED: "差戻し",
  REVIEWED: "審査中",
  APPROVED: "変更済",
  WITHDRAWN: "取下げ",
};

/** As surety staff see it, where 審査完了 (waiting for the approver) matters. */
export const CHANGE_STATUS_STAFF_LABELS: Record<ChangeStatus, string> = {
  ...CHANGE_STATUS_LABELS,
  REVIEWED: "審査完了（承認待ち）",
  APPROVED: "承認済（変更後の電子証書を登録）",
};

export const CHANGE_FIELD_LABELS = {
  contractNumber: "保証契約番号",
  kind: "変更の種類",
  newContractAmount: "変更後の請負代金額",
  newGuaranteeAmount: "変更後の保証金額",
  newPeriodTo: "変更後の工期（至）",
  newCompanyName: "変更後の商号又は名称",
  newAddress: "変更後の所在地",
  changeContractDate: "変更契約日",
  reason: "変更の理由",
} as const;

export type ChangeField = keyof typeof CHANGE_FIELD_LABELS;
