// GET /api/groupware/account — is the user's mail/agenda/contacts account connected (GroupwareAccountStatus).
// POST {login, password} — checked by an IMAP login first (400 when refused), then stored sealed.
// DELETE — forgets the stored password and closes the user's pooled connections.
import { withSession } from "@/server/http/with-session";
import { accountStatus, connectAccount, disconnectAccount, ZConnectAccount } from "@/server/mail/groupware-account";

export const GET = withSession({}, async ({ user }) => Response.json(await accountStatus(user)));

export const POST = withSession({ body: ZConnectAccount }, async ({ user, request, body }) =>
  Response.json(await connectAccount(user, body, request)),
);

export const DELETE = withSession({}, async ({ user }) => Response.json(await disconnectAccount(user)));
