import "server-only";
import type { Migration } from "../migrate";

/**
 * Where each user stands in each lesson (step, predictions, runs, break-and-fix exercise), kept on the
 * server so a reload, another browser and the presenter view all show the same state.
 */
export const migration0006: Migration = {
  version: 6,
  name: "lesson-states",
  sql: `
CREATE TABLE lesson_states (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  lesson_id TEXT NOT NULL,
  state TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (user_id, lesson_id)
);
`,
};
