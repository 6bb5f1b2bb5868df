import type { ApplicationStatus } from "@/lib/guarantee-application/codes";
import { APPLICATION_STATUS_STAFF_LABELS } from "@/lib/guarantee-application/labels";

const TONE: Record<ApplicationStatus, string> = {
  DRAFT: "",
  SUBMITTED: "badge--warn",
  REVIEWED: "badge--warn",
  RETURNED: "badge--error",
  CONCLUDED: "badge--ok",
  WITHDRAWN: "",
};

/** 審査中 / 審査完了（承認待ち）/ 差戻し / 締結済, as staff see it. */
export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge ${TONE[status]}`}>{APPLICATION_STATUS_STAFF_LABELS[status]}</span>;
}
