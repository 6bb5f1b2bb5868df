"use server";
import { createElement } from "react";
import { headers } from "next/headers";
import { z } from "zod";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { CHAIN_PROBLEM_MESSAGES, DSURE_MESSAGES } from "@/lib/dsure/messages";
import { ZDsureLookupSchema } from "@/lib/dsure/schemas";
import { recordBadFormat } from "@/lib/dsure/record-bad-format";
import { isDatabaseUnreachableError } from "@/lib/db-health";
import { minutesUntil } from "@/lib/rate-limit/minutes-until";
import { clientIpFrom, userAgentFrom } from "@/lib/request";
import { DsureCertificateResult } from "@/components/certificate/dsure-certificate-result";
import { DsureTamperedResult } from "@/components/certificate/dsure-tampered-result";
import { buildVerificationFile } from "@/lib/dsure/build-verification-file";
import type { StoredChainEntry } from "@/lib/dsure/verify-chain";
import type { DsureLookupState } from "@/components/certificate/dsure-lookup-form";

/** D-Sure: look up a certificate by 保証契約番号 + 認証キー. Anonymous by design; throttled and logged in the lib. */
export async function lookupCertificateAction(_prev: DsureLookupState, formData: FormData): Promise<DsureLookupState> {
  const raw = {
    contractNumber: String(formData.get("contractNumber") ?? ""),
    authKey: String(formData.get("authKey") ?? ""),
  };
  const values = { contractNumber: raw.contractNumber.slice(0, 64) };
  const h = await headers();
  const parsed = ZDsureLookupSchema.safeParse(raw);
  if (!parsed.success) {
    // An empty or overlong field counts against the client like a malformed number (never against a number).
    // With the database down the field errors are still shown; the count is what is lost.
    await recordBadFormat({ clientIp: clientIpFrom(h), userAgent: userAgentFrom(h), channel: "PAGE" }).catch((e) => {
      if (!isDatabaseUnreachableError(e)) throw e;
    });
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }

  const now = new Date();
  const result = await lookupCertificate({
    contractNumber: parsed.data.contractNumber,
    authKey: parsed.data.authKey,
    clientIp: clientIpFrom(h),
    userAgent: userAgentFrom(h),
    channel: "PAGE",
    now,
  });

  if (result.ok || result.reason === "TAMPERED") {
    const certificate = result.ok
      ? createElement(DsureCertificateResult, {
          view: result.view,
          checkedAt: now,
          verificationFile: JSON.stringify(
            buildVerificationFile({ entries: JSON.parse(result.chain) as StoredChainEntry[], contractNumber: result.view.contractNumber, now }),
            null,
            2,
          ),
        })
      : createElement(DsureTamperedResult, {
          contractNumber: result.contractNumber,
          reasonLabel: CHAIN_PROBLEM_MESSAGES[result.problem],
          note: DSURE_MESSAGES.tamperedNote,
          checkedAt: now,
        });
    const values = { contractNumber: result.ok ? result.view.contractNumber : result.contractNumber };
    // Posted by the page's JavaScript (it sends Next-Action): the element travels in the action's RSC answer.
    if (h.has("next-action")) return { values, result: certificate };
    // A plain form post: the page is rendered with this state, then the state goes to the browser as JSON. The element
    // is there for the render only (not enumerable, so JSON leaves it out) and resultInPage tells the form to keep it.
    return Object.defineProperty({ values, resultInPage: true }, "result", { value: certificate, enumerable: false });
  }
  switch (result.reason) {
    case "BAD_NUMBER":
      return {
        fieldErrors: { contractNumber: [result.detail === "CHECK_DIGIT" ? DSURE_MESSAGES.checkDigit : DSURE_MESSAGES.numberFormat] },
        values,
      };
    case "BAD_KEY":
      return { fieldErrors: { authKey: [DSURE_MESSAGES.keyFormat] }, values };
    case "NOT_FOUND":
      return { message: DSURE_MESSAGES.notFound, values };
    case "THROTTLED":
      return { message: DSURE_MESSAGES.throttled(minutesUntil(result.until, now)), values };
  }
}
