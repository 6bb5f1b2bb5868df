import { logoutAction } from "@/app/logout-action";

export function LogoutButton({ to }: { to: "enet" | "admin" }) {
  return (
    <form action={logoutAction}>
      <input type="hidden" name="to" value={to} />
      <button type="submit" className="btn btn--secondary">
        ログアウト
      </button>
    </form>
  );
}
