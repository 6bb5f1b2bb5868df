/**
 * The forms of 保証契約締結後の変更, shared by the client forms, the server actions and the domain functions: pure,
 * no `server-only`. Input is what FormData gives (strings); amounts and dates are normalised (NFKC via lib/normalize)
 * first, so 全角 digits, commas, 円 and stray spaces are accepted; free text (会社名, 住所, 理由) is kept as typed. Amounts come out as integer yen (`number`), dates as
 * `YYYY-MM-DD`.
 *
 * The rules between fields depend on the guarantee being changed (its type, its current amounts and dates), so the
 * change form's schema is built for it: `changeRequestSchemaFor(context, today)`.
 */
import { z } from "zod";
import { checkAmountRange } from "@/lib/guarantee-application/amount-rules";
import { MAX_YEN } from "@/lib/money";
import { charCount, normalizeMultilineText, normalizeText, parseDateInput, parseYenInput } from "@/lib/normalize";
import type { ChangeContext } from "./change-context";
import { checkChangeValues, newGuaranteeAmountLabel } from "./check-change-values";
import { CHANGE_KINDS, type ChangeKind } from "./codes";
import { CHANGE_FIELD_LABELS } from "./labels";

export const CHANGE_TEXT_MAX_LENGTH = { newCompanyName: 200, newAddress: 200, reason: 1000, returnReason: 1000 } as const;

const UNREADABLE = Number.NaN;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function preText(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = normalizeText(v);
  return s === "" ? undefined : s;
}

function preMultiline(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = normalizeMultilineText(v);
  return s === "" ? undefined : s;
}

function preAmount(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (normalizeText(v) === "") return undefined;
  const yen = parseYenInput(v);
  if (yen === null) return UNREADABLE;
  if (!Number.isFinite(yen)) return yen > 0 ? MAX_YEN + 1 : -1;
  return yen;
}

function preDate(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (normalizeText(v) === "") return undefined;
  return parseDateInput(v) ?? "";
}

const required = (label: string, verb: "入力" | "選択") => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${label}を${verb}してください` : `${label}の${verb}内容が正しくありません`),
});

function amount(label: string) {
  return z.preprocess(
    preAmount,
    z
      .number({ error: (i) => (i.input === undefined ? `${label}を入力してください` : `${label}は数字で入力してください（例：12,340,000）`) })
      .superRefine((n, ctx) => {
        const message = checkAmountRange({ amount: n, label });
        if (message) ctx.addIssue(message);
      })
      .optional(),
  );
}

function date(label: string) {
  return z.preprocess(
    preDate,
    z
      .string(required(label, "入力"))
      .refine((s) => s !== "", `${label}は正しい日付で入力してください（例：2025-03-31）`)
      .optional(),
  );
}

function text(label: string, max: number) {
  return z.preprocess(
    preText,
    z
      .string(required(label, "入力"))
      .refine((s) => charCount(s) <= max, `${label}は${max}文字以内で入力してください`)
      .optional(),
  );
}

const requestToken = z.preprocess(preText, z.string().regex(UUID, "画面を開き直してください").optional());

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const validAmount = (v: unknown): number | null =>
  typeof v === "number" && checkAmountRange({ amount: v, label: "" }) === null ? v : null;
const validDate = (v: unknown): string | null => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const validText = (v: unknown, max: number): string | null => (typeof v === "string" && charCount(v) <= max ? v : null);

/** The first step: which guarantee and which kind of change (GET /enet/changes/new?contract=…&kind=…). */
export const ZChangeTargetSchema = z.object({
  contract: z.preprocess(preText, z.string(required(CHANGE_FIELD_LABELS.contractNumber, "選択")).max(64)),
  kind: z.enum(CHANGE_KINDS, required(CHANGE_FIELD_LABELS.kind, "選択")),
});
export type TChangeTarget = z.infer<typeof ZChangeTargetSchema>;

/** Every field of the change form as read from FormData, before the rules of the kind and the guarantee. */
function fieldsFor(ctx: Pick<ChangeContext, "guaranteeType">) {
  return z.object({
    kind: z.enum(CHANGE_KINDS, required(CHANGE_FIELD_LABELS.kind, "選択")),
    newContractAmount: amount(CHANGE_FIELD_LABELS.newContractAmount),
    newGuaranteeAmount: amount(newGuaranteeAmountLabel(ctx.guaranteeType)),
    newPeriodTo: date(CHANGE_FIELD_LABELS.newPeriodTo),
    newCompanyName: text(CHANGE_FIELD_LABELS.newCompanyName, CHANGE_TEXT_MAX_LENGTH.newCompanyName),
    newAddress: text(CHANGE_FIELD_LABELS.newAddress, CHANGE_TEXT_MAX_LENGTH.newAddress),
    changeContractDate: date(CHANGE_FIELD_LABELS.changeContractDate),
    reason: z.preprocess(
      preMultiline,
      z
        .string(required(CHANGE_FIELD_LABELS.reason, "入力"))
        .refine((s) => charCount(s) <= CHANGE_TEXT_MAX_LENGTH.reason, `${CHANGE_FIELD_LABELS.reason}は${CHANGE_TEXT_MAX_LENGTH.reason}文字以内で入力してください`)
        .optional(),
    ),
    requestToken,
  });
}

/** What a valid change request holds; the fields the kind does not use are null. */
export type TChangeRequestInput = {
  kind: ChangeKind;
  newContractAmount: number | null;
  newGuaranteeAmount: number | null;
  newPeriodTo: string | null;
  newCompanyName: string | null;
  newAddress: string | null;
  changeContractDate: string;
  reason: string;
  requestToken: string | null;
};

const FIELDS_OF_KIND: Record<ChangeKind, readonly ("newContractAmount" | "newGuaranteeAmount" | "newPeriodTo" | "newCompanyName" | "newAddress")[]> = {
  INCREASE: ["newContractAmount", "newGuaranteeAmount"],
  DECREASE: ["newContractAmount", "newGuaranteeAmount"],
  PERIOD_CHANGE: ["newPeriodTo"],
  CONTRACTOR_INFO: ["newCompanyName", "newAddress"],
};

/** The fields the form shows for a kind of change (besides 変更契約日 and 変更の理由). */
export function changeFieldsOf(kind: ChangeKind) {
  return FIELDS_OF_KIND[kind];
}

/**
 * The change form for one guarantee: each field's own check, then what the kind needs, then the published amount
 * rules and the date rules against the guarantee as it is now (`today` = YYYY-MM-DD in Japan). Every problem is
 * reported at once, each beside its field.
 */
export function changeRequestSchemaFor(ctx: ChangeContext, today: string) {
  return fieldsFor(ctx)
    .superRefine((v, zctx) => {
      const label = (f: keyof typeof CHANGE_FIELD_LABELS) =>
        f === "newGuaranteeAmount" ? newGuaranteeAmountLabel(ctx.guaranteeType) : CHANGE_FIELD_LABELS[f];
      for (const f of FIELDS_OF_KIND[v.kind]) {
        if (v[f] === undefined) zctx.addIssue({ code: "custom", path: [f], message: `${label(f)}を入力してください` });
      }
      if (v.changeContractDate === undefined) {
        zctx.addIssue({ code: "custom", path: ["changeContractDate"], message: `${CHANGE_FIELD_LABELS.changeContractDate}を入力してください` });
      }
      if (v.reason === undefined) zctx.addIssue({ code: "custom", path: ["reason"], message: `${CHANGE_FIELD_LABELS.reason}を入力してください` });
      // The rules between fields only look at values that passed their own check.
      const issues = checkChangeValues(
        ctx,
        {
          kind: v.kind,
          newContractAmount: validAmount(v.newContractAmount),
          newGuaranteeAmount: validAmount(v.newGuaranteeAmount),
          newPeriodTo: validDate(v.newPeriodTo),
          newCompanyName: validText(v.newCompanyName, CHANGE_TEXT_MAX_LENGTH.newCompanyName),
          newAddress: validText(v.newAddress, CHANGE_TEXT_MAX_LENGTH.newAddress),
          changeContractDate: validDate(v.changeContractDate),
        },
        today,
      );
      for (const issue of issues) zctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    },
    // Run even when some fields failed, so the form shows every problem at once.
    { when: (payload) => isRecord(payload.value) && (CHANGE_KINDS as readonly unknown[]).includes(payload.value.kind) },
    )
    .transform((v): TChangeRequestInput => {
      const uses = new Set<string>(FIELDS_OF_KIND[v.kind]);
      const pick = <T>(f: string, value: T | undefined): T | null => (uses.has(f) && value !== undefined ? value : null);
      return {
        kind: v.kind,
        newContractAmount: pick("newContractAmount", v.newContractAmount),
        newGuaranteeAmount: pick("newGuaranteeAmount", v.newGuaranteeAmount),
        newPeriodTo: pick("newPeriodTo", v.newPeriodTo),
        newCompanyName: pick("newCompanyName", v.newCompanyName),
        newAddress: pick("newAddress", v.newAddress),
        changeContractDate: v.changeContractDate!,
        reason: v.reason!,
        requestToken: v.requestToken ?? null,
      };
    });
}

/** 差戻し of a change: the reason is mailed to the contractor and shown on the request. */
export const ZReturnChangeSchema = z.object({
  changeRequestId: z.uuid({ error: "変更の申込を特定できません" }),
  reason: z
    .string({ error: "差戻し理由を入力してください" })
    .transform(normalizeMultilineText)
    .refine((s) => s.length > 0, "差戻し理由を入力してください")
    .refine(
      (s) => charCount(s) <= CHANGE_TEXT_MAX_LENGTH.returnReason,
      `差戻し理由は${CHANGE_TEXT_MAX_LENGTH.returnReason}文字以内で入力してください`,
    ),
});
export type TReturnChange = z.infer<typeof ZReturnChangeSchema>;

export const ZChangeRequestIdSchema = z.object({ changeRequestId: z.uuid({ error: "変更の申込を特定できません" }) });

/** Messages per field path for the form (`_form` for the whole form), without duplicates, in order. */
export function changeFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}
