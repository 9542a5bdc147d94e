/**
 * The people of the demo hospital's directory: the three demo accounts (so the signed-in user
 * finds themself and their colleagues) plus thirty colleagues with French names, accents
 * included (Hélène, Bénédicte, Loïc…), spread over real services and professions. Used to seed
 * the OpenLDAP stand-in for tests and the demo. Telephone numbers are in the reserved 01 99 00
 * range and RPPS-like numbers start with 109, so nothing here belongs to anyone real.
 */
import { DEMO_ACCOUNTS } from "@/server/dev-oidc/demo-accounts";

export interface DirectoryPerson {
  /** The entry's RDN value (uid=…). */
  uid: string;
  givenName: string;
  sn: string;
  mail: string;
  /** Profession (LDAP `title`), as ID CAIH exposes it: a lower-case French label. */
  title: string;
  /** Service (LDAP `ou`). */
  ou: string;
  telephoneNumber: string;
  /** RPPS-like identifier (LDAP `employeeNumber`); absent for non-health staff. */
  employeeNumber?: string;
}

const DOMAIN = "demo.hopital.test";

/** givenName, sn, profession, service — uid and mail derive from the (accent-stripped) names. */
const COLLEAGUES: ReadonlyArray<[string, string, string, string]> = [
  ["Hélène", "Leroux", "médecin", "Cardiologie"],
  ["Bénédicte", "Fauré", "cadre de santé", "Cardiologie"],
  ["Loïc", "Le Gall", "infirmier", "Urgences"],
  ["Maëlle", "Bréhat", "médecin", "Urgences"],
  ["Jérôme", "Lefèvre", "aide-soignant", "Urgences"],
  ["Françoise", "Mercier", "sage-femme", "Maternité"],
  ["Noémie", "Dubois", "sage-femme", "Maternité"],
  ["Raphaël", "Garnier", "médecin", "Pédiatrie"],
  ["Zoé", "Rousseau", "infirmière", "Pédiatrie"],
  ["Gaëlle", "Fontaine", "pharmacien", "Pharmacie"],
  ["Théo", "Chevalier", "préparateur en pharmacie", "Pharmacie"],
  ["Agnès", "Lambert", "médecin", "Radiologie"],
  ["Cédric", "Bonnet", "manipulateur en électroradiologie", "Radiologie"],
  ["Élodie", "François", "infirmière", "Réanimation"],
  ["Stéphane", "Girard", "médecin", "Réanimation"],
  ["Inès", "Morel", "kinésithérapeute", "Rééducation"],
  ["Mathéo", "Fournier", "ergothérapeute", "Rééducation"],
  ["Clémence", "André", "psychologue", "Psychiatrie"],
  ["Grégoire", "Mathieu", "médecin", "Psychiatrie"],
  ["Anaïs", "Roux", "diététicienne", "Nutrition"],
  ["Benoît", "Vincent", "médecin", "Oncologie"],
  ["Léa", "Muller", "infirmière", "Oncologie"],
  ["Hervé", "Lefebvre", "biologiste", "Laboratoire"],
  ["Valérie", "Faure", "technicienne de laboratoire", "Laboratoire"],
  ["Aurélien", "Blanc", "chirurgien", "Chirurgie orthopédique"],
  ["Mélanie", "Guérin", "infirmière de bloc", "Chirurgie orthopédique"],
  ["Joël", "Boyer", "anesthésiste", "Anesthésie"],
  ["Solène", "Denis", "secrétaire médicale", "Cardiologie"],
  ["Frédéric", "Dupont", "ingénieur biomédical", "Direction des systèmes d'information"],
  ["Martin", "Alice", "interne", "Urgences"],
];

const HEALTH_PROFESSIONS = new Set([
  "médecin",
  "infirmier",
  "infirmière",
  "sage-femme",
  "pharmacien",
  "kinésithérapeute",
  "ergothérapeute",
  "chirurgien",
  "anesthésiste",
  "biologiste",
  "diététicienne",
  "psychologue",
  "infirmière de bloc",
  "manipulateur en électroradiologie",
  "préparateur en pharmacie",
  "interne",
]);

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const DEMO_SERVICES: Record<string, string> = {
  "alice.martin": "Cardiologie",
  "bruno.durand": "Urgences",
  "chloe.admin": "Direction des systèmes d'information",
};

export const DIRECTORY_PEOPLE: readonly DirectoryPerson[] = [
  ...DEMO_ACCOUNTS.map((account, index) => ({
    uid: account.login,
    givenName: account.givenName,
    sn: account.familyName,
    mail: account.email,
    title: account.profession,
    ou: DEMO_SERVICES[account.login] ?? "Administration",
    telephoneNumber: `+33 1 99 00 10 ${String(index).padStart(2, "0")}`,
    ...(account.rpps ? { employeeNumber: account.rpps } : {}),
  })),
  ...COLLEAGUES.map(([givenName, sn, title, ou], index) => {
    const uid = `${ascii(givenName)}.${ascii(sn)}`;
    return {
      uid,
      givenName,
      sn,
      mail: `${uid}@${DOMAIN}`,
      title,
      ou,
      telephoneNumber: `+33 1 99 00 20 ${String(index).padStart(2, "0")}`,
      ...(HEALTH_PROFESSIONS.has(title) ? { employeeNumber: `109${String(index).padStart(8, "0")}` } : {}),
    };
  }),
];
