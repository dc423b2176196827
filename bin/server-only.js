// Every adapter imports "server-only", a marker that throws when resolved without the "react-server"
// condition: that is how Next refuses to put an adapter into a client bundle. The CLI, the benches and
// the scripts are server processes too, so they resolve that one package (and no other) with the
// condition, through a module resolve hook, instead of running all of Node under react-server (which
// would change how react and next resolve for `crossnet serve`).
import { register } from "node:module";

/** Installs the hook; call it after tsx's register() so it runs first. */
export function registerServerOnly() {
  register("./server-only-hook.js", import.meta.url);
}
