// The tools' one way to use localStorage. Keys carry the site's base path, because a GitHub Pages
// project site shares its origin, and so its storage, with every other project of the same user.
(() => {
  const BASE = new URL("..", document.currentScript.src).pathname;
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
    const key = `unsent:${BASE}:${name}`;
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
})();
