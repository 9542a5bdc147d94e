// Sets the variables the configuration module requires, before anything reads it.
export function setTestEnv(extra: Record<string, string> = {}): void {
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  process.env.LOG_LEVEL = "silent";
  Object.assign(process.env, extra);
}
