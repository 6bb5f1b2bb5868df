import type { ChangeValues } from "./check-change-values";
import type { RequestedChange } from "./plan-change";
import type { TChangeRequestInput } from "./schemas";

/** The columns of a ChangeRequest row that hold the requested values. */
export type ChangeRequestColumns = {
  kind: TChangeRequestInput["kind"];
  newContractAmount: bigint | null;
  newGuaranteeAmount: bigint | null;
  newPeriodTo: Date | null;
  newCompanyName: string | null;
  newAddress: string | null;
  changeContractDate: Date;
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const date = (s: string) => new Date(`${s}T00:00:00Z`);

/** Parsed form input → the columns written to ChangeRequest. */
export function toChangeRequestColumns(input: TChangeRequestInput): ChangeRequestColumns & { reason: string } {
  return {
    kind: input.kind,
    newContractAmount: input.newContractAmount === null ? null : BigInt(input.newContractAmount),
    newGuaranteeAmount: input.newGuaranteeAmount === null ? null : BigInt(input.newGuaranteeAmount),
    newPeriodTo: input.newPeriodTo === null ? null : date(input.newPeriodTo),
    newCompanyName: input.newCompanyName,
    newAddress: input.newAddress,
    changeContractDate: date(input.changeContractDate),
    reason: input.reason,
  };
}

/** A stored request as the pure rules read it. */
export function changeValuesOf(row: ChangeRequestColumns): ChangeValues {
  return {
    kind: row.kind,
    newContractAmount: row.newContractAmount === null ? null : Number(row.newContractAmount),
    newGuaranteeAmount: row.newGuaranteeAmount === null ? null : Number(row.newGuaranteeAmount),
    newPeriodTo: row.newPeriodTo ? iso(row.newPeriodTo) : null,
    newCompanyName: row.newCompanyName,
    newAddress: row.newAddress,
    changeContractDate: iso(row.changeContractDate),
  };
}

/** A stored request as the plan reads it. */
export function requestedChangeOf(row: ChangeRequestColumns): RequestedChange {
  return {
    kind: row.kind,
    newContractAmount: row.newContractAmount,
    newGuaranteeAmount: row.newGuaranteeAmount,
    newPeriodTo: row.newPeriodTo ? iso(row.newPeriodTo) : null,
    newCompanyName: row.newCompanyName,
    newAddress: row.newAddress,
  };
}
