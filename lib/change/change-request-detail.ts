import type { ChangeKind, ChangeStatus, GuaranteeType } from "@/lib/generated/prisma/enums";

/** One change after conclusion, as the screens of both portals show it. Amounts in yen, dates YYYY-MM-DD. */
export type ChangeRequestDetail = {
  id: string;
  kind: ChangeKind;
  status: ChangeStatus;
  contractId: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  deliveryMethod: "ELECTRONIC" | "PAPER";
  workName: string;
  companyName: string;
  requested: {
    contractAmount: bigint | null;
    guaranteeAmount: bigint | null;
    periodTo: string | null;
    companyName: string | null;
    address: string | null;
  };
  /** what the guarantee held before: recorded at approval; before that, the guarantee as it is now */
  before: {
    contractAmount: bigint;
    guaranteeAmount: bigint;
    periodTo: string;
    companyName: string;
    address: string;
    fee: bigint;
  };
  changeContractDate: string;
  reason: string;
  returnReason: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  reviewedBy: { id: string; name: string; staffId: string } | null;
  approvedAt: Date | null;
  approvedBy: { id: string; name: string; staffId: string } | null;
  feeDifference: bigint | null;
  newFee: bigint | null;
  /** the 版 the approval issued */
  version: number | null;
  refundStatementId: string | null;
  createdBy: { name: string; customerId: string } | null;
};
