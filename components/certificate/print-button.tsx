"use client";

/** Opens the browser's print dialog (the print stylesheet leaves out menus and buttons). */
export function PrintButton({ children = "印刷する" }: { children?: React.ReactNode }) {
  return (
    <button type="button" className="btn btn--secondary no-print" onClick={() => window.print()}>
      {children}
    </button>
  );
}
