/** Emails are matched trimmed and lower-cased; the original spelling is kept for display. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately practical rather than RFC 5322-complete: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@<>(),;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isValidEmail(email: string): boolean {
  return email.length <= 320 && EMAIL.test(email.trim());
}

export function emailDomain(normalizedEmail: string): string {
  return normalizedEmail.slice(normalizedEmail.lastIndexOf('@') + 1);
}

/** A readable name from an address when none is given: "ada.lovelace@x" → "Ada Lovelace". */
export function nameFromEmail(email: string): string {
  const local = email.trim().split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}
