/** RFC 5987 ext-value: UTF-8, percent-encoding everything outside attr-char (encodeURIComponent leaves '()* alone). */
export function rfc5987Encode(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (RFC 6266): the ASCII name for old clients, the
 * Japanese one for everyone else.
 */
export function attachmentDisposition({ asciiName, utf8Name }: { asciiName: string; utf8Name: string }): string {
  const safeAscii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${rfc5987Encode(utf8Name)}`;
}
