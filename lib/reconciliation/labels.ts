import type { ReconciliationFindingKind, ReconciliationTrigger } from "@/lib/generated/prisma/enums";

/** What each finding of 照合 means, as staff read it. */
export const RECONCILIATION_FINDING_LABELS: Record<ReconciliationFindingKind, string> = {
  MISSING: "D-Sure に記録がありません",
  SHORTER: "D-Sure の記録が途中で終わっています（巻き戻し・削除の疑い）",
  DIFFERENT: "当社が登録したものと異なる記録があります（分岐の疑い）",
  UNKNOWN_ENTRY: "当社が登録していない記録があります",
  TAMPERED: "D-Sure の記録が検証できません（改ざんの疑い）",
};

export const RECONCILIATION_TRIGGER_LABELS: Record<ReconciliationTrigger, string> = {
  SCHEDULE: "定期実行",
  SCREEN: "管理画面",
  CLI: "コマンド",
};
