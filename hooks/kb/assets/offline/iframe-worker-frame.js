// Runs first inside the iframe that iframe-worker.js makes: the worker's own functions,
// built from what a window has. importScripts returns a promise here; Material's search
// worker awaits it.
(() => {
  const host = window.parent;
  window.postMessage = (data) => host.postMessage(data, "*");
  window.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve, reject) => {
              const script = document.createElement("script");
              script.src = url;
              script.addEventListener("load", resolve);
              script.addEventListener("error", () => reject(new Error(`could not load ${url}`)));
              document.head.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  window.addEventListener("error", (event) => host.postMessage({ frameWorkerError: true, message: event.message }, "*"));
})();
