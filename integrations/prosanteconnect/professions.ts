/**
 * Profession codes of the national directory (TRE_G15-ProfessionSante), the ones most seen in
 * hospitals. Unknown codes are kept as "code N" rather than guessed.
 */
import "server-only";

const PROFESSIONS: Record<string, string> = {
  "10": "médecin",
  "21": "pharmacien",
  "26": "audioprothésiste",
  "28": "opticien-lunetier",
  "31": "assistant dentaire",
  "40": "chirurgien-dentiste",
  "50": "sage-femme",
  "60": "infirmier",
  "69": "infirmier psychiatrique",
  "70": "masseur-kinésithérapeute",
  "80": "pédicure-podologue",
  "81": "orthoprothésiste",
  "91": "orthophoniste",
  "92": "orthoptiste",
  "94": "ergothérapeute",
  "95": "diététicien",
  "96": "psychomotricien",
  "98": "manipulateur ERM",
};

export function professionFromCode(code: string | undefined): string | null {
  if (!code) return null;
  return PROFESSIONS[code] ?? `code ${code}`;
}
