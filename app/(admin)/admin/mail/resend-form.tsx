"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { resendMailAction, type ResendState } from "./actions";

/** The 「再送」 button of one failed mail; a refusal is announced beside it (success: the page says so). */
export function ResendForm({ mailId, subject }: { mailId: string; subject: string }) {
  const [state, formAction] = useActionState<ResendState, FormData>(resendMailAction, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="mailId" value={mailId} />
      <SubmitButton className="btn btn--secondary" pendingText="再送中…">
        再送<span className="visually-hidden">（{subject}）</span>
      </SubmitButton>
      <FormMessage message={state.message} />
    </form>
  );
}
