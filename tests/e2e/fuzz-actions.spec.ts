/**
 * Fuzzing the server actions behind the public forms — e-Net保証 and back-office login, ID登録申請 — and the
 * contractor's application actions — 一時保存・確認, 申込む, 変更の申込 — with fast-check, over HTTP against the
 * production build. Every generated input mixes 全角 text, control characters, lone surrogates, bytes that are not
 * UTF-8, numbers out of any range, 100,000-character strings, files where text belongs, missing, repeated and
 * unknown fields. The properties: never a 5xx; nothing the server logs as an error (no unhandled rejection, no
 * Next.js `⨯` error, no unexpected Auth.js error); and nothing stored from a refused input — each refused input is
 * made definitely invalid (one required field broken, or an id that is not the contractor's), the watched tables
 * are compared before and after, and one valid input is then shown to be stored, so the check can fail.
 *
 * How an action is called without a browser: as the form posts when JavaScript is off. The page renders each
 * `useActionState` form with hidden fields — `$ACTION_REF_n`, `$ACTION_n:0` (`{"id": <action id>, "bound": "$@1"}`),
 * `$ACTION_n:1` (the initial state) and `$ACTION_KEY` (a plain `<form action={fn}>` has `$ACTION_ID_<id>` instead).
 * POSTing them back as multipart/form-data to the page's URL, with the fields beside them, runs the action: Next.js
 * finds the action in those fields and answers with the page rendered for the action's state (200) or with the
 * action's redirect (303). The `Next-Action` header is the other way in, but it is what the browser's JavaScript
 * sends with React's own encoding of the arguments; the form post needs nothing but the page. Next.js refuses a
 * post whose Origin is another host (CSRF), so every post sends `Origin: <baseURL>`. The action ids differ per
 * build, so they are read from the page, never written here. Fields whose names start with `$ACTION` belong to
 * Next.js and React, not to the app, so the fuzzer never makes up its own.
 *
 * The login and registration throttles count per client address, which the app reads from the last
 * X-Forwarded-For hop: each post comes from an address of its own (198.18.0.0/15, the benchmarking range).
 */
import crypto from "node:crypto";
import fc from "fast-check";
import { expect, test, type APIRequestContext, type APIResponse } from "./support/test";
import { DEMO_PASSWORD, runFixture, serverLog, sql } from "./support";
import { hiddenFields } from "./support/forms";

type Targets = {
  companyId: string;
  ownDraftId: string;
  ownConcludedApplicationId: string;
  ownContractNumber: string;
  foreignDraftId: string;
  foreignDraftLockVersion: number;
  foreignContractNumber: string;
  ordererId: string;
  departmentId: string;
};

// ───────────────────────────── what is sent ─────────────────────────────

/** A long run of one string, materialised only when sent (and printed short in a counterexample). */
class Repeated {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  toString() {
    return this.unit.repeat(this.times);
  }
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}
/** A file part where the form has a text field. */
class FilePart {
  constructor(
    readonly filename: string,
    readonly data: Buffer,
  ) {}
  [fc.toStringMethod]() {
    return `File(${JSON.stringify(this.filename)}, ${this.data.length} bytes)`;
  }
}
type Value = string | Buffer | Repeated | FilePart;
type Part = [name: string, value: Value];

const CONTROLS = [..."\u0000\u0001\u0007\b\t\n\v\f\r\u001b\u001f\u007f\u0085\u00a0\u200b\u2028\u2029\u202e\u2066\ufeff"];
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"];
const ZENKAKU = [..."０１２３４５６７８９，．－ー―‐−／：　円￥＄％＠ＡＺａｚ株式会社鹿児島市道路改良工事令和年月日ｱｶﾞﾊﾟ①㈱㍻"].concat(["𠮷", "🏗️", "が"]);
const EXTREMES = [
  "", " ", "　", "0", "-0", "-1", "1.5", "9".repeat(400), `-${"9".repeat(400)}`, "1e308", "-1e308", "5e-324", "NaN", "Infinity", "-Infinity",
  "0x1f", "1_000", "１２，３４０，０００円", "￥１２，３４０，０００", "12,34,000", "99999999999999999999", "9007199254740993",
  "2024-02-30", "2023-02-29", "2024-13-01", "0000-01-01", "9999-12-31", "+275760-09-13", "２０２４年１２月１日", "令和6年12月1日",
  "true", "false", "on", "null", "undefined", "[]", "{}", '{"__proto__":{"polluted":1}}', "__proto__", "constructor",
  "' OR '1'='1' --", "'; DROP TABLE \"Company\"; --", "<script>alert(1)</script>", "${7*7}", "%00", "%ff", "../../etc/passwd",
  "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
];
const HUGE = [
  new Repeated("x", 100_000),
  new Repeated("漢", 100_000),
  new Repeated("𠮷", 50_000),
  new Repeated("\u0000", 10_000),
  new Repeated("1", 100_000),
  new Repeated("\u3000", 100_000),
];

/** One field's worth of text, mostly short and strange, sometimes huge. */
const text: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  {
    weight: 4,
    arbitrary: fc.string({ unit: fc.constantFrom(...CONTROLS, ...LONE_SURROGATES, ...ZENKAKU, "a", "1", "-", ",", "@", "."), maxLength: 30 }),
  },
  { weight: 4, arbitrary: fc.constantFrom(...EXTREMES) },
  { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.bigInt()).map(String) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);
/** Anything a multipart part can carry: text, bytes that are not UTF-8, a file. */
const anyValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 10, arbitrary: text },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("a.txt", "申込書.pdf", "", "..\\..\\x"), fc.uint8Array({ maxLength: 64 }))
      .map(([name, b]) => new FilePart(name, Buffer.from(b))),
  },
);
/** Names of fields the form does not have (Next.js' own `$ACTION…` names excepted: they are not the app's). */
const strayName = fc
  .oneof(fc.constantFrom("id", "companyId", "status", "createdById", "role", "__proto__", "constructor", "toString", ""), fc.string({ maxLength: 20 }))
  .filter((n) => !n.startsWith("$ACTION"));

/**
 * The fields of a form: each known field sent as the form would (`known`), as anything, not at all, or several
 * times; then a few fields the form does not have.
 */
function formParts(known: Record<string, fc.Arbitrary<Value>>): fc.Arbitrary<Part[]> {
  const one = (name: string): fc.Arbitrary<Part[]> =>
    fc.oneof(
      { weight: 6, arbitrary: known[name]!.map((v): Part[] => [[name, v]]) },
      { weight: 3, arbitrary: anyValue.map((v): Part[] => [[name, v]]) },
      { weight: 1, arbitrary: fc.constant<Part[]>([]) },
      { weight: 1, arbitrary: fc.array(fc.oneof(known[name]!, anyValue), { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v): Part => [name, v])) },
    );
  return fc
    .tuple(fc.tuple(...Object.keys(known).map(one)), fc.array(fc.tuple(strayName, anyValue), { maxLength: 3 }))
    .map(([fields, stray]) => [...fields.flat(), ...stray]);
}

/** The same parts with every `name` replaced by the given values (none: the field is missing). */
function withField(parts: Part[], name: string, ...values: Value[]): Part[] {
  return [...parts.filter(([n]) => n !== name), ...values.map((v): Part => [name, v])];
}

/** Text that normalises to nothing (spaces, control and invisible characters only). */
const blank = fc.string({ unit: fc.constantFrom(" ", "\u3000", "\u00a0", "\t", "\n", "\r", "\u0000", "\u001f", "\u007f", "\u0085", "\u200b", "\u2028", "\u202e", "\ufeff"), maxLength: 12 });
/** Text longer than `max` characters whatever it starts with. */
const longerThan = (max: number) => fc.string({ maxLength: 20 }).map((s) => s + "あ".repeat(max + 1));
/** Amounts no form accepts: unreadable, zero or negative, fractions, or past 1,000億円. */
const badAmount = fc.constantFrom("12,34,000", "1.5", "abc", "1e308", "9".repeat(400), "-1", "0", "-0", "NaN", "Infinity", "１２，３４，０００", "１億円", "100000000001");
/** Dates that are not on any calendar, or not dates. */
const badDate = fc.constantFrom("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "2024/1/32", "令和6年12月1日", "yesterday", "9".repeat(400), "2024-1-1-1");

// ───────────────────────────── how it is sent ─────────────────────────────

/** multipart/form-data as a browser writes it (`"`, CR and LF in names percent-encoded), any bytes as values. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${crypto.randomBytes(16).toString("hex")}`;
  const quoted = (s: string) => s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    const file = value instanceof FilePart;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"${file ? `; filename="${quoted(value.filename)}"\r\nContent-Type: application/octet-stream` : ""}\r\n\r\n`,
      ),
      file ? value.data : Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8"),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

let lastAddress = crypto.randomInt(0, 1 << 17);
/** A client address of its own for every post (the throttles count per address). */
function freshAddress(): string {
  const n = ++lastAddress % (1 << 17);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Posts a form to the page at `path` the way a browser without JavaScript does. */
async function postForm(request: APIRequestContext, path: string, parts: Part[]): Promise<APIResponse> {
  const { body, contentType } = multipart(parts);
  return request.post(path, {
    data: body,
    headers: { "content-type": contentType, origin: new URL(test.info().project.use.baseURL!).origin, "x-forwarded-for": freshAddress() },
    maxRedirects: 0,
    timeout: 60_000,
  });
}

/** Posts, checks the answer is not a 5xx, and returns status, Location and (optionally) the body. */
async function send(request: APIRequestContext, path: string, parts: Part[], { body = false } = {}) {
  const res = await postForm(request, path, parts);
  const status = res.status();
  const location = res.headers().location ?? "";
  const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  const text = body ? await res.text() : "";
  await res.dispose(); // thousands of answers: free each body
  expect(status, `POST ${path} answered ${status}`).toBeLessThan(500);
  return { status, location, setCookie, text };
}

/** A refused input: the form again with its messages (200), or a body over the size limit (413). */
const REFUSED = [200, 413];

/** Runs a property over batches of three inputs sent at once (two cores: the server stays busy, not swamped). */
async function fuzz<T>(arbitrary: fc.Arbitrary<T>, batches: number, check: (input: T) => Promise<void>) {
  await fc.assert(
    fc.asyncProperty(fc.tuple(arbitrary, arbitrary, arbitrary), async (inputs) => {
      await Promise.all(inputs.map(check));
    }),
    {
      numRuns: batches,
      seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      // Shrinking re-posts every smaller input over HTTP: report the first failing batch instead (with its seed).
      endOnFailure: process.env.FUZZ_SHRINK !== "1",
    },
  );
}

/** Signs the fuzzing company's contractor in through the login action; the request context keeps the cookie. */
async function signInContractor(request: APIRequestContext) {
  const hidden = await hiddenFields(request, "/enet/login", "customerId");
  const r = await send(request, "/enet/login", [...hidden, ["customerId", "e2e-fuzz"], ["password", DEMO_PASSWORD]]);
  expect(r.status).toBe(303);
  expect(r.location).toMatch(/\/enet$/);
}

// ───────────────────────────── what must not change ─────────────────────────────

const COUNTED = [
  "Company", "ContractorUser", "StaffUser", "RegistrationRequest", "PasswordSetupToken", "GuaranteeApplication", "ApplicationEvent",
  "GuaranteeContract", "CertificateVersion", "AuthKey", "StaffTask", "OrdererSubmission", "ChangeRequest", "MailOutbox", "AuditLog",
];
const CHANGED = [
  `(SELECT max("updatedAt") FROM "Company")`,
  `(SELECT max("updatedAt") FROM "ContractorUser")`,
  `(SELECT max("lastLoginAt") FROM "ContractorUser")`,
  `(SELECT max("updatedAt") FROM "StaffUser")`,
  `(SELECT max("lastLoginAt") FROM "StaffUser")`,
  `(SELECT max("updatedAt") FROM "GuaranteeApplication")`,
  `(SELECT sum("lockVersion") FROM "GuaranteeApplication")`,
  `(SELECT max("updatedAt") FROM "GuaranteeContract")`,
  `(SELECT max("updatedAt") FROM "ChangeRequest")`,
];
/** Row counts of every table an action writes (throttle counters aside), and the latest change to the updatable ones. */
async function storedState(): Promise<Record<string, string>> {
  const columns = [...COUNTED.map((t) => `(SELECT count(*) FROM "${t}")::text AS "${t}"`), ...CHANGED.map((q, i) => `${q}::text AS "changed${i}"`)];
  const [row] = await sql<Record<string, string>>(`SELECT ${columns.join(", ")}`);
  return row!;
}

// ───────────────────────────── the server's log ─────────────────────────────

const LOGGED_ERROR = /unhandledRejection|uncaughtException|⨯|^\[auth\]/m;
let logOffset = -1;
test.beforeEach(() => {
  logOffset = serverLog().size;
});
test.afterEach(async () => {
  if (logOffset < 0) {
    test.info().annotations.push({ type: "note", description: "the e2e server does not copy its output to a file: log not checked" });
    return;
  }
  await new Promise((r) => setTimeout(r, 300)); // the copy goes through a pipe
  const lines = serverLog(logOffset).text.split("\n");
  expect(lines.filter((l) => LOGGED_ERROR.test(l)), "errors the server logged during the test").toEqual([]);
});

let targets: Targets;
test.beforeAll(() => {
  targets = runFixture<Targets>("fuzzTargets");
});

// ───────────────────────────── login ─────────────────────────────

const LOGINS = [
  { portal: "e-Net保証", path: "/enet/login", idField: "customerId", target: "e2e-fuzz-target", valid: "e2e-fuzz" },
  { portal: "back office", path: "/admin/login", idField: "staffId", target: "e2e-fuzz-staff", valid: "staff-tanto" },
] as const;

for (const login of LOGINS) {
  test(`${login.portal} login: 300 generated sign-ins are refused without a 5xx, a session or a stored change`, async ({ request }) => {
    test.setTimeout(240_000);
    const hidden = await hiddenFields(request, login.path, login.idField);
    // Unknown ids, and an account that exists (its password checked against a real hash until its id is throttled).
    const id = fc.oneof(
      { weight: 6, arbitrary: text },
      { weight: 1, arbitrary: fc.constantFrom(login.target, login.target.toUpperCase(), ` ${login.target}\u3000`, `${login.target}\u0000`, login.target.replace(/[a-z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))) },
    );
    const input = formParts({ [login.idField]: id, password: text }).map((parts) => [...hidden, ...parts]);
    const before = await storedState();

    await fuzz(input, 100, async (parts) => {
      const r = await send(request, login.path, parts);
      expect(REFUSED, "a refused sign-in shows the form again").toContain(r.status);
      expect(r.setCookie.filter((c) => /session=/.test(c)), "a refused sign-in gets no session").toEqual([]);
    });
    expect(await storedState(), "nothing stored by refused sign-ins").toEqual(before);

    // The same way in, with the right password: signed in, and it shows (lastLoginAt).
    const r = await send(request, login.path, [...hidden, [login.idField, login.valid], ["password", DEMO_PASSWORD]]);
    expect(r.status).toBe(303);
    expect(r.setCookie.some((c) => /session=/.test(c))).toBe(true);
    expect(await storedState()).not.toEqual(before);
  });
}

// ───────────────────────────── ID登録申請 ─────────────────────────────

const REGISTRATION_VALID = {
  companyName: "株式会社ファズ桜島組",
  representative: "代表取締役　桜島　一郎",
  address: "鹿児島県鹿児島市桜島横山町１番地",
  licenseNumber: "鹿児島県知事許可（般－６）第１１１１１号",
  contactName: "桜島　花子",
  email: "ｆｕｚｚ＠ｓａｋｕｒａｊｉｍａ－ｇｕｍｉ．ｅｘａｍｐｌｅ．ｊｐ",
  phone: "（０９９）２２２－３３３３",
};
type RegistrationField = keyof typeof REGISTRATION_VALID;
const TEXT_MAX: Record<RegistrationField, number> = { companyName: 100, representative: 100, address: 200, licenseNumber: 100, contactName: 100, email: 254, phone: 20 };

/** One required field of ID登録申請 broken: missing, blank after normalising, too long, or not an address / number. */
const brokenRegistrationField = fc.constantFrom(...(Object.keys(REGISTRATION_VALID) as RegistrationField[])).chain((field) =>
  fc.tuple(
    fc.constant(field),
    fc.oneof(
      fc.constant(null),
      blank,
      field === "email" ? fc.constantFrom("not-an-address", "a@b", "@example.jp", "info@", "info@例え", "a@b@c", `${"a".repeat(250)}@example.jp`) : fc.constant(null),
      field === "phone"
        ? fc.constantFrom("abc", "099", "1234567890", `0${"1".repeat(11)}`, "+81-99-222-3333", "099‐222‐333", "０９９")
        : longerThan(TEXT_MAX[field]),
    ),
  ),
);

test("ID登録申請: 600 generated requests with a broken field are refused without a 5xx, and nothing is stored or mailed", async ({ request }) => {
  test.setTimeout(240_000);
  const hidden = await hiddenFields(request, "/enet/register", "companyName");
  const known = Object.fromEntries(
    Object.entries(REGISTRATION_VALID).map(([k, v]) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant<Value>(v) }, { weight: 1, arbitrary: text })]),
  );
  const input = fc
    .tuple(formParts(known), brokenRegistrationField)
    .map(([parts, [field, bad]]) => [...hidden, ...(bad === null ? withField(parts, field) : withField(parts, field, bad))]);
  const before = await storedState();

  await fuzz(input, 200, async (parts) => {
    const r = await send(request, "/enet/register", parts);
    expect(REFUSED).toContain(r.status);
  });
  expect(await storedState(), "nothing stored or mailed from refused requests").toEqual(before);

  // The same form, every field valid (in 全角): received, stored and mailed.
  const ok = await send(request, "/enet/register", [...hidden, ...Object.entries(REGISTRATION_VALID)], { body: true });
  expect(ok.text).toContain("ID登録申請を受け付けました");
  const after = await storedState();
  expect(Number(after.RegistrationRequest)).toBe(Number(before.RegistrationRequest) + 1);
  expect(Number(after.MailOutbox)).toBe(Number(before.MailOutbox) + 1);
});

// ───────────────────────────── 保証申込: 一時保存・確認 ─────────────────────────────

const MENUS = ["ADVANCE", "ADVANCE_AFTER_CONTRACT", "INTERMEDIATE"];
/** A complete menu-1 application (書面交付), as people type it. */
const applicationValid = (t: Targets) => ({
  menu: "ADVANCE",
  ordererId: t.ordererId,
  departmentId: t.departmentId,
  workName: "ファズ　市道甲突線道路改良工事",
  workLocation: "鹿児島市山下町地内",
  workCategory: "CONSTRUCTION",
  bidDate: "２０２４年１２月１日",
  contractDate: "2024/12/10",
  periodFrom: "2024-12-11",
  periodTo: "2099-03-31", // far ahead: a 工期（至） that has passed cannot be submitted
  contractAmount: "１２，０００，０００円",
  advanceAmount: "￥4,800,000",
  withContractGuarantee: "on",
  contractGuaranteeAmount: "1,200,000",
  lowBidInvestigation: "off",
  deliveryMethod: "PAPER",
  notes: "特になし\r\n\r\n\r\n以上",
});

/** What makes a draft unsaveable whatever else it holds, or aims it at an application that is not the contractor's to change. */
function brokenDraft(t: Targets): fc.Arbitrary<(parts: Part[]) => Part[]> {
  const set =
    (name: string, ...values: Value[]) =>
    (parts: Part[]) =>
      withField(parts, name, ...values);
  const notAMenu = fc.oneof(text, fc.constantFrom("advance", " ADVANCE", "ＡＤＶＡＮＣＥ")).filter((v) => !MENUS.includes(String(v)));
  return fc.oneof(
    fc.oneof(fc.constant(set("menu")), notAMenu.map((v) => set("menu", v))),
    fc.tuple(fc.constantFrom("workName", "workLocation"), longerThan(200)).map(([f, v]) => set(f, v)),
    longerThan(1000).map((v) => set("notes", v)),
    fc.tuple(fc.constantFrom("contractAmount", "advanceAmount", "intermediateAmount", "contractGuaranteeAmount"), badAmount).map(([f, v]) => set(f, v)),
    fc.tuple(fc.constantFrom("bidDate", "contractDate", "periodFrom", "periodTo"), badDate).map(([f, v]) => set(f, v)),
    fc.tuple(fc.constantFrom("ordererId", "departmentId", "baseContractId"), fc.constantFrom("1", "abc", "' OR 1=1 --", "{}", `${t.ordererId}0`, t.ordererId.replace(/-/g, ""))).map(([f, v]) => set(f, v)),
    // Ids well formed but unknown: the orderer of menu 1, the 担当課 of any menu.
    fc.uuid().map((u) => (parts: Part[]) => withField(withField(parts, "menu", "ADVANCE"), "ordererId", u)),
    fc.uuid().map((u) => set("departmentId", u)),
    fc.tuple(fc.constantFrom("workCategory", "deliveryMethod"), fc.constantFrom("construction", "OTHER", "電子", "1", "ELECTRONIC,PAPER")).map(([f, v]) => set(f, v)),
    fc.tuple(fc.constantFrom("withContractGuarantee", "lowBidInvestigation"), fc.constantFrom("yes", "2", "checked", "ｙｅｓ", "-1")).map(([f, v]) => set(f, v)),
    // Somebody else's draft, the contractor's own concluded application, an unknown id, or no id at all.
    fc
      .oneof(
        fc.constantFrom(t.foreignDraftId, t.foreignDraftId.toUpperCase(), t.ownConcludedApplicationId),
        fc.uuid(),
        fc.constantFrom(" ", "1", "null", "undefined", "' OR 1=1 --", `${t.ownDraftId} `, `${t.ownDraftId}\u0000`),
      )
      .map((id) => set("applicationId", id)),
  );
}

test("一時保存・確認: 600 generated drafts that cannot be saved are refused without a 5xx, and nothing is stored", async ({ request }) => {
  test.setTimeout(240_000);
  await signInContractor(request);
  const hidden = await hiddenFields(request, "/enet/apply/advance", "workName");
  const valid = applicationValid(targets);
  const known: Record<string, fc.Arbitrary<Value>> = Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant<Value>(v) }, { weight: 1, arbitrary: text })]),
  );
  known.menu = fc.oneof(fc.constantFrom(...MENUS), text);
  known.intent = fc.oneof(fc.constantFrom("save", "confirm"), text);
  known.baseContractId = fc.oneof(fc.uuid(), text);
  known.intermediateAmount = fc.oneof(fc.constantFrom("2,000,000", "２０００００１"), text);
  // The page's own hidden `menu` goes; the generated one stands in for it.
  const input = fc
    .tuple(formParts(known), brokenDraft(targets))
    .map(([parts, breakIt]) => [...hidden.filter(([n]) => n !== "menu"), ...breakIt(parts)]);
  const before = await storedState();

  await fuzz(input, 200, async (parts) => {
    const r = await send(request, "/enet/apply/advance", parts);
    expect(REFUSED).toContain(r.status);
  });
  expect(await storedState(), "nothing stored from refused drafts").toEqual(before);

  // The same form, every field valid: 一時保存 stores a draft and opens it again.
  const ok = await send(request, "/enet/apply/advance", [...hidden, ...Object.entries(valid), ["intent", "save"]]);
  expect(ok.status).toBe(303);
  expect(ok.location).toMatch(/\/enet\/applications\/[0-9a-f-]{36}\/edit\?saved=1$/);
  const after = await storedState();
  expect(Number(after.GuaranteeApplication)).toBe(Number(before.GuaranteeApplication) + 1);
});

// ───────────────────────────── 保証申込: 申込む ─────────────────────────────

test("申込む: 210 generated submissions of applications that cannot be submitted change nothing and never answer 5xx", async ({ request }) => {
  test.setTimeout(180_000);
  await signInContractor(request);
  // A complete draft of the contractor's, through 確認 — its confirmation page carries the 申込む form.
  const apply = await hiddenFields(request, "/enet/apply/advance", "workName");
  const confirm = await send(request, "/enet/apply/advance", [...apply, ...Object.entries(applicationValid(targets)), ["intent", "confirm"]]);
  expect(confirm.status).toBe(303);
  const completeId = /\/enet\/applications\/([0-9a-f-]{36})\/confirm$/.exec(confirm.location)?.[1];
  expect(completeId, confirm.location).toBeTruthy();
  const submitForm = await hiddenFields(request, `/enet/applications/${completeId}/confirm`, "lockVersion");
  const lockVersion = Number(submitForm.find(([n]) => n === "lockVersion")![1]);
  const action = submitForm.filter(([n]) => n.startsWith("$ACTION"));

  // Which application: never the complete one with its right version.
  const notSubmittable = fc.oneof(
    fc.constantFrom(targets.foreignDraftId, targets.foreignDraftId.toUpperCase(), targets.ownConcludedApplicationId, targets.ownDraftId),
    fc.uuid(),
    text,
  );
  const input = fc
    .oneof(
      fc.tuple(notSubmittable, formParts({ lockVersion: fc.oneof(fc.constantFrom(String(lockVersion), "0", String(targets.foreignDraftLockVersion)), text) })),
      // The complete one, with a version it does not have (a stale confirmation page).
      fc.tuple(
        fc.constant<Value>(completeId!),
        fc.oneof(fc.integer({ min: -5, max: 1000 }).filter((v) => v !== lockVersion), fc.constantFrom(lockVersion + 0.5, 1e308, -0.5)).map((v): Part[] => [["lockVersion", String(v)]]),
      ),
    )
    .map(([id, rest]): Part[] => [...action, ["applicationId", id], ...rest]);
  const before = await storedState();

  await fuzz(input, 70, async (parts) => {
    const r = await send(request, `/enet/applications/${completeId}/confirm`, parts);
    // The concluded one answers like a second click: a redirect to what is already there.
    if (r.status === 303) expect(r.location).toMatch(/\?already=1$/);
    else expect(REFUSED).toContain(r.status);
  });
  expect(await storedState(), "nothing stored from refused submissions").toEqual(before);

  // The complete one with its version: submitted.
  const ok = await send(request, `/enet/applications/${completeId}/confirm`, [...action, ["applicationId", completeId!], ["lockVersion", String(lockVersion)]]);
  expect(ok.status).toBe(303);
  expect(ok.location).toMatch(/\?submitted=1$/);
  const [row] = await sql<{ status: string }>(`SELECT "status" FROM "GuaranteeApplication" WHERE "id" = $1`, [completeId]);
  expect(row?.status).toBe("SUBMITTED");
});

// ───────────────────────────── 変更の申込 ─────────────────────────────

test("変更の申込: 300 generated change requests with a broken field are refused without a 5xx, and nothing is stored", async ({ request }) => {
  test.setTimeout(240_000);
  await signInContractor(request);
  const page = `/enet/changes/new?contract=${targets.ownContractNumber}&kind=INCREASE`;
  const hidden = await hiddenFields(request, page, "reason");
  const action = hidden.filter(([n]) => n.startsWith("$ACTION"));
  const pageFields = Object.fromEntries(hidden.filter(([n]) => !n.startsWith("$ACTION"))) as Record<string, string>;
  const valid = {
    contractNumber: pageFields.contractNumber!,
    requestToken: pageFields.requestToken!,
    kind: "INCREASE",
    newContractAmount: "１２０，０００，０００",
    newGuaranteeAmount: "48,000,000円",
    changeContractDate: "2025-06-01",
    reason: "設計変更による請負代金額の増額\n（ファズ）",
  };
  const known: Record<string, fc.Arbitrary<Value>> = Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant<Value>(v) }, { weight: 1, arbitrary: text })]),
  );
  known.kind = fc.oneof(fc.constantFrom("INCREASE", "DECREASE", "PERIOD_CHANGE", "CONTRACTOR_INFO"), text);
  known.contractNumber = fc.oneof(fc.constantFrom(valid.contractNumber, valid.contractNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))), text);
  known.requestToken = fc.oneof(fc.constant(valid.requestToken), fc.uuid(), text);
  const set =
    (name: string, ...values: Value[]) =>
    (parts: Part[]) =>
      withField(parts, name, ...values);
  const broken = fc.oneof(
    fc.oneof(fc.constant(set("reason")), blank.map((v) => set("reason", v)), longerThan(1000).map((v) => set("reason", v))),
    fc.oneof(fc.constant(set("changeContractDate")), blank.map((v) => set("changeContractDate", v)), badDate.map((v) => set("changeContractDate", v))),
    fc.tuple(fc.constantFrom("newContractAmount", "newGuaranteeAmount"), badAmount).map(([f, v]) => set(f, v)),
    fc.oneof(text, fc.constantFrom("increase", "ＩＮＣＲＥＡＳＥ")).filter((v) => !["INCREASE", "DECREASE", "PERIOD_CHANGE", "CONTRACTOR_INFO"].includes(String(v))).map((v) => set("kind", v)),
    // Another company's guarantee, a number that is no guarantee, or none.
    fc.oneof(fc.constantFrom(targets.foreignContractNumber, "2024-0000000-0", "0000-0000000-0", "' OR 1=1 --"), fc.constant(null)).map((v) => (v === null ? set("contractNumber") : set("contractNumber", v))),
    fc.constantFrom("1", "not-a-token", `${valid.requestToken}0`, valid.requestToken.toUpperCase().replace(/[0-9]/g, "Z")).map((v) => set("requestToken", v)),
  );
  const input = fc.tuple(formParts(known), broken).map(([parts, breakIt]) => [...action, ...breakIt(parts)]);
  const before = await storedState();

  await fuzz(input, 100, async (parts) => {
    const r = await send(request, page, parts);
    expect(REFUSED).toContain(r.status);
  });
  expect(await storedState(), "nothing stored from refused change requests").toEqual(before);

  // The same form, every field valid: the change request is stored.
  const ok = await send(request, page, [...action, ...Object.entries(valid)]);
  expect(ok.status).toBe(303);
  expect(ok.location).toMatch(/\/enet\/changes\/[0-9a-f-]{36}\?submitted=1$/);
  expect(Number((await storedState()).ChangeRequest)).toBe(Number(before.ChangeRequest) + 1);
});

// ───────────────────────────── bodies over the limit ─────────────────────────────

test("a post larger than the server actions' 1 MB body limit is refused with 413, not a 5xx", async ({ request }) => {
  for (const [path, marker] of [["/enet/login", "customerId"], ["/enet/register", "companyName"]] as const) {
    const hidden = await hiddenFields(request, path, marker);
    const res = await postForm(request, path, [...hidden, [marker, new Repeated("漢", 400_000)]]);
    expect(res.status(), path).toBe(413);
    await res.dispose();
  }
});
