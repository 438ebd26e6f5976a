/* Search loader (hooks/search_tuning.py): stands in for Material's search worker.
 *
 * Material starts its worker and sends it the search index on every page view. The index
 * it sends here holds no pages, only the settings and two file names: config.first, a small
 * index (titles and tags), and config.full, the full one. This loader keeps
 * that message, and loads the real worker only once the reader starts to search: the page
 * (search_start.js) says so on a BroadcastChannel named after this file. Where there is no
 * BroadcastChannel, it loads at once.
 *
 * The small index and the worker load side by side, so the first results come after one
 * request. The full index follows and is built in a second worker, so typing meanwhile is
 * still answered from the small one; once it is built, it answers every query, starting
 * with the last one typed. Messages say which is which, for the page's tests: the small
 * index's READY has first: true, and the answer to the query asked again has again: true.
 */
(() => {
  const WORKER = "__WORKER__"; // the tuned worker, beside this file
  const INDEX_DIR = "__INDEX_DIR__"; // where the indexes are, from this file
  const SETUP = 0; // Material's SearchMessageType.SETUP
  const READY = 1; // Material's SearchMessageType.READY
  const QUERY = 2; // Material's SearchMessageType.QUERY
  const RESULT = 3; // Material's SearchMessageType.RESULT
  let setup = null;
  let lastQuery = null;
  let wanted = typeof BroadcastChannel === "undefined";
  let loading = false;
  let imported = false;
  let fullWorker = null; // the worker with the full index, once it is built
  let small = true; // whether this worker's index is the small one
  const channel = wanted ? null : new BroadcastChannel(`search ${location.href}`);
  const post = self.postMessage.bind(self);
  // Material's worker posts through this name; its READY for the small index says so.
  self.postMessage = (message, ...rest) =>
    post(message && message.type === READY && small ? { ...message, first: true } : message, ...rest);

  const index = async (name) => {
    const response = await fetch(new URL(`${INDEX_DIR}/${name}`, location.href));
    if (!response.ok) throw new Error(`search index: ${response.status} ${response.url}`);
    return response.json();
  };
  // Material's worker builds its index from a SETUP message, again for each one it gets.
  const send = (data) => dispatchEvent(new MessageEvent("message", { data }));
  const setupWith = ({ config, docs }) => ({ ...setup, data: { ...setup.data, config, docs } });
  const load = async () => {
    const small = index(setup.data.config.first); // downloads while importScripts blocks this thread
    if (!imported) importScripts(WORKER); // Material's worker adds its own message listener
    imported = true;
    send(setupWith(await small));
    channel?.postMessage("started");
    channel?.close();
  };
  const loadFull = async () => {
    // Only after the first results' files, so those have the bandwidth to themselves.
    const full = setupWith(await index(setup.data.config.full));
    if (typeof Worker === "undefined") {
      small = false;
      send(full); // no worker in a worker here: this one builds the full index instead
      return;
    }
    const worker = new Worker(WORKER);
    let again = false;
    worker.onmessage = ({ data }) => {
      if (data && data.type === READY) {
        fullWorker = worker;
        again = lastQuery !== null;
        if (again) worker.postMessage({ type: QUERY, data: lastQuery });
        post(data); // Material asks nothing new on a second READY
      } else if (again && data && data.type === RESULT) {
        again = false;
        post({ ...data, again: true });
      } else post(data); // its results go to the page
    };
    worker.postMessage(full);
  };
  const start = () => {
    if (loading || !wanted || !setup) return;
    loading = true;
    load().then(
      () => loadFull().catch((error) => console.error(error)), // the small index keeps answering
      (error) => {
        loading = false; // the next "start" tries again
        console.error(error);
      },
    );
  };
  function hold(event) {
    if (event.data && event.data.type === SETUP) {
      setup = event.data;
      removeEventListener("message", hold);
      start();
    }
  }
  addEventListener("message", hold);
  // Before Material's listener, so once the full index is built it alone answers.
  addEventListener("message", (event) => {
    if (!event.data || event.data.type !== QUERY) return;
    lastQuery = event.data.data;
    if (fullWorker) {
      event.stopImmediatePropagation();
      fullWorker.postMessage(event.data);
    }
  });
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
