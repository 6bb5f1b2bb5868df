/** Crockford base32: no I, L, O, U, so a key read aloud or retyped from paper is hard to get wrong. */
export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters × 5 bits = 80 bits from the CSPRNG (DOMAIN.md §7 asks for at least 64). */
export const AUTH_KEY_LENGTH = 16;
export const AUTH_KEY_BYTES = 10;

export const AUTH_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/;
