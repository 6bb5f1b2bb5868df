import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";

/** 完了: marks a staff task (e.g. 保証証書の印刷・発送) done. Completing it again is a no-op. */
export async function completeStaffTask({ taskId, staffId, now = new Date() }: { taskId: string; staffId: string; now?: Date }): Promise<{ alreadyDone: boolean }> {
  return db.$transaction(async (tx) => {
    const staff = await loadActingStaff(tx, { staffId, roles: ["REVIEWER", "APPROVER", "ADMIN"] });
    const updated = await tx.staffTask.updateMany({ where: { id: taskId, status: "OPEN" }, data: { status: "DONE", doneAt: now, doneById: staff.id } });
    if (updated.count === 0) {
      const task = await tx.staffTask.findUnique({ where: { id: taskId }, select: { status: true } });
      if (!task) throw new DomainError("NOT_FOUND", { taskId });
      return { alreadyDone: true };
    }
    const task = await tx.staffTask.findUniqueOrThrow({ where: { id: taskId }, select: { kind: true, contract: { select: { contractNumber: true } } } });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "task.complete",
      entityType: "StaffTask",
      entityId: taskId,
      before: { status: "OPEN" },
      after: { status: "DONE", kind: task.kind, contractNumber: task.contract.contractNumber, doneAt: now },
    });
    return { alreadyDone: false };
  });
}
