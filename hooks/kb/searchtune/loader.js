/* Search loader (hooks/search_tuning.py): stands in for Material's search worker.
 *
 * Material starts its worker and sends it the search index on every page view. The index
 * it sends here holds no pages, only the settings and, in config.full, the file name of the
 * full index. This loader keeps that message, and loads the real worker and the full index
 * only once the reader starts to search: the page (search_start.js) says so on a
 * BroadcastChannel named after this file. Where there is no BroadcastChannel, it loads at once.
 */
(() => {
  const WORKER = "__WORKER__"; // the tuned worker, beside this file
  const INDEX_DIR = "__INDEX_DIR__"; // where the full index is, from this file
  const SETUP = 0; // Material's SearchMessageType.SETUP
  let setup = null;
  let wanted = typeof BroadcastChannel === "undefined";
  let loading = false;
  const channel = wanted ? null : new BroadcastChannel(`search ${location.href}`);

  const load = async () => {
    const response = await fetch(new URL(`${INDEX_DIR}/${setup.data.config.full}`, location.href));
    if (!response.ok) throw new Error(`search index: ${response.status} ${response.url}`);
    const { config, docs } = await response.json();
    removeEventListener("message", hold);
    importScripts(WORKER); // Material's worker adds its own message listener
    dispatchEvent(new MessageEvent("message", { data: { ...setup, data: { ...setup.data, config, docs } } }));
    channel?.postMessage("started");
    channel?.close();
  };
  const start = () => {
    if (loading || !wanted || !setup) return;
    loading = true;
    load().catch((error) => {
      loading = false; // the next "start" tries again
      console.error(error);
    });
  };
  function hold(event) {
    if (event.data && event.data.type === SETUP) {
      setup = event.data;
      start();
    }
  }
  addEventListener("message", hold);
  if (channel) {
    channel.onmessage = ({ data }) => {
      if (data === "start") {
        wanted = true;
        start();
      }
    };
    channel.postMessage("waiting"); // a page that was asked before this file ran answers now
  }
})();
