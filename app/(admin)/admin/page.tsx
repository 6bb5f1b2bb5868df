import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/session";

export default async function AdminHome() {
  const staff = await requireStaffPage();
  return (
    <>
      <h1>業務メニュー</h1>
      <ul className="menu">
        <li>
          <Link href="/admin/applications">保証申込の審査・締結</Link>
        </li>
        {staff.role === "ADMIN" ? (
          <li>
            <Link href="/admin/audit">監査ログ</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
