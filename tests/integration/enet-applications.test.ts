/**
 * e-Net保証 applications against a real database: 電子交付 eligibility by the seeded orderer rules, 一時保存 → 申込む
 * with its event, mail and audit row, double submits, 差戻し → 再申込, and company scoping.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError, isDomainError } from "@/lib/errors";
import { checkApplicationSubmittable } from "@/lib/guarantee-application/check-application-submittable";
import { deleteApplicationDraft } from "@/lib/guarantee-application/delete-application-draft";
import { describeElectronicOption } from "@/lib/guarantee-application/describe-electronic-option";
import { getApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";
import { listApplicationsForCompany } from "@/lib/guarantee-application/list-applications-for-company";
import { listBaseContracts } from "@/lib/guarantee-application/list-base-contracts";
import { saveApplicationDraft } from "@/lib/guarantee-application/save-application-draft";
import { submitApplication } from "@/lib/guarantee-application/submit-application";
import { listOrdererOptions } from "@/lib/orderer/list-orderer-options";
import { createConcludedContract, menu1Draft, seedDemo, type Demo } from "./enet-fixtures";

let demo: Demo;
const KAGOSHIMA_REASON = "この発注者の電子保証は令和6年12月1日以降に入札を行う案件が対象です";

beforeAll(async () => {
  demo = await seedDemo(db);
});

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const as = (who: Demo["kensetsu"]) => ({ companyId: who.companyId, userId: who.userId, loginId: who.loginId });

describe("電子交付 eligibility from the orderer's ElectronicDeliveryRule", () => {
  it("鹿児島市: 入札日 2024-11-30 is refused with the reason, 2024-12-01 is eligible (the form's own rule data)", async () => {
    const kagoshima = (await listOrdererOptions()).find((o) => o.name === "鹿児島市")!;
    const judge = (bidDate: string) =>
      describeElectronicOption({
        menu: "ADVANCE",
        withContractGuarantee: true,
        ordererChosen: true,
        rule: kagoshima.rule,
        bidDate,
        workCategory: "CONSTRUCTION",
      });
    expect(judge("2024-11-30")).toMatchObject({ state: "REFUSED", message: KAGOSHIMA_REASON });
    expect(judge("2024-12-01")).toEqual({ state: "ELIGIBLE", message: null });
  });

  it("鹿児島市 on the server: saving 電子交付 with 入札日 2024-11-30 is refused, 2024-12-01 saves and is submittable", async () => {
    const e = await rejection(
      saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo, { bidDate: "2024-11-30", contractDate: "2024-12-05" }) }),
    );
    expect(e.code).toBe("NOT_ELIGIBLE_FOR_ELECTRONIC");
    expect(e.details.reason).toBe(KAGOSHIMA_REASON);

    const saved = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo, { bidDate: "2024-12-01" }) });
    const check = await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: saved.id });
    expect(check.ok).toBe(true);
  });

  it("the paper-only orderer (サンプル町) is never eligible, and the server refuses 電子交付 for it", async () => {
    const town = (await listOrdererOptions()).find((o) => o.name === "サンプル町")!;
    expect(
      describeElectronicOption({
        menu: "ADVANCE",
        withContractGuarantee: false,
        ordererChosen: true,
        rule: town.rule,
        bidDate: "2025-01-10",
        workCategory: "CONSTRUCTION",
      }),
    ).toMatchObject({ state: "REFUSED", message: "この発注者は電子保証に対応していません" });

    const e = await rejection(
      saveApplicationDraft({
        ...as(demo.kensetsu),
        draft: menu1Draft(demo, { ordererId: demo.sampleTown.id, departmentId: demo.sampleTown.departmentId, bidDate: "2025-01-10", contractDate: "2025-01-20" }),
      }),
    );
    expect(e.code).toBe("NOT_ELIGIBLE_FOR_ELECTRONIC");
    const paper = await saveApplicationDraft({
      ...as(demo.kensetsu),
      draft: menu1Draft(demo, {
        ordererId: demo.sampleTown.id,
        departmentId: demo.sampleTown.departmentId,
        bidDate: "2025-01-10",
        contractDate: "2025-01-20",
        deliveryMethod: "PAPER",
      }),
    });
    expect((await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: paper.id })).ok).toBe(true);
  });

  it("submitApplication refuses 電子交付 for an ineligible application even if it got stored", async () => {
    const { id } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo) });
    // As if the rule had been tightened after saving: the stored draft is now before the start date.
    await db.guaranteeApplication.update({
      where: { id },
      data: { bidDate: new Date("2024-11-30T00:00:00Z"), contractDate: new Date("2024-12-05T00:00:00Z") },
    });
    const { lockVersion } = await db.guaranteeApplication.findUniqueOrThrow({ where: { id } });
    const e = await rejection(submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion }));
    expect(e.code).toBe("NOT_ELIGIBLE_FOR_ELECTRONIC");
    expect(e.details.reason).toBe(KAGOSHIMA_REASON);
    const after = await db.guaranteeApplication.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(after.status).toBe("DRAFT");
    expect(after.events).toHaveLength(0);
  });

  it("a draft that chose 電子交付 before 入札日 is known keeps it (nothing is lost), but cannot be submitted so", async () => {
    const { id } = await saveApplicationDraft({
      ...as(demo.kensetsu),
      draft: { menu: "ADVANCE", withContractGuarantee: false, lowBidInvestigation: false, ordererId: demo.kagoshima.id, deliveryMethod: "ELECTRONIC" },
    });
    const check = await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: id });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.fieldErrors.bidDate).toContain("電子交付を希望する場合は入札日を入力してください");
  });
});

describe("一時保存 → 確認 → 申込む", () => {
  it("saves an incomplete draft, completes it, and submits it with one event, one mail and an audit row", async () => {
    const draft = await saveApplicationDraft({
      ...as(demo.kensetsu),
      draft: { menu: "ADVANCE", withContractGuarantee: false, lowBidInvestigation: false, workName: "途中まで入力した工事" },
    });
    expect(draft.created).toBe(true);
    const listed = await listApplicationsForCompany({ companyId: demo.kensetsu.companyId });
    expect(listed.find((a) => a.id === draft.id)).toMatchObject({ status: "DRAFT", workName: "途中まで入力した工事" });

    const incomplete = await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: draft.id });
    expect(incomplete.ok).toBe(false);

    const completed = await saveApplicationDraft({
      ...as(demo.kensetsu),
      applicationId: draft.id,
      draft: menu1Draft(demo, { workName: "途中まで入力した工事", withContractGuarantee: true, contractGuaranteeAmount: 1_000_000 }),
    });
    expect(completed).toMatchObject({ id: draft.id, created: false, lockVersion: 1 });

    const mailsBefore = await db.mailOutbox.count({ where: { template: "APPLICATION_RECEIVED" } });
    const result = await submitApplication({ ...as(demo.kensetsu), applicationId: draft.id, lockVersion: completed.lockVersion });
    expect(result).toEqual({ outcome: "SUBMITTED", id: draft.id });

    const stored = await db.guaranteeApplication.findUniqueOrThrow({ where: { id: draft.id }, include: { events: true } });
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.submittedAt).toBeInstanceOf(Date);
    expect(stored.events.map((e) => [e.type, e.actorType, e.actorId])).toEqual([["SUBMITTED", "CONTRACTOR", demo.kensetsu.userId]]);
    const mails = await db.mailOutbox.findMany({ where: { template: "APPLICATION_RECEIVED" }, orderBy: { createdAt: "desc" } });
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails[0]!.text).toContain("途中まで入力した工事");
    expect(mails[0]).toMatchObject({ subject: "保証申込受付のお知らせ", toAddress: demo.kensetsu.email });
    const audit = await db.auditLog.findMany({ where: { entityId: draft.id, action: "application.submit" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "CONTRACTOR", actorLabel: "demo-kensetsu" });
  });

  it("a 工期（至） already past is refused at 確認 beside 工期（至）, and again at 申込む; the last day itself is accepted", async () => {
    const { id, lockVersion } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo, { periodTo: "2025-03-31" }) });
    const check = await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: id });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.fieldErrors.periodTo?.join()).toContain("工期（至）（令和7年3月31日）は既に過ぎています");
    expect((await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: id, today: "2025-03-31" })).ok).toBe(true);

    const e = await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion }).catch((err: unknown) => err);
    expect(isDomainError(e, "VALIDATION")).toBe(true);
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
  });

  it("a double click submits once: the second call is told it was already submitted, with no second event or mail", async () => {
    const { id, lockVersion } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo) });
    const mailsBefore = await db.mailOutbox.count({ where: { template: "APPLICATION_RECEIVED" } });
    const results = await Promise.all([
      submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion }),
      submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["ALREADY_SUBMITTED", "SUBMITTED"]);
    expect(await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion })).toEqual({
      outcome: "ALREADY_SUBMITTED",
      id,
    });
    expect(await db.applicationEvent.count({ where: { applicationId: id } })).toBe(1);
    expect(await db.mailOutbox.count({ where: { template: "APPLICATION_RECEIVED" } })).toBe(mailsBefore + 1);
  });

  it("a submitted application is read-only; a stale confirmation (changed since) is not submitted", async () => {
    const { id, lockVersion } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo) });
    await saveApplicationDraft({ ...as(demo.kensetsu), applicationId: id, draft: menu1Draft(demo, { workName: "別タブで変更" }) });
    expect((await rejection(submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion }))).code).toBe("CONFLICT");

    await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion: lockVersion + 1 });
    expect((await rejection(saveApplicationDraft({ ...as(demo.kensetsu), applicationId: id, draft: menu1Draft(demo) }))).code).toBe(
      "INVALID_STATE",
    );
    expect((await rejection(deleteApplicationDraft({ ...as(demo.kensetsu), applicationId: id }))).code).toBe("INVALID_STATE");
  });

  it("a returned application (差戻し) can be edited and resubmitted (RESUBMITTED), but not deleted", async () => {
    const { id, lockVersion } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo) });
    await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion });
    await db.guaranteeApplication.update({ where: { id }, data: { status: "RETURNED", returnReason: "工期を確認してください" } });

    expect((await rejection(deleteApplicationDraft({ ...as(demo.kensetsu), applicationId: id }))).code).toBe("INVALID_STATE");
    const edited = await saveApplicationDraft({
      ...as(demo.kensetsu),
      applicationId: id,
      draft: menu1Draft(demo, { periodTo: "2098-06-30" }),
    });
    const stillReturned = await getApplicationForCompany({ companyId: demo.kensetsu.companyId, applicationId: id });
    expect(stillReturned).toMatchObject({ status: "RETURNED", returnReason: "工期を確認してください" });
    await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion: edited.lockVersion });
    const events = await db.applicationEvent.findMany({ where: { applicationId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["SUBMITTED", "RESUBMITTED"]);
  });

  it("only a draft can be deleted, and it is gone", async () => {
    const { id } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo) });
    await deleteApplicationDraft({ ...as(demo.kensetsu), applicationId: id });
    expect(await db.guaranteeApplication.findUnique({ where: { id } })).toBeNull();
  });

  it("a 担当課 of another orderer is refused beside the 担当課 field", async () => {
    const e = await rejection(
      saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo, { departmentId: demo.sampleTown.departmentId }) }),
    );
    expect(e.code).toBe("VALIDATION");
    expect(e.details.fieldErrors).toEqual({ departmentId: ["担当課の選択が正しくありません"] });
  });
});

describe("menus 2 and 3 build on the company's own concluded guarantees", () => {
  it("menu 3 takes 前払金額 from the base 前払金保証 on the server, whatever the form says", async () => {
    const base = await createConcludedContract(db, demo, { owner: demo.kensetsu, guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: 3_500_000n });
    const [option] = await listBaseContracts({ companyId: demo.kensetsu.companyId, menu: "INTERMEDIATE", contractId: base.id });
    expect(option!.prefill).toMatchObject({ advanceAmount: "3500000", contractAmount: "10000000", ordererId: demo.kagoshima.id });

    const { id, lockVersion } = await saveApplicationDraft({
      ...as(demo.kensetsu),
      draft: {
        ...menu1Draft(demo),
        menu: "INTERMEDIATE",
        baseContractId: base.id,
        ordererId: demo.sampleTown.id, // ignored: the 工事 is the base contract's
        departmentId: demo.kagoshima.departmentIds[2],
        advanceAmount: 1, // ignored
        intermediateAmount: 2_000_000,
      },
    });
    const stored = await db.guaranteeApplication.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ advanceAmount: 3_500_000n, ordererId: demo.kagoshima.id, baseContractId: base.id });
    // The base is increased before submitting: the submitted 前払金額 follows it.
    await db.guaranteeContract.update({ where: { id: base.id }, data: { guaranteeAmount: 3_800_000n } });
    await submitApplication({ ...as(demo.kensetsu), applicationId: id, lockVersion });
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id } })).advanceAmount).toBe(3_800_000n);
  });

  it("menu 2 needs a 契約保証 of the company: a 前払金保証 or another company's guarantee is refused", async () => {
    const advance = await createConcludedContract(db, demo, { owner: demo.kensetsu, guaranteeType: "ADVANCE_PAYMENT" });
    const othersContract = await createConcludedContract(db, demo, { owner: demo.doboku, guaranteeType: "CONTRACT" });
    const own = await createConcludedContract(db, demo, { owner: demo.kensetsu, guaranteeType: "CONTRACT" });
    const options = await listBaseContracts({ companyId: demo.kensetsu.companyId, menu: "ADVANCE_AFTER_CONTRACT" });
    expect(options.map((o) => o.id)).toContain(own.id);
    expect(options.map((o) => o.id)).not.toContain(advance.id);
    expect(options.map((o) => o.id)).not.toContain(othersContract.id);

    for (const baseContractId of [advance.id, othersContract.id]) {
      const e = await rejection(
        saveApplicationDraft({ ...as(demo.kensetsu), draft: { ...menu1Draft(demo), menu: "ADVANCE_AFTER_CONTRACT", baseContractId } }),
      );
      expect(e.code).toBe("VALIDATION");
      expect(e.details.fieldErrors).toEqual({ baseContractId: ["対象の保証契約の選択が正しくありません"] });
    }
    const ok = await saveApplicationDraft({
      ...as(demo.kensetsu),
      draft: { ...menu1Draft(demo), menu: "ADVANCE_AFTER_CONTRACT", baseContractId: own.id },
    });
    expect((await checkApplicationSubmittable({ companyId: demo.kensetsu.companyId, applicationId: ok.id })).ok).toBe(true);
  });
});

describe("company scoping: another company's id is the same NOT_FOUND as a missing one", () => {
  it("get, list, save, submit and delete with demo-kensetsu's application as demo-doboku", async () => {
    const { id, lockVersion } = await saveApplicationDraft({ ...as(demo.kensetsu), draft: menu1Draft(demo, { workName: "他社から見えない工事" }) });
    const other = as(demo.doboku);

    expect((await rejection(getApplicationForCompany({ companyId: other.companyId, applicationId: id }))).code).toBe("NOT_FOUND");
    expect((await rejection(checkApplicationSubmittable({ companyId: other.companyId, applicationId: id }))).code).toBe("NOT_FOUND");
    expect((await listApplicationsForCompany({ companyId: other.companyId })).map((a) => a.id)).not.toContain(id);
    expect((await rejection(saveApplicationDraft({ ...other, applicationId: id, draft: menu1Draft(demo) }))).code).toBe("NOT_FOUND");
    expect((await rejection(submitApplication({ ...other, applicationId: id, lockVersion }))).code).toBe("NOT_FOUND");
    expect((await rejection(deleteApplicationDraft({ ...other, applicationId: id }))).code).toBe("NOT_FOUND");

    // …exactly as for an id that does not exist or is not an id at all.
    for (const missing of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      expect((await rejection(getApplicationForCompany({ companyId: other.companyId, applicationId: missing }))).code).toBe("NOT_FOUND");
      expect((await rejection(deleteApplicationDraft({ ...other, applicationId: missing }))).code).toBe("NOT_FOUND");
    }

    const untouched = await db.guaranteeApplication.findUniqueOrThrow({ where: { id } });
    expect(untouched).toMatchObject({ status: "DRAFT", workName: "他社から見えない工事", lockVersion });
    // Every user of the owning company sees it.
    expect((await listApplicationsForCompany({ companyId: demo.kensetsu.companyId })).map((a) => a.id)).toContain(id);
  });
});
