import type { RegistrationState } from "@/lib/certificate/registration-state";

const BADGE = { REGISTERED: "badge--ok", PENDING: "badge--warn", FAILED: "badge--error" } as const;

/**
 * D-Sure 登録状況 of an electronic certificate: a badge, and for 登録待ち after a failed attempt or 登録エラー, why.
 * `audience`: contractors read what it means for them; staff read D-Sure's reason as given.
 */
export function RegistrationStatus({ state, audience }: { state: RegistrationState; audience: "contractor" | "staff" }) {
  const note =
    state.status === "REGISTERED"
      ? null
      : audience === "staff"
        ? state.reason && `${state.reason}${state.reasonCode ? `（${state.reasonCode}）` : ""}（試行 ${state.attempts} 回）`
        : state.status === "FAILED"
          ? "D-Sure への登録ができていません。当社で対応しております。発注者が閲覧できるようになりましたら登録済みと表示します。"
          : "D-Sure への登録を行っています。登録が済むまで発注者は閲覧できません。";
  return (
    <span data-registration-status={state.status}>
      <span className={`badge ${BADGE[state.status]}`}>D-Sure {state.label}</span>
      {note ? (
        <>
          <br />
          <small>{note}</small>
        </>
      ) : null}
    </span>
  );
}
