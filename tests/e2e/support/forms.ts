import { expect, type APIRequestContext } from "@playwright/test";

/**
 * The hidden fields of the page's form that has a field named `marker` — its `$ACTION…` fields (how a form posts to
 * a server action when JavaScript is off) and the app's own. Posted back to the page with the visible fields beside
 * them, they run the action as a browser without JavaScript would.
 */
export async function hiddenFields(request: APIRequestContext, path: string, marker: string): Promise<[string, string][]> {
  const res = await request.get(path, { maxRedirects: 0 });
  expect(res.status(), `GET ${path}`).toBe(200);
  const html = await res.text();
  await res.dispose();
  const form = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(`name="${marker}"`));
  if (!form) throw new Error(`no form with a field "${marker}" on ${path}`);
  const entity = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const parts: [string, string][] = [];
  for (const [, attributes] of form.matchAll(/<input\b([^>]*?)\/?>/g)) {
    const a = Object.fromEntries([...attributes!.matchAll(/([^\s=]+)="([^"]*)"/g)].map(([, k, v]) => [k!, entity(v!)]));
    if (a.type === "hidden" && a.name) parts.push([a.name, a.value ?? ""]);
  }
  expect(parts.some(([n]) => n.startsWith("$ACTION")), `the form on ${path} posts to a server action`).toBe(true);
  return parts;
}
