import { saveTopologyAction } from "@/app/topologies/actions";
import type { EditorStore } from "./state/editor-store";

/** Sends the current document to the server as the next version, and records the outcome in the store. */
export async function saveDocument(store: EditorStore): Promise<void> {
  const { document, topologyId } = store.getState();
  if (document === store.getState().savedDocument) {
    store.getState().setSave({
      status: "saved",
      ...(store.getState().save.version !== undefined && { version: store.getState().save.version }),
    });
    return;
  }
  store.getState().setSave({ status: "saving" });
  try {
    const result = await saveTopologyAction({ id: topologyId, document });
    if (result.ok) {
      store
        .getState()
        .setSave({ status: "saved", version: result.version, ...(result.note && { message: result.note }) }, document);
    } else {
      const first = result.error.issues?.[0];
      store.getState().setSave({ status: "refused", message: first ? first.message.en : result.error.message });
    }
  } catch (error) {
    store.getState().setSave({ status: "failed", message: `not saved: ${(error as Error).message}` });
  }
}
