// A counter that forgives: days since a date the reader sets, the longest stretch and the
// total, with slips logged and nothing wiped. Texts come from the page (data-texts, docs/tools/tools.yml).
// State lives only in this browser's localStorage, in the same shape since the first version, so a
// reader's saved counter keeps every stretch.
(() => {
  // Days since 1970-01-01 of a calendar date, by arithmetic alone, so no time zone or DST enters.
  const dayNumber = (y, m, d) => {
    const year = m <= 2 ? y - 1 : y;
    const era = Math.floor(year / 400);
    const yoe = year - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  };
  const parts = (s) => s.split("-").map(Number);
  // A real calendar date written YYYY-MM-DD (not 2026-02-30), or null.
  const valid = (s) => {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    const [y, m, d] = parts(s);
    const last = dayNumber(m === 12 ? y + 1 : y, (m % 12) + 1, 1) - dayNumber(y, m, 1);
    return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= last ? s : null;
  };
  // The reader's own calendar date: local date parts, never a millisecond difference.
  const today = () => {
    const d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => `${n}`.padStart(i ? 2 : 4, "0")).join("-");
  };
  // A date saved in a time zone ahead of this one can be "tomorrow" here; that counts as 0, never -1.
  const between = (from, to) => Math.max(0, dayNumber(...parts(to)) - dayNumber(...parts(from)));
  const fill = (...args) => window.unsentFill(...args);
  const pretty = (s) => {
    const [y, m, d] = parts(s);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { timeZone: "UTC", dateStyle: "medium" });
  };

  // Whatever is stored, keep every part that makes sense and say whether anything had to be left out.
  const parse = (raw) => {
    let data;
    try {
      data = raw === null ? {} : JSON.parse(raw);
    } catch {
      data = null;
    }
    const object = data !== null && typeof data === "object" && !Array.isArray(data);
    const source = object ? data : {};
    const list = Array.isArray(source.past) ? source.past : [];
    const past = list
      .map((p) => p && { from: valid(p.from), to: valid(p.to) })
      .filter((p) => p && p.from && p.to)
      .map((p) => ({ ...p, days: between(p.from, p.to) }));
    const state = { start: valid(source.start), hidden: source.hidden === true, past };
    const lost =
      !object ||
      (source.start != null && !state.start) ||
      (source.past != null && !Array.isArray(source.past)) ||
      past.length < list.length;
    if (!state.start) delete state.start;
    return { state, lost };
  };

  window.unsentTool(".nc", (box, t, $) => {
    const [date, hide, days, sums, note, whatNow, past] = [
      "#nc-date",
      "#nc-hide",
      ".nc-days",
      ".nc-sums",
      ".nc-note",
      ".nc-whatnow",
      ".nc-past",
    ].map($);
    const notes = [...box.querySelectorAll(".nc-milestones [data-day]")];
    const store = window.unsentStore("counter", $(".nc-result"));
    let { state, lost } = parse(store.get());
    const save = () => store.set(JSON.stringify(state));
    const span = (n) => fill(n === 1 ? t.day : t.days, { n });

    // A slip ends a stretch; it never takes a day away from the longest stretch or the total.
    const show = (message = "", slipped = false) => {
      const now = today();
      date.max = now;
      hide.checked = state.hidden;
      date.value = state.start || "";
      past.hidden = !state.past.length;
      past.querySelector("ul").replaceChildren(
        ...state.past.map((p) => {
          const li = document.createElement("li");
          li.textContent = fill(t.stretch, { time: span(p.days), from: pretty(p.from), to: pretty(p.to) });
          return li;
        }),
      );
      whatNow.hidden = !slipped;
      const n = state.start ? between(state.start, now) : 0;
      const stretches = [n, ...state.past.map((p) => p.days)];
      sums.textContent =
        state.hidden || !state.past.length
          ? ""
          : `${fill(t.longest, { time: span(Math.max(...stretches)) })} ${fill(t.total, {
              time: span(stretches.reduce((a, b) => a + b, 0)),
            })}`;
      if (!state.start) {
        days.textContent = t.choose;
        note.textContent = message;
        return;
      }
      days.textContent = state.hidden ? t.hidden : fill(t.count, { time: span(n) });
      const mark = notes.filter((li) => +li.dataset.day <= n).pop();
      note.textContent = message || (state.hidden || !mark ? "" : mark.textContent);
    };

    const act = {
      set() {
        if (!valid(date.value)) return show(t.pick_first);
        if (date.value > today()) return show(t.future);
        state.start = date.value;
        save();
        show();
      },
      slip() {
        const now = today();
        if (!state.start) return show(t.slip_first);
        if (state.start < now) state.past.unshift({ from: state.start, to: now, days: between(state.start, now) });
        state.start = now;
        save();
        show(t.slipped, true);
      },
      export() {
        window.unsentDownload(t.file, state);
      },
      delete() {
        const kept = store.get();
        const before = state;
        store.remove();
        state = { hidden: false, past: [] };
        show(t.deleted);
        window.unsentUndo($("[data-act=delete]"), t.undo, () => {
          if (kept !== null) store.set(kept);
          state = before;
          show();
        });
      },
    };

    box.addEventListener("click", (e) => {
      const name = e.target.closest("[data-act]")?.dataset.act;
      if (name) act[name]();
    });
    hide.addEventListener("change", () => {
      state.hidden = hide.checked;
      if (state.start) save();
      show();
    });
    show(lost ? t.lost : "");
  });
})();
