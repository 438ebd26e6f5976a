// The tools' one way to use localStorage. Keys carry the site's base path, because a GitHub Pages
// project site shares its origin, and so its storage, with every other project of the same user.
(() => {
  const BASE = new URL("..", document.currentScript.src).pathname;
  const PREFIX = `unsent:${BASE}:`;
  const UNDO_SECONDS = 10;
  const FAILED =
    "This browser could not keep this. Its storage may be full or turned off. " +
    "What you see is still here, so copy anything you need before you close the page.";

  const attempt = (action, fallback) => {
    try {
      return action();
    } catch {
      return fallback;
    }
  };

  // store("counter", nearby): get, set and remove one tool's value. A failed save says so in an
  // alert placed after `nearby`; nothing on screen is touched.
  window.unsentStore = (name, nearby) => {
    const key = PREFIX + name;
    const legacy = `unsent.${name}`; // the key used before namespacing
    attempt(() => {
      const old = localStorage.getItem(legacy);
      if (old !== null && localStorage.getItem(key) === null) localStorage.setItem(key, old);
      localStorage.removeItem(legacy); // only reached once the value is safe under the new key
    });
    const alert = Object.assign(document.createElement("p"), { className: "tool-storage", hidden: true });
    alert.setAttribute("role", "alert");
    if (nearby) nearby.after(alert);
    else document.body.append(alert); // the page changed shape: still say so, never crash
    const tell = (ok) => {
      alert.textContent = ok ? "" : FAILED;
      alert.hidden = ok;
      return ok;
    };
    return {
      get: () => attempt(() => localStorage.getItem(key), null),
      set: (value) => tell(attempt(() => (localStorage.setItem(key, value), true), false)),
      remove() {
        attempt(() => localStorage.removeItem(key));
        tell(true);
      },
    };
  };

  // Every key the tools wrote on this site, with its value: what "delete everything" removes and
  // what its undo puts back. Undo data lives only in this page's memory, for a few seconds.
  window.unsentStore.all = () =>
    attempt(
      () =>
        Object.fromEntries(
          Object.keys(localStorage)
            .filter((k) => k.startsWith(PREFIX) || k.startsWith("unsent.")) // "unsent.": keys from before namespacing
            .map((k) => [k, localStorage.getItem(k)]),
        ),
      {},
    );
  window.unsentStore.forget = (keys) => keys.forEach((k) => attempt(() => localStorage.removeItem(k)));
  window.unsentStore.restore = (saved) =>
    Object.entries(saved).forEach(([k, v]) => attempt(() => localStorage.setItem(k, v)));

  // After a delete: an "Undo" button beside the `trigger` that deleted, for UNDO_SECONDS, then gone
  // with what it held. Focus on it goes back to the trigger when it goes.
  window.unsentUndo = (trigger, label, restore) => {
    const row = trigger.parentElement;
    row.querySelector(".tool-undo")?.remove(); // a second delete: the first stays done
    const button = Object.assign(document.createElement("button"), {
      type: "button",
      className: "md-button tool-undo",
      textContent: label,
    });
    trigger.after(button);
    const end = () => {
      clearTimeout(timer);
      if (button.contains(document.activeElement)) trigger.focus();
      button.remove();
    };
    const timer = setTimeout(end, UNDO_SECONDS * 1000);
    button.addEventListener("click", () => {
      end();
      restore();
    });
    return button;
  };

  // The tools' texts hold names in braces ("{n} days"), filled in here; and a file to save, built in the page.
  window.unsentFill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  window.unsentDownload = (file, data) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    a.download = file;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  // How every tool starts, on each page (instant navigation too): its root element, the first one
  // matching `selector` that has data-texts, is taken once and marked ready; then
  // start(root, texts, $) runs, with the parsed texts and $ looking up parts inside the root. A
  // start may return a function that stops the tool; it runs when the next page comes.
  window.unsentTool = (selector, start) => {
    let stop = null;
    const run = () => {
      stop?.();
      stop = null;
      const root = document.querySelector(`${selector}[data-texts]`);
      if (!root || root.dataset.ready) return;
      root.dataset.ready = "1";
      stop = start(root, JSON.parse(root.dataset.texts), (s) => root.querySelector(s)) || null;
    };
    if (window.document$) document$.subscribe(run);
    else run();
  };

  // The privacy page's "delete everything the tools keep": every key above, at once, with an undo.
  window.unsentTool(".pv", (box, t, $) => {
    const [status, button] = [".pv-status", "[data-act=forget]"].map($);
    const say = () => (status.textContent = Object.keys(window.unsentStore.all()).length ? t.some : t.nothing);
    say();
    button.addEventListener("click", () => {
      const saved = window.unsentStore.all();
      window.unsentStore.forget(Object.keys(saved));
      status.textContent = t.deleted;
      window
        .unsentUndo(button, t.undo, () => {
          window.unsentStore.restore(saved);
          say();
        })
        .focus();
    });
  });
})();
