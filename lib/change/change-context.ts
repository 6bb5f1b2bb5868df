import type { GuaranteeType, WorkCategory } from "@/lib/guarantee-application/codes";

/**
 * What the rules of a change need to know about the guarantee being changed, as plain data (amounts in yen as
 * numbers, calendar dates as YYYY-MM-DD): the form shows it, the schema checks against it, the approval re-checks.
 */
export type ChangeContext = {
  contractId: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  workName: string;
  /** 工事 or 建設コンサルタント業務 (前払金 ≤ 4/10 or 3/10). */
  workCategory: WorkCategory;
  /** 低入札価格調査の対象 (契約保証 ≥ 3/10). */
  lowBidInvestigation: boolean;
  /** 請負代金額 now. */
  contractAmount: number;
  /** 保証金額 now. */
  guaranteeAmount: number;
  /** For 中間前払金保証: the 前払金額 already guaranteed on the same work (前払金 + 中間前払金 ≤ 6/10). */
  advanceAmount: number | null;
  /** 契約日 */
  contractDate: string | null;
  /** 工期（自）・（至） */
  workPeriodFrom: string | null;
  workPeriodTo: string | null;
  /** 保証期間（自）・（至） */
  periodFrom: string;
  periodTo: string;
  /** The contractor as the certificate shows it now. */
  companyName: string;
  address: string;
  /** 保証料 charged so far. */
  fee: number;
};
