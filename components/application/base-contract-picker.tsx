import { formatWareki } from "@/lib/dates";
import type { BaseContractSummary } from "@/lib/guarantee-application/to-base-contract-summary";
import { Choice, ChoiceGroup } from "./choice-group";

/**
 * Menus 2 and 3 start by picking the concluded guarantee to build on. A plain GET form (`?base=<id>`): the page then
 * shows the application form filled from that guarantee — no script needed.
 */
export function BaseContractPicker({
  action,
  legend,
  contracts,
  error,
}: {
  action: string;
  legend: string;
  contracts: (BaseContractSummary & { concludedAt: Date })[];
  error?: string;
}) {
  if (contracts.length === 0) {
    return (
      <p className="notice notice--warning">
        対象となる保証契約がありません。{legend}は、締結済の保証契約がある工事についてお申し込みいただけます。
      </p>
    );
  }
  return (
    <form method="get" action={action}>
      <ChoiceGroup id="base" legend={legend} errors={error ? [error] : undefined} required>
        {contracts.map((c) => (
          <Choice
            key={c.id}
            type="radio"
            name="base"
            value={c.id}
            label={`${c.contractNumber}　${c.workName}（${c.ordererName}・保証金額 ${c.guaranteeAmountText}・${formatWareki(c.concludedAt)}締結）`}
          />
        ))}
      </ChoiceGroup>
      <div className="btn-row">
        <button type="submit" className="btn">
          選択して入力へ進む
        </button>
      </div>
    </form>
  );
}
