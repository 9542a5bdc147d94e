/**
 * Pro Santé Connect userinfo claims (the subset the portal uses). PSC answers userinfo as a signed
 * JWT (`application/jwt`), not JSON. `SubjectNameID` is the national professional id (IdNat_PS):
 * "8" + RPPS for RPPS-registered professionals, "0" + ADELI otherwise.
 */
import "server-only";
import { z } from "zod";

const ZExercice = z.looseObject({
  codeProfession: z.string().optional(),
  codeCategorieProfessionnelle: z.string().optional(),
});

export const ZPscUserinfo = z.looseObject({
  sub: z.string().min(1),
  SubjectNameID: z.string().min(1).optional(),
  preferred_username: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  SubjectRefPro: z.looseObject({ exercices: z.array(ZExercice).optional() }).optional(),
});
export type TPscUserinfo = z.infer<typeof ZPscUserinfo>;
