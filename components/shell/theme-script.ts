/**
 * Runs before first paint (inline in <head>): applies the saved theme, else the system's, so the
 * page never flashes the wrong colours. A constant: no data is interpolated into it.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("crossnet:theme");if(t!=="light"&&t!=="dark"){t=window.matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){}})();`;
