/**
 * The application form of e-Net保証 (menus 1–3), shared by the client form and the server actions: pure, no
 * `server-only`. Input is what FormData gives (strings, absent checkboxes); numbers, dates and amounts are normalised
 * (NFKC via lib/normalize) before they are checked, so 全角 digits, commas, 円, ￥ and stray spaces are accepted. Free
 * text (工事名, 工事場所, 連絡事項) is kept as typed, but for invisible characters and runs of spaces.
 *
 * - `ZApplicationDraftSchema` (一時保存): every field optional except the menu, but what is given must be well-formed.
 * - `ZApplicationSubmitSchema` (確認・申込む): the fields each menu needs, and the published date and amount rules.
 * Dates come out as `YYYY-MM-DD`, amounts as integer yen (`number`; the DB stores them as BigInt).
 */
import { z } from "zod";
import {
  AMOUNT_OVER_LIMIT_MESSAGE,
  checkAdvanceLimit,
  checkAdvanceTotalLimit,
  checkAmountRange,
  checkContractGuaranteeMaximum,
  checkContractGuaranteeMinimum,
  checkIntermediateLimit,
} from "@/lib/guarantee-application/amount-rules";
import {
  APPLICATION_MENUS,
  DELIVERY_METHODS,
  WORK_CATEGORIES,
  type ApplicationMenu,
  type WorkCategory,
} from "@/lib/guarantee-application/codes";
import { FIELD_LABELS, type ApplicationField } from "@/lib/guarantee-application/labels";
import { MAX_YEN } from "@/lib/money";
import { charCount, normalizeCode, normalizeMultilineText, normalizeText, parseDateInput, parseYenInput } from "@/lib/normalize";

export { FIELD_LABELS, type ApplicationField } from "@/lib/guarantee-application/labels";
export { AMOUNT_OVER_LIMIT_MESSAGE };

export const TEXT_MAX_LENGTH = { workName: 200, workLocation: 200, notes: 1000 } as const;

// ───────────────────────────── one field at a time ─────────────────────────────

/** A readable-but-wrong value is kept apart from an absent one so the message can say which it is. */
const UNREADABLE = Number.NaN;

function blankToUndefined(s: string): string | undefined {
  return s === "" ? undefined : s;
}

function preText(v: unknown): unknown {
  return typeof v === "string" ? blankToUndefined(normalizeText(v)) : v;
}

function preMultilineText(v: unknown): unknown {
  return typeof v === "string" ? blankToUndefined(normalizeMultilineText(v)) : v;
}

function preAmount(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (normalizeText(v) === "") return undefined;
  const yen = parseYenInput(v);
  if (yen === null) return UNREADABLE;
  // Too many digits to be exact: still a number, and still over the limit, so the message says 1,000億円以下.
  if (!Number.isFinite(yen)) return yen > 0 ? MAX_YEN + 1 : -1;
  return yen;
}

function preDate(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (normalizeText(v) === "") return undefined;
  return parseDateInput(v) ?? UNREADABLE;
}

const CHECKBOX_VALUES: Record<string, boolean> = { on: true, true: true, "1": true, off: false, false: false, "0": false };

function preCheckbox(v: unknown): unknown {
  if (v === undefined || v === null) return false; // an unchecked box is simply absent from FormData
  if (typeof v !== "string") return v;
  const s = normalizeCode(v).toLowerCase();
  return s === "" ? false : (CHECKBOX_VALUES[s] ?? v);
}

function messages(field: ApplicationField, verb: "入力" | "選択", invalid: string) {
  const label = FIELD_LABELS[field];
  return {
    error: (issue: { input?: unknown }) => (issue.input === undefined ? `${label}を${verb}してください` : invalid),
  };
}

function textSchema(field: "workName" | "workLocation") {
  const max = TEXT_MAX_LENGTH[field];
  const label = FIELD_LABELS[field];
  return z
    .string(messages(field, "入力", `${label}は文字で入力してください`))
    .refine((s) => charCount(s) <= max, `${label}は${max}文字以内で入力してください`);
}

const notesSchema = z
  .string({ error: `${FIELD_LABELS.notes}は文字で入力してください` })
  .refine((s) => charCount(s) <= TEXT_MAX_LENGTH.notes, `${FIELD_LABELS.notes}は${TEXT_MAX_LENGTH.notes}文字以内で入力してください`);

// Orderers, departments and contracts are picked from lists; their ids are UUIDs (the DB column type).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function idSchema(field: "ordererId" | "departmentId" | "baseContractId") {
  const invalid = `${FIELD_LABELS[field]}の選択が正しくありません`;
  return z
    .string(messages(field, "選択", invalid))
    .transform((s) => s.toLowerCase())
    .refine((s) => UUID.test(s), invalid);
}

function amountSchema(field: "contractAmount" | "advanceAmount" | "intermediateAmount" | "contractGuaranteeAmount") {
  const label = FIELD_LABELS[field];
  return z
    .number(messages(field, "入力", `${label}は数字で入力してください（例：12,340,000）`))
    .superRefine((amount, ctx) => {
      const message = checkAmountRange({ amount, label });
      if (message) ctx.addIssue(message);
    });
}

function dateSchema(field: "bidDate" | "contractDate" | "periodFrom" | "periodTo") {
  return z.string(messages(field, "入力", `${FIELD_LABELS[field]}は正しい日付で入力してください（例：2024-12-01）`));
}

function enumSchema<const T extends readonly [string, ...string[]]>(field: "workCategory" | "deliveryMethod", values: T) {
  return z.enum(values, messages(field, "選択", `${FIELD_LABELS[field]}の選択が正しくありません`));
}

const checkboxSchema = (field: "withContractGuarantee" | "lowBidInvestigation") =>
  z.preprocess(preCheckbox, z.boolean({ error: `${FIELD_LABELS[field]}の値が正しくありません` }));

/** Each field, normalised, in a required and an optional form. */
const required = {
  ordererId: z.preprocess(preText, idSchema("ordererId")),
  departmentId: z.preprocess(preText, idSchema("departmentId")),
  baseContractId: z.preprocess(preText, idSchema("baseContractId")),
  workName: z.preprocess(preText, textSchema("workName")),
  workLocation: z.preprocess(preText, textSchema("workLocation")),
  workCategory: z.preprocess(preText, enumSchema("workCategory", WORK_CATEGORIES)),
  contractDate: z.preprocess(preDate, dateSchema("contractDate")),
  periodFrom: z.preprocess(preDate, dateSchema("periodFrom")),
  periodTo: z.preprocess(preDate, dateSchema("periodTo")),
  contractAmount: z.preprocess(preAmount, amountSchema("contractAmount")),
  advanceAmount: z.preprocess(preAmount, amountSchema("advanceAmount")),
  intermediateAmount: z.preprocess(preAmount, amountSchema("intermediateAmount")),
  deliveryMethod: z.preprocess(preText, enumSchema("deliveryMethod", DELIVERY_METHODS)),
};

const optional = {
  ordererId: z.preprocess(preText, idSchema("ordererId").optional()),
  departmentId: z.preprocess(preText, idSchema("departmentId").optional()),
  baseContractId: z.preprocess(preText, idSchema("baseContractId").optional()),
  workName: z.preprocess(preText, textSchema("workName").optional()),
  workLocation: z.preprocess(preText, textSchema("workLocation").optional()),
  workCategory: z.preprocess(preText, enumSchema("workCategory", WORK_CATEGORIES).optional()),
  bidDate: z.preprocess(preDate, dateSchema("bidDate").optional()),
  contractDate: z.preprocess(preDate, dateSchema("contractDate").optional()),
  periodFrom: z.preprocess(preDate, dateSchema("periodFrom").optional()),
  periodTo: z.preprocess(preDate, dateSchema("periodTo").optional()),
  contractAmount: z.preprocess(preAmount, amountSchema("contractAmount").optional()),
  advanceAmount: z.preprocess(preAmount, amountSchema("advanceAmount").optional()),
  intermediateAmount: z.preprocess(preAmount, amountSchema("intermediateAmount").optional()),
  contractGuaranteeAmount: z.preprocess(preAmount, amountSchema("contractGuaranteeAmount").optional()),
  deliveryMethod: z.preprocess(preText, enumSchema("deliveryMethod", DELIVERY_METHODS).optional()),
  notes: z.preprocess(preMultilineText, notesSchema.optional()),
};

const MENU_ERROR = { error: `${FIELD_LABELS.menu}が正しくありません` };
const NOT_AN_OBJECT = "申込内容を読み取れませんでした。画面を開き直してください";

// ───────────────────────────── 一時保存 ─────────────────────────────

/** 一時保存: only the menu is needed (it decides which form the draft reopens in); the rest may be blank. */
export const ZApplicationDraftSchema = z.object(
  {
    menu: z.enum(APPLICATION_MENUS, MENU_ERROR),
    withContractGuarantee: checkboxSchema("withContractGuarantee"),
    lowBidInvestigation: checkboxSchema("lowBidInvestigation"),
    ...optional,
  },
  { error: NOT_AN_OBJECT },
);

export type TApplicationDraft = z.infer<typeof ZApplicationDraftSchema>;

// ───────────────────────────── 確認・申込む ─────────────────────────────

const submitCommon = {
  ordererId: required.ordererId,
  departmentId: required.departmentId,
  workName: required.workName,
  workLocation: required.workLocation,
  workCategory: required.workCategory,
  bidDate: optional.bidDate, // needed for 電子交付 (the orderer's start date is by 入札日); see the rules below
  contractDate: required.contractDate,
  periodFrom: required.periodFrom,
  periodTo: required.periodTo,
  contractAmount: required.contractAmount,
  advanceAmount: required.advanceAmount,
  lowBidInvestigation: checkboxSchema("lowBidInvestigation"),
  deliveryMethod: required.deliveryMethod,
  notes: optional.notes,
};

/** Menu 1 前払金保証・契約保証: 契約保証 is an optional special term of the advance-payment guarantee. */
const ZAdvanceSubmit = z.object({
  menu: z.literal("ADVANCE"),
  withContractGuarantee: checkboxSchema("withContractGuarantee"),
  contractGuaranteeAmount: optional.contractGuaranteeAmount, // required when withContractGuarantee (rules below)
  ...submitCommon,
});

/** Menu 2 契約保証済の前払金保証: the 契約保証 already concluded is picked as the base. */
const ZAdvanceAfterContractSubmit = z.object({
  menu: z.literal("ADVANCE_AFTER_CONTRACT"),
  baseContractId: required.baseContractId,
  ...submitCommon,
});

/** Menu 3 中間前払金保証: builds on the 前払金保証 picked; 前払金額 is that guarantee's (already paid) advance. */
const ZIntermediateSubmit = z.object({
  menu: z.literal("INTERMEDIATE"),
  baseContractId: required.baseContractId,
  intermediateAmount: required.intermediateAmount,
  ...submitCommon,
});

type Issue = { path: ApplicationField; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value if it passed its own check; the rules between fields only look at well-formed values. */
const valid = {
  amount: (v: unknown): number | null =>
    typeof v === "number" && checkAmountRange({ amount: v, label: "" }) === null ? v : null,
  date: (v: unknown): string | null => (typeof v === "string" && ISO_DATE.test(v) ? v : null),
  category: (v: unknown): WorkCategory | null =>
    typeof v === "string" && (WORK_CATEGORIES as readonly string[]).includes(v) ? (v as WorkCategory) : null,
};

/** The rules between fields, each reported on the field the person has to change. */
function crossFieldIssues(input: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: ApplicationField, message: string | null) => {
    if (message) issues.push({ path, message });
  };

  const bidDate = valid.date(input.bidDate);
  const contractDate = valid.date(input.contractDate);
  const periodFrom = valid.date(input.periodFrom);
  const periodTo = valid.date(input.periodTo);
  if (periodFrom && periodTo && periodFrom > periodTo) {
    add("periodTo", "工期（至）は工期（自）以降の日付を入力してください");
  }
  if (bidDate && contractDate && bidDate > contractDate) {
    add("contractDate", "契約日は入札日以降の日付を入力してください");
  }
  if (input.deliveryMethod === "ELECTRONIC" && input.bidDate === undefined) {
    add("bidDate", "電子交付を希望する場合は入札日を入力してください");
  }

  const contractAmount = valid.amount(input.contractAmount);
  const advanceAmount = valid.amount(input.advanceAmount);
  const workCategory = valid.category(input.workCategory);
  if (contractAmount === null) return issues;

  if (input.menu === "ADVANCE" || input.menu === "ADVANCE_AFTER_CONTRACT") {
    if (advanceAmount !== null && workCategory) {
      add("advanceAmount", checkAdvanceLimit({ contractAmount, advanceAmount, workCategory }));
    }
  }

  if (input.menu === "ADVANCE" && input.withContractGuarantee === true) {
    if (input.contractGuaranteeAmount === undefined) {
      add("contractGuaranteeAmount", `${FIELD_LABELS.contractGuaranteeAmount}を入力してください`);
    }
    const contractGuaranteeAmount = valid.amount(input.contractGuaranteeAmount);
    if (contractGuaranteeAmount !== null) {
      const lowBidInvestigation = input.lowBidInvestigation === true;
      add(
        "contractGuaranteeAmount",
        checkContractGuaranteeMinimum({ contractAmount, contractGuaranteeAmount, lowBidInvestigation }) ??
          checkContractGuaranteeMaximum({ contractAmount, contractGuaranteeAmount }),
      );
    }
  }

  if (input.menu === "INTERMEDIATE") {
    const intermediateAmount = valid.amount(input.intermediateAmount);
    if (intermediateAmount !== null) {
      add("intermediateAmount", checkIntermediateLimit({ contractAmount, intermediateAmount }));
      if (advanceAmount !== null) {
        add("intermediateAmount", checkAdvanceTotalLimit({ contractAmount, advanceAmount, intermediateAmount }));
      }
    }
  }
  return issues;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** 確認・申込む: everything the chosen menu needs, and every published rule between the amounts and dates. */
export const ZApplicationSubmitSchema = z
  .discriminatedUnion("menu", [ZAdvanceSubmit, ZAdvanceAfterContractSubmit, ZIntermediateSubmit], {
    error: (issue) => (issue.code === "invalid_union" ? MENU_ERROR.error : NOT_AN_OBJECT),
  })
  .superRefine(
    (value, ctx) => {
      for (const { path, message } of crossFieldIssues(value as Record<string, unknown>)) {
        ctx.addIssue({ code: "custom", path: [path], message, input: value });
      }
    },
    // Run even when some fields failed, so the form shows every problem at once (the rules skip invalid fields).
    { when: (payload) => isRecord(payload.value) && APPLICATION_MENUS.includes(payload.value.menu as ApplicationMenu) },
  )
  // Without the special term, a 契約保証金額 left in the form means nothing; don't carry it into the application.
  .transform((value) =>
    value.menu === "ADVANCE" && !value.withContractGuarantee ? { ...value, contractGuaranteeAmount: undefined } : value,
  );

export type TApplicationSubmit = z.infer<typeof ZApplicationSubmitSchema>;

// ───────────────────────────── helpers for forms and actions ─────────────────────────────

/** Where an error that belongs to no single field goes in `toFieldErrors`. */
export const FORM_ERROR_KEY = "_form";

/** Messages per field path (`workName`, `contractAmount` …) for the form, without duplicates, in order. */
export function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : FORM_ERROR_KEY;
    const list = (fieldErrors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return fieldErrors;
}

/** Moved to its own module so the browser form can use it without loading zod; re-exported here for callers. */
export { guaranteeKindsFor } from "@/lib/guarantee-application/guarantee-kinds-for";
