import type { ChangeStatus } from "@/lib/change/codes";
import { CHANGE_STATUS_LABELS, CHANGE_STATUS_STAFF_LABELS } from "@/lib/change/labels";

const TONE: Record<ChangeStatus, string> = {
  DRAFT: "",
  SUBMITTED: "badge--warn",
  REVIEWED: "badge--warn",
  RETURNED: "badge--error",
  APPROVED: "badge--ok",
  WITHDRAWN: "",
};

/** 審査中 / 差戻し / 変更済 … (the back office's words with `staff`). */
export function ChangeStatusBadge({ status, staff = false }: { status: ChangeStatus; staff?: boolean }) {
  return <span className={`badge ${TONE[status]}`}>{(staff ? CHANGE_STATUS_STAFF_LABELS : CHANGE_STATUS_LABELS)[status]}</span>;
}
