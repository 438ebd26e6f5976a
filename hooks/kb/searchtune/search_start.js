/* Search start (hooks/search_tuning.py): tells the search loader (loader.js) that the reader
 * has started to search, so the worker and the full index load then, not with every page.
 *
 * The sign is focus on a search box: Material's (its search keys and search icon focus it)
 * or any search form on the page, such as the home page's. A page opened with ?q= (Material
 * opens search for it) starts at once. A loader that began before this script ran says
 * "waiting", and is answered if the reader has already asked; once a loader says "started",
 * the page says nothing more (another tab's loader must not start with this one).
 */
(() => {
  const config = document.getElementById("__config");
  if (!config || typeof BroadcastChannel === "undefined") return;
  const worker = JSON.parse(config.textContent).search;
  if (typeof worker !== "string") return;
  const channel = new BroadcastChannel(`search ${new URL(worker, location.href).href}`);
  const BOXES = "[data-md-component=search-query], form[role=search] input";
  let asked = false;
  let done = false;
  const start = () => {
    asked = true;
    if (!done) channel.postMessage("start");
  };
  channel.onmessage = ({ data }) => {
    if (data === "waiting" && asked) channel.postMessage("start");
    if (data === "started") {
      done = true;
      channel.close();
    }
  };
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches(BOXES)) start();
  });
  if (new URLSearchParams(location.search).has("q") || document.activeElement?.matches(BOXES)) start();
})();
