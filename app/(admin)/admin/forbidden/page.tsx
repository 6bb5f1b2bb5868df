export default function ForbiddenPage() {
  return (
    <>
      <h1>この操作の権限がありません</h1>
      <p>必要な権限をお持ちの職員にご依頼ください。</p>
    </>
  );
}
