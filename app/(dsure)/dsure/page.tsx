export default function DsurePage() {
  return <h1>電子証書の閲覧</h1>;
}
