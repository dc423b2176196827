export const ZH_TEMPLATES: Record<string, string> = {};
