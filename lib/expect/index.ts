export * from "./expect";
export * from "./services";
export * from "./types";
