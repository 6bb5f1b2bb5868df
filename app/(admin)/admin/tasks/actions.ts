"use server";
import { refresh } from "next/cache";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/session";
import { completeStaffTask } from "@/lib/contract/complete-staff-task";
import { toActionError, type ActionState } from "../_lib/action-state";

const ZTaskIdSchema = z.object({ taskId: z.uuid() });

/** 完了 of a 保証証書の印刷・発送 task (any staff role). */
export async function completeTaskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["REVIEWER", "APPROVER", "ADMIN"]);
    const parsed = ZTaskIdSchema.safeParse({ taskId: formData.get("taskId") });
    if (!parsed.success) return { ok: false, message: "作業を特定できません" };
    const { alreadyDone } = await completeStaffTask({ taskId: parsed.data.taskId, staffId: staff.userId });
    refresh();
    return { ok: true, message: alreadyDone ? "この作業は完了済みです。" : "完了にしました。" };
  } catch (e) {
    return toActionError(e);
  }
}
