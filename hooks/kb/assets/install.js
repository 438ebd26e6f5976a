// Registers the service worker that keeps a copy of this site for reading with no network.
// hooks/webapp.py adds this script only to builds served over the web (not mkdocs serve, not file://).
(() => {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const worker = new URL("../sw.js", document.currentScript.src);
  const register = () =>
    navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname, updateViaCache: "none" }).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register);
})();
