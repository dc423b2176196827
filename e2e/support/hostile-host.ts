/** Markup that would run script if any view rendered host data as HTML. */
export const HOSTILE = "<img src=x onerror=alert(1)>";
