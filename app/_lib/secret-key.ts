import "server-only";
import { loadSecretKey, type SecretKey } from "@/lib/store/secret-key";

/** The secrets key (`CROSSNET_SECRET_KEY_FILE`), or null when it cannot be loaded (callers refuse then). */
export function dashboardSecretKey(): SecretKey | null {
  const loaded = loadSecretKey();
  return loaded.ok ? loaded.value.key : null;
}
