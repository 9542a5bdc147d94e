/**
 * The demo accounts of the development OpenID provider, and the claims each issuer releases for
 * them. The password of every account is `demo` (the product brief's contract).
 *
 * The two issuers release different claim sets on purpose, as the real services do:
 * - `idcaih` (a Keycloak realm) sends plain OIDC claims plus two mapper claims, `profession` and
 *   `rpps`, and `roles` for administrators;
 * - `psc` (Pro Santé Connect) sends its own vocabulary: `SubjectNameID` ("8" + RPPS),
 *   `SubjectRefPro.exercices[].codeProfession` (10 = médecin, 60 = infirmier)…
 * Subjects differ between the issuers (as they do in real life), so that the portal has to link
 * identities on the RPPS or the verified e-mail, never on `sub`.
 */
import "server-only";
import { timingSafeEqual } from "node:crypto";

export type IssuerKind = "idcaih" | "psc";

export interface DemoAccount {
  login: string;
  givenName: string;
  familyName: string;
  email: string;
  /** Lower-case French label, as an LDAP `title` mapper would give it. */
  profession: string;
  /** Code of the national profession table (TRE_G15), for health professionals only. */
  professionCode: string | null;
  rpps: string | null;
  roles: string[];
  subjects: Record<IssuerKind, string>;
}

export const DEMO_PASSWORD = "demo";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: "alice.martin",
    givenName: "Alice",
    familyName: "Martin",
    email: "alice.martin@demo.hopital.test",
    profession: "médecin",
    professionCode: "10",
    rpps: "10101010101",
    roles: [],
    subjects: { idcaih: "demo-alice", psc: "psc-demo-alice" },
  },
  {
    login: "bruno.durand",
    givenName: "Bruno",
    familyName: "Durand",
    email: "bruno.durand@demo.hopital.test",
    profession: "infirmier",
    professionCode: "60",
    rpps: "10202020202",
    roles: [],
    subjects: { idcaih: "demo-bruno", psc: "psc-demo-bruno" },
  },
  {
    login: "chloe.admin",
    givenName: "Chloé",
    familyName: "Admin",
    email: "chloe.admin@demo.hopital.test",
    profession: "administratrice",
    professionCode: null,
    rpps: null,
    roles: ["admin"],
    subjects: { idcaih: "demo-chloe", psc: "psc-demo-chloe" },
  },
];

/** Accounts that can sign in on an issuer: Pro Santé Connect only knows RPPS-registered people. */
export function accountsFor(issuer: IssuerKind): DemoAccount[] {
  return DEMO_ACCOUNTS.filter((account) => issuer === "idcaih" || account.rpps !== null);
}

export function findAccountBySubject(issuer: IssuerKind, subject: string): DemoAccount | undefined {
  return accountsFor(issuer).find((account) => account.subjects[issuer] === subject);
}

function equalsInConstantTime(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type CheckPasswordResult =
  { ok: true; account: DemoAccount } | { ok: false; reason: "bad-credentials" | "not-on-this-issuer" };

/**
 * Checks a login and password. An account that exists but cannot use this issuer (Chloé on Pro
 * Santé Connect) gets its own reason so the page can say why instead of "wrong password".
 */
export function checkPassword(issuer: IssuerKind, login: string, password: string): CheckPasswordResult {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.login === login.trim().toLowerCase());
  if (!account || !equalsInConstantTime(password, DEMO_PASSWORD)) return { ok: false, reason: "bad-credentials" };
  if (!accountsFor(issuer).includes(account)) return { ok: false, reason: "not-on-this-issuer" };
  return { ok: true, account };
}

export type ClaimValue = string | boolean | string[] | Record<string, unknown>;
export interface DemoClaims {
  sub: string;
  [claim: string]: ClaimValue;
}

/** Every claim an issuer may release for an account; oidc-provider filters them by scope. */
export function claimsOf(issuer: IssuerKind, account: DemoAccount): DemoClaims {
  const common: DemoClaims = {
    sub: account.subjects[issuer],
    given_name: account.givenName,
    family_name: account.familyName,
    email: account.email,
    email_verified: true,
  };
  if (issuer === "idcaih") {
    const claims: DemoClaims = {
      ...common,
      name: `${account.givenName} ${account.familyName}`,
      preferred_username: account.login,
      profession: account.profession,
    };
    // Keycloak mappers omit empty attributes rather than sending "" or [].
    if (account.rpps) claims.rpps = account.rpps;
    if (account.roles.length > 0) claims.roles = account.roles;
    return claims;
  }
  // Pro Santé Connect: the national id doubles as preferred_username, as PSC does.
  const subjectNameId = `8${account.rpps ?? ""}`;
  return {
    ...common,
    preferred_username: subjectNameId,
    SubjectNameID: subjectNameId,
    SubjectRefPro: {
      codeCivilite: "",
      exercices: [
        {
          codeProfession: account.professionCode ?? "",
          codeCategorieProfessionnelle: "C",
          codeCiviliteDexercice: account.professionCode === "10" ? "DR" : "",
          nomDexercice: account.familyName.toUpperCase(),
          prenomDexercice: account.givenName,
          activities: [],
        },
      ],
    },
  };
}
