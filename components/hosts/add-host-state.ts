import type { PresentedHostKey } from "@/lib/exec/fetch-host-key";

/** The add-host form's whole state: what was typed, the host key fetched and confirmed, the last message. */
export type AddHostState = {
  name: string;
  address: string;
  port: string;
  user: string;
  /** The private key file's text, to upload to the encrypted key store once the host is added. */
  privateKey: string;
  presented: PresentedHostKey | null;
  confirmed: boolean;
  message: { tone: "ok" | "error"; text: string } | null;
  busy: boolean;
};

export type AddHostEvent =
  | { type: "edit"; field: "name" | "address" | "port" | "user"; value: string }
  | { type: "private-key"; text: string }
  | { type: "start" }
  | { type: "presented"; key: PresentedHostKey }
  | { type: "confirm"; confirmed: boolean }
  | { type: "message"; tone: "ok" | "error"; text: string }
  | { type: "added"; text: string }
  | { type: "done" };

export const INITIAL_ADD_HOST: AddHostState = {
  name: "",
  address: "",
  port: "22",
  user: "root",
  privateKey: "",
  presented: null,
  confirmed: false,
  message: null,
  busy: false,
};

/**
 * The form's transitions, pure. Changing the name, address or port forgets the fetched host key and its
 * confirmation: a key confirmed for one address must never be pinned for another. A host added clears
 * what identified it (and the private key's text), keeping the login for the next host.
 */
export function addHostReducer(state: AddHostState, event: AddHostEvent): AddHostState {
  switch (event.type) {
    case "edit":
      return event.field === "user"
        ? { ...state, user: event.value }
        : { ...state, [event.field]: event.value, presented: null, confirmed: false };
    case "private-key":
      return { ...state, privateKey: event.text };
    case "start":
      return { ...state, busy: true, message: null };
    case "presented":
      return { ...state, presented: event.key, confirmed: false };
    case "confirm":
      return { ...state, confirmed: event.confirmed };
    case "message":
      return { ...state, message: { tone: event.tone, text: event.text } };
    case "added":
      return {
        ...state,
        name: "",
        address: "",
        privateKey: "",
        presented: null,
        confirmed: false,
        message: { tone: "ok", text: event.text },
      };
    case "done":
      return { ...state, busy: false };
  }
}
