"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { Translate } from "@/lib/i18n/ui";

/** The logs or console window of one container, when open. */
export type HandsWindow = { kind: "logs" | "console"; container: string; host: string } | null;

/** The last action on a container: running, or its result line (ok or error), put in words when shown (either language). */
export type HandsStatus = { busy: boolean; message: (t: Translate) => string; tone: "ok" | "error" | "info" };

export type HandsState = {
  window: HandsWindow;
  status: Record<string, HandsStatus>;
  open(window: HandsWindow): void;
  setStatus(container: string, status: HandsStatus): void;
};

function createHandsStore() {
  return createStore<HandsState>()((set) => ({
    window: null,
    status: {},
    open(window) {
      set({ window });
    },
    setStatus(container, status) {
      set((s) => ({ status: { ...s.status, [container]: status } }));
    },
  }));
}

type HandsStore = ReturnType<typeof createHandsStore>;

const HandsContext = createContext<HandsStore | null>(null);

/** Holds the container windows and action results of one editor (created once per mount). */
export function HandsProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createHandsStore);
  return <HandsContext.Provider value={store}>{children}</HandsContext.Provider>;
}

export function useHandsStore(): HandsStore {
  const store = useContext(HandsContext);
  if (!store) throw new Error("useHands must be used inside <HandsProvider>");
  return store;
}

/** Subscribes to a slice of the hands state (select primitives, or wrap in useShallow). */
export function useHands<T>(selector: (state: HandsState) => T): T {
  return useStore(useHandsStore(), selector);
}
