export * from "./commands";
export * from "./observed";
export * from "./plan";
export * from "./render";
export * from "./types";
