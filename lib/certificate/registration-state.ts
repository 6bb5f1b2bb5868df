import type { CertificateRegistrationStatus } from "@/lib/generated/prisma/enums";

/** 登録状況: where an electronic certificate stands at D-Sure, from the surety's registration outbox. */
export type RegistrationState = {
  status: CertificateRegistrationStatus;
  /** 登録済み / 登録待ち / 登録エラー */
  label: string;
  /** D-Sure's refusal or the transport's error, in words (the last failed attempt); null when none. */
  reason: string | null;
  /** Its code (unknown_key, unreachable …), for staff. */
  reasonCode: string | null;
  attempts: number;
};

export const REGISTRATION_STATUS_LABELS: Record<CertificateRegistrationStatus, string> = {
  REGISTERED: "登録済み",
  PENDING: "登録待ち",
  FAILED: "登録エラー",
};

/** What a registered entry records (CertificateRegistration.kind). */
export const REGISTRATION_KIND_LABELS: Record<string, string> = { VERSION: "電子証書の版", KEY: "認証キー", CANCEL: "解約" };

/**
 * What a query needs to tell the state: the certificate's first entry not yet registered (entries are registered in
 * order, so it decides). Spread into a GuaranteeContract select.
 */
export const REGISTRATION_STATE_SELECT = {
  registrations: {
    where: { status: { not: "REGISTERED" } },
    orderBy: { seq: "asc" },
    take: 1,
    select: { status: true, lastError: true, attempts: true },
  },
} as const;

type Unregistered = { status: CertificateRegistrationStatus; lastError: string | null; attempts: number };

/** 登録済み when every entry is registered; otherwise the first unregistered entry's state, with its last error. */
export function registrationStateOf(registrations: Unregistered[]): RegistrationState {
  const first = registrations[0];
  if (!first) return { status: "REGISTERED", label: REGISTRATION_STATUS_LABELS.REGISTERED, reason: null, reasonCode: null, attempts: 0 };
  const m = first.lastError ? /^([a-z_]+): (.*)$/s.exec(first.lastError) : null;
  return {
    status: first.status,
    label: REGISTRATION_STATUS_LABELS[first.status],
    reason: m ? m[2]! : first.lastError,
    reasonCode: m ? m[1]! : null,
    attempts: first.attempts,
  };
}
