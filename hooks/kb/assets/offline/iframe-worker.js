// Offline copy only: browsers will not start a web worker from a file:// page, and Material's
// search runs in one. This stands in for Worker there: the worker's script runs in a hidden
// iframe of the same origin, next to iframe-worker-frame.js, which gives it postMessage and
// importScripts. Both are files, so the page's Content-Security-Policy (no inline script)
// holds inside the iframe too. (The name must contain "iframe-worker": Material's offline
// plugin then adds no shim of its own from a CDN.)
(() => {
  if (location.protocol !== "file:") return;
  const helper = new URL("iframe-worker-frame.js", document.currentScript.src).href;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      const script = new URL(String(url), location.href).href;
      const inner = this.frame.contentWindow;
      inner.document.open();
      inner.document.write(`<script src="${helper}"></script><script src="${script}"></script>`);
      inner.document.close();
      this.loaded = new Promise((resolve) => inner.addEventListener("load", resolve));
      this.relay = (event) => {
        if (event.source !== this.frame.contentWindow) return;
        const kind = event.data && event.data.frameWorkerError ? "error" : "message";
        const copy = kind === "error" ? new ErrorEvent("error", { message: event.data.message }) :
          new MessageEvent("message", { data: event.data });
        this.dispatchEvent(copy);
        if (this["on" + kind]) this["on" + kind](copy);
      };
      window.addEventListener("message", this.relay);
    }

    postMessage(data) {
      this.loaded.then(() => {
        this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }

    terminate() {
      window.removeEventListener("message", this.relay);
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
