// Letters you keep: letters the reader writes (or moves here from the checker) and never sends.
// They live only in this browser's localStorage; texts come from the page (data-texts, docs/tools/tools.yml).
(() => {
  const fill = (...args) => window.unsentFill(...args);
  const iso = (d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => `${n}`.padStart(i ? 2 : 4, "0")).join("-");
  const today = () => iso(new Date());
  const later = (days) => {
    const d = new Date();
    return iso(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
  };
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const pretty = (s) => {
    const [y, m, d] = s.split("-").map(Number);
    return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: "medium" });
  };

  // Whatever is stored, keep every letter that can be read.
  const read = (raw) => {
    let list;
    try {
      list = JSON.parse(raw ?? "[]");
    } catch {
      list = [];
    }
    return (Array.isArray(list) ? list : []).filter(
      (l) => l && typeof l.text === "string" && DATE.test(l.written) && (l.opens === null || DATE.test(l.opens)),
    );
  };

  const open = (nearby) => {
    const store = window.unsentStore("letters", nearby);
    return {
      list: () => read(store.get()),
      save: (list) => (list.length ? store.set(JSON.stringify(list)) : (store.remove(), true)),
      raw: () => store.get(),
      restore: (raw) => (raw === null ? store.remove() : store.set(raw)),
    };
  };

  // Used by the checker: a draft becomes a sealed letter. Returns whether it was kept.
  const add = (text, nearby, days = 0) => {
    const box = open(nearby);
    const letter = { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, text, written: today() };
    letter.opens = days > 0 ? later(days) : null;
    return box.save([letter, ...box.list()]);
  };

  // A draft kept by the checker before the letters box existed becomes a letter, so none is lost.
  const adopt = (nearby) => {
    const old = window.unsentStore("checker.draft", nearby);
    const draft = old.get();
    if (draft === null) return false;
    if (draft.trim() && !add(draft, nearby)) return false;
    old.remove();
    return Boolean(draft.trim());
  };
  window.unsentLetters = { add, adopt };

  const el = (tag, text, attrs = {}) => Object.assign(document.createElement(tag), { textContent: text, ...attrs });

  window.unsentTool(".lt", (root, t, $) => {
    const [text, days, status, none, list] = ["#lt-text", "#lt-open", ".lt-status", ".lt-none", ".lt-list"].map($);
    const box = open(status);
    status.tabIndex = -1; // where focus returns when the undo after a deleted letter goes
    adopt(status);

    const button = (label, act, id) => {
      const b = el("button", label, { type: "button", className: "md-button" });
      Object.assign(b.dataset, { act, id });
      return b;
    };
    const show = (message = "") => {
      const letters = box.list();
      none.hidden = letters.length > 0;
      status.textContent = message;
      list.replaceChildren(
        ...letters.map((l) => {
          const item = el("li", "", { className: "lt-letter" });
          item.dataset.id = l.id;
          const sealed = l.opens && l.opens > today();
          const meta = [fill(t.written, { date: pretty(l.written) })];
          if (sealed) meta.push(fill(t.until, { date: pretty(l.opens) }));
          const body = el("p", l.text, { className: "lt-body", hidden: true, id: `lt-body-${l.id}` });
          const toggle = button(sealed ? t.open_early : t.read, "read", l.id);
          toggle.setAttribute("aria-expanded", "false");
          toggle.setAttribute("aria-controls", body.id);
          const row = el("p", "", { className: "lt-row" });
          row.append(toggle, button(t.delete, "delete", l.id));
          item.append(el("p", meta.join(". ") + ".", { className: "lt-meta" }), row, body);
          return item;
        }),
      );
    };

    // Delete at once, keep what was there in memory for a few seconds so "Undo" can put it back.
    // The undo button sits after `trigger`; focus goes to it, so a second key press cannot delete more.
    const remove = (trigger, keep, message) => {
      const before = box.raw();
      if (!box.save(keep)) return;
      show(message);
      window
        .unsentUndo(trigger, t.undo, () => {
          box.restore(before);
          show();
        })
        .focus();
    };

    const act = {
      seal() {
        if (!text.value.trim()) return show(t.empty_draft);
        if (!add(text.value, status, +days.value)) return;
        text.value = "";
        show(t.sealed);
      },
      read(target) {
        const body = $(`#lt-body-${target.dataset.id}`);
        body.hidden = !body.hidden;
        target.setAttribute("aria-expanded", String(!body.hidden));
        const letter = box.list().find((l) => l.id === target.dataset.id);
        target.textContent = body.hidden ? (letter?.opens > today() ? t.open_early : t.read) : t.hide;
      },
      delete(target) {
        remove(status, box.list().filter((l) => l.id !== target.dataset.id), t.deleted);
      },
      clear(target) {
        remove(target, [], t.all_deleted);
      },
      export() {
        window.unsentDownload(t.file, box.list());
      },
    };
    root.addEventListener("click", (e) => {
      const target = e.target.closest("[data-act]");
      if (target) act[target.dataset.act](target);
    });
    show();
  });
})();
