export * from "./expect";
export * from "./types";
