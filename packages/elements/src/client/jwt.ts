/** Reading the kit's session tokens (JWTs) in the browser. */

/**
 * A JWT's claims, or undefined for a token that is not a JWT. Only read, never trusted: the proxy
 * verifies the token; the kit reads it only to know when to replace it and what not to ask for.
 */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  try {
    const claims: unknown = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    );
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The lifetime a JWT gives itself (`exp - iat`, in ms), or undefined without both claims. */
export function jwtLifetime(token: string): number | undefined {
  const { iat, exp } = jwtClaims(token) ?? {};
  return typeof iat === 'number' && typeof exp === 'number' && exp > iat ? (exp - iat) * 1000 : undefined;
}

/** Whether the token's scopes (`scp`) leave `scope` out; false when it names none (not a kit token). */
export function lacksScope(token: string, scope: string): boolean {
  const scopes = jwtClaims(token)?.scp;
  return Array.isArray(scopes) && !scopes.includes(scope);
}
