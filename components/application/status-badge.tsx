import type { ApplicationStatus } from "@/lib/guarantee-application/codes";
import { APPLICATION_STATUS_LABELS } from "@/lib/guarantee-application/labels";

const TONE: Record<ApplicationStatus, string> = {
  DRAFT: "",
  SUBMITTED: "badge--warn",
  REVIEWED: "badge--warn",
  RETURNED: "badge--error",
  CONCLUDED: "badge--ok",
  WITHDRAWN: "",
};

/** The status as the contractor sees it: 保存中 / 審査中 / 差戻し / 締結済 (審査完了 is still 審査中 to them). */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge ${TONE[status]}`}>{APPLICATION_STATUS_LABELS[status]}</span>;
}
