/** Runs once when the Next server starts: the setup token and the listener warning (Node runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceStartup } = await import("./app/_lib/startup");
  announceStartup();
}
