export * from "./expect";
export * from "./hosts";
export * from "./services";
export * from "./types";
