// Inline validation for the settings page: each function returns a plain-language message, or undefined
// when the value is fine. Empty values are handled by the caller (required vs optional).

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function guidError(value: string, what: string): string | undefined {
  if (GUID.test(value.trim())) {
    return undefined;
  }
  return `${what} must be a GUID such as 00000000-0000-0000-0000-000000000000 (copy it from the app registration's Overview page in the Entra admin center).`;
}

export function tenantError(value: string): string | undefined {
  const v = value.trim();
  if (GUID.test(v) || DOMAIN.test(v)) {
    return undefined;
  }
  return 'Tenant ID must be the Directory (tenant) ID, a GUID such as 00000000-0000-0000-0000-000000000000, or a verified domain such as contoso.onmicrosoft.com.';
}

export interface Range {
  min: number;
  max: number;
}

/** parseWhole parses a whole number in range; it returns the number or a message. */
export function parseWhole(raw: string, label: string, range: Range): number | string {
  const v = raw.trim();
  if (!/^\d+$/.test(v)) {
    return `${label} must be a whole number between ${range.min} and ${range.max}.`;
  }
  const n = Number(v);
  if (n < range.min || n > range.max) {
    return `${label} must be between ${range.min} and ${range.max}; ${n} is out of range.`;
  }
  return n;
}

export function httpsUrlError(value: string, label: string): string | undefined {
  const v = value.trim();
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return `${label} must be a full URL such as https://hunting.example.com.`;
  }
  if (url.protocol !== 'https:') {
    return `${label} must start with https:// (tokens and queries are never sent in clear text).`;
  }
  return undefined;
}

/** PEM blocks the certificate field needs: a certificate and its private key. */
export function certificateError(value: string): string | undefined {
  if (!value.includes('-----BEGIN CERTIFICATE-----')) {
    return 'Paste the certificate in PEM format; it must contain a -----BEGIN CERTIFICATE----- block.';
  }
  if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(value)) {
    return 'The PEM must also contain the private key (a -----BEGIN PRIVATE KEY----- block) after the certificate.';
  }
  return undefined;
}
