// The setting the groupware route tests (Agenda, Contacts) share: a real Radicale with two
// accounts, the test database, and three signed-in portal users in the three states that matter:
// Alice has stored her groupware login, Bruno has not (GROUPWARE_NOT_CONNECTED), and Chloé has
// stored the password the test chooses (her real one, or a wrong one the server refuses).
// Call it in beforeAll after mocking server/auth/current-user (see call-next-route.ts).
import { startRadicale, type RadicaleUser, type RunningRadicale } from "@/scripts/standins/radicale";
import { setTestEnv } from "@/test/support/test-env";
// Renamed here: it is no React hook, and ESLint's hook rule would refuse a `use…` call in this function.
import { useTestDatabase as installTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";

export const ALICE_ACCOUNT: RadicaleUser = { login: "alice.martin", password: "alice-pw" };
export const CHLOE_ACCOUNT: RadicaleUser = { login: "chloe.admin", password: "chloe-pw" };

export interface GroupwareTestbed {
  radicale: RunningRadicale;
  alice: SignedInUser;
  bruno: SignedInUser;
  chloe: SignedInUser;
}

export async function startGroupwareTestbed(options: {
  /** The portal variables pointed at Radicale (CALDAV_URL, CARDDAV_URL). */
  urlVariables: Array<"CALDAV_URL" | "CARDDAV_URL">;
  /** The password stored for Chloé: her real one by default. */
  chloeStoredPassword?: string;
}): Promise<GroupwareTestbed> {
  const radicale = await startRadicale({ users: [ALICE_ACCOUNT, CHLOE_ACCOUNT], failedLoginDelay: 0 });
  try {
    setTestEnv(Object.fromEntries(options.urlVariables.map((name) => [name, radicale.url])));
    await installTestDatabase();
    const [alice, bruno, chloe] = await Promise.all([
      signInTestUser("Alice Martin"),
      signInTestUser("Bruno Durand"),
      signInTestUser("Chloé Admin"),
    ]);
    const { saveStoredLogin } = await import("@/server/groupware/credentials");
    await saveStoredLogin(alice.user.id, ALICE_ACCOUNT.login, ALICE_ACCOUNT.password);
    await saveStoredLogin(chloe.user.id, CHLOE_ACCOUNT.login, options.chloeStoredPassword ?? CHLOE_ACCOUNT.password);
    return { radicale, alice, bruno, chloe };
  } catch (error) {
    // The caller never gets the handle to stop it: stop it here.
    await radicale.stop();
    throw error;
  }
}
