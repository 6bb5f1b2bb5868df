// The certificate's stylesheet belongs to this segment, not only to its pages: a certificate that is not the user's
// answers 404 from the page, and Chromium then warns in the console that the page's stylesheet was preloaded but not
// used. Loaded by the layout, with this segment's own not-found.tsx rendered under it, it is an ordinary stylesheet
// on the 404 screen too.
import "@/components/certificate/certificate.module.css";

export default function CertificatesLayout({ children }: { children: React.ReactNode }) {
  return children;
}
