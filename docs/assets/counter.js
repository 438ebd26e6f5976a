// No-contact counter: days since a date the reader sets. State lives only in this browser's localStorage.
(() => {
  const KEY = "unsent.counter";
  const DAY = 864e5;

  const iso = (d) => `${d.getFullYear()}-${`${d.getMonth() + 1}`.padStart(2, "0")}-${`${d.getDate()}`.padStart(2, "0")}`;
  const utc = (s) => Date.UTC(...s.split("-").map((n, i) => n - (i === 1)));
  const between = (from, to) => Math.round((utc(to) - utc(from)) / DAY);
  const plural = (n) => `${n} day${n === 1 ? "" : "s"}`;
  const pretty = (s) => new Date(utc(s)).toLocaleDateString(undefined, { timeZone: "UTC", dateStyle: "medium" });

  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || { past: [] };
    } catch {
      return { past: [] };
    }
  };

  const init = () => {
    const box = document.querySelector(".nc");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    const $ = (s) => box.querySelector(s);
    const [date, hide, days, note, past] = ["#nc-date", "#nc-hide", ".nc-days", ".nc-note", ".nc-past"].map($);
    const notes = [...document.querySelectorAll(".nc-milestones [data-day]")];
    let state = read();
    const save = () => localStorage.setItem(KEY, JSON.stringify(state));

    const show = (message) => {
      const today = iso(new Date());
      date.max = today;
      hide.checked = !!state.hidden;
      date.value = state.start || "";
      past.hidden = !state.past.length;
      past.querySelector("ul").replaceChildren(
        ...state.past.map((p) => {
          const li = document.createElement("li");
          li.textContent = `${plural(p.days)}, from ${pretty(p.from)} to ${pretty(p.to)}`;
          return li;
        }),
      );
      if (!state.start) {
        days.textContent = "Choose the date of your last contact to start counting.";
        note.textContent = message || "";
        return;
      }
      const n = between(state.start, today);
      days.textContent = state.hidden
        ? "The number is hidden. The count is still running."
        : `${plural(n)} since your last contact.`;
      const mark = notes.filter((li) => +li.dataset.day <= n).pop();
      note.textContent = message || (state.hidden || !mark ? "" : mark.textContent);
    };

    const act = {
      set() {
        if (!date.value) return show("Please choose a date first.");
        if (date.value > iso(new Date())) return show("That date is in the future. Choose today or an earlier day.");
        state.start = date.value;
        save();
        show();
      },
      again() {
        const today = iso(new Date());
        if (!state.start) return show("Choose the date of your last contact first.");
        if (state.start !== today) state.past.unshift({ from: state.start, to: today, days: between(state.start, today) });
        state.start = today;
        save();
        show("That happens. Your count starts again today, and the days you had still count.");
      },
      export() {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([JSON.stringify(state, null, 2)], { type: "application/json" }));
        a.download = "no-contact-counter.json";
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      },
      delete() {
        localStorage.removeItem(KEY);
        state = { past: [] };
        show("Deleted. Nothing from this counter is stored on this device.");
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
    show();
  };

  if (window.document$) document$.subscribe(init);
  else init();
})();
