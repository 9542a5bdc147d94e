// GET|POST /api/auth/* – next-auth's OpenID Connect endpoints (sign-in, callback, sign-out, session).
import { handlers } from "@/server/auth/next-auth";

export const { GET, POST } = handlers;
