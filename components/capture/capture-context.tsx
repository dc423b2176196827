"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { type CaptureActions, type CaptureState, type CaptureStore, createCaptureStore } from "./capture-store";

const CaptureContext = createContext<CaptureStore | null>(null);

/** Holds the capture and trace state of one editor (created once per mount). */
export function CaptureProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createCaptureStore);
  return <CaptureContext.Provider value={store}>{children}</CaptureContext.Provider>;
}

/** The editor's capture store, or null outside a CaptureProvider (nothing to capture with there). */
export function useCaptureStore(): CaptureStore | null {
  return useContext(CaptureContext);
}

const EMPTY = createCaptureStore();

/** Subscribes to a slice of the capture state (an empty one outside a provider). */
export function useCapture<T>(selector: (state: CaptureState & CaptureActions) => T): T {
  return useStore(useContext(CaptureContext) ?? EMPTY, selector);
}
