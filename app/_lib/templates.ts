import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseTopologyText } from "@/lib/topology";

export type Template = { id: string; name: string; description: string; text: string };

const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The tutorial's designs in examples/, which are the templates: one per file, sorted by file name. */
export async function listTemplates(): Promise<Template[]> {
  const dir = join(process.cwd(), "examples");
  const files = (await readdir(dir)).filter((file) => file.endsWith(".yaml")).sort();
  const templates: Template[] = [];
  for (const file of files) {
    const id = file.replace(/\.yaml$/, "");
    if (!TEMPLATE_ID.test(id)) continue;
    const text = await readFile(join(dir, file), "utf8");
    const topology = parseTopologyText(text).topology;
    if (topology) templates.push({ id, name: topology.name, description: topology.description ?? "", text });
  }
  return templates;
}

export async function findTemplate(id: string): Promise<Template | undefined> {
  return (await listTemplates()).find((template) => template.id === id);
}
