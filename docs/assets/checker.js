// "Before you send": marks the phrases in a draft that give it away. Runs only in this page;
// the draft is never sent anywhere and is stored only if the reader ticks "keep".
(() => {
  const ROOT = new URL("..", document.currentScript.src);
  const EDGE = "(?<![\\w'\u2019])";
  const END = "(?![\\w'\u2019])";
  const WORD = /[\w'\u2019-]+/g;
  let rules = null;

  // The rules come as a script (see kb/checker.py), so the checker also works from file://.
  const fetchRules = (path) =>
    new Promise((resolve, reject) => {
      const tag = Object.assign(document.createElement("script"), { src: new URL(path, ROOT).href });
      tag.onload = () => (window.kbRules?.[path] ? resolve(window.kbRules[path]) : reject(new Error(path)));
      tag.onerror = reject;
      document.head.append(tag);
    });

  const load = (path) =>
    (rules ||= fetchRules(path)
      .then((data) => {
        const re = (s) => (s ? new RegExp(s, "gi") : null);
        data.negation.test = new RegExp(data.negation.re, "i");
        for (const p of data.patterns) [p.find, p.skip] = [re(p.re), re(p.except)];
        for (const t of data.practical.topics) t.find = re(t.re);
        return data;
      }));

  const spans = (re, text) => (re ? [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]) : []);

  // A phrase does not count after a negation a few words earlier in the same clause ("I'm not sorry").
  const negated = (text, start, neg) => {
    const clause = text.slice(Math.max(0, start - 80), start).split(/[.!?;:,\n]/).pop();
    return (clause.match(WORD) || []).slice(-neg.window).some((w) => neg.test.test(w));
  };

  const scan = (text, r) => {
    const words = (text.match(WORD) || []).length;
    const found = [];
    for (const p of r.patterns) {
      const skip = spans(p.skip, text);
      const hits = spans(p.find, text).filter(
        ([s, e]) => !skip.some(([a, b]) => a < e && s < b) && (p.keep_negated || !negated(text, s, r.negation)),
      );
      if (hits.length || (p.min_words && words >= p.min_words)) found.push({ p, hits });
    }
    const topics = r.practical.topics.map((t) => ({ t, n: spans(t.find, text).length }));
    const best = topics.reduce((a, b) => (b.n > a.n ? b : a));
    return { found, practical: best.n ? best.t : null, phrases: found.some((f) => f.hits.length) };
  };

  const el = (tag, text, attrs = {}) => {
    const node = Object.assign(document.createElement(tag), attrs);
    if (text) node.textContent = text;
    return node;
  };

  const list = (parts, and) =>
    parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} ${and} ${parts.at(-1)}`;

  // The draft with every found phrase wrapped in <mark>, built from text nodes only.
  const marked = (text, found) => {
    const hits = found.flatMap(({ p, hits }) => hits.map(([s, e]) => ({ s, e, p }))).sort((a, b) => a.s - b.s);
    const out = el("p", "", { className: "ck-marked" });
    let at = 0;
    for (const h of hits) {
      if (h.s < at) continue;
      out.append(text.slice(at, h.s), el("mark", text.slice(h.s, h.e), { title: h.p.label }));
      at = h.e;
    }
    out.append(text.slice(at));
    return out;
  };

  const render = (box, text, r) => {
    const out = box.querySelector(".ck-out");
    const status = box.querySelector(".ck-status");
    out.replaceChildren();
    if (!text.trim()) {
      status.textContent = "";
      box.dataset.state = "empty";
      return;
    }
    const { found, practical, phrases } = scan(text, r);
    box.dataset.state = phrases ? "flags" : practical ? "practical" : found.length ? "flags" : "none";
    if (!phrases && practical) {
      status.textContent = r.practical.answer;
      out.append(el("blockquote", practical.example, { className: "ck-example" }));
    } else if (found.length) {
      status.textContent = `${r.summary.lead} ${list(
        found.map((f) => f.p.asks),
        r.summary.and,
      )}.`;
    } else {
      status.textContent = r.summary.none;
    }
    for (const { p, hits } of found) {
      const item = el("section", "", { className: "ck-group" });
      item.dataset.pattern = p.id;
      const said = [...new Set(hits.map(([s, e]) => text.slice(s, e)))];
      item.append(
        el("h2", said.length ? `${p.label} (${hits.length})` : p.label),
        el("p", p.why + " "),
      );
      const link = el("a", "Why this backfires", { href: new URL(p.url, ROOT).href });
      link.setAttribute("aria-label", `${p.label}: why this backfires`);
      item.lastChild.append(link);
      if (said.length) item.append(el("p", `You wrote: ${said.map((s) => `“${s}”`).join(", ")}`));
      out.append(item);
    }
    if (phrases) {
      if (practical) out.append(el("p", r.practical.mixed));
      out.append(el("h2", "Your draft, marked"), marked(text, found));
    }
    if (found.length) out.append(el("p", r.summary.advice, { className: "ck-advice" }));
  };

  const init = () => {
    const box = document.querySelector(".ck[data-rules]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    const [draft, keep, wipe, result, status] = ["textarea", "input", "button", ".ck-result", ".ck-status"].map((s) =>
      box.querySelector(s),
    );
    const kept = window.unsentStore("checker.draft", box.querySelector(".ck-controls"));
    const saved = kept.get();
    if (saved !== null) [draft.value, keep.checked] = [saved, true];
    let timer;
    const check = () =>
      load(box.dataset.rules).then(
        (r) => {
          render(box, draft.value, r);
          result.setAttribute("aria-busy", "false");
        },
        () => (status.textContent = "The checker could not load. Please reload the page."),
      );
    const store = () => (keep.checked ? kept.set(draft.value) : kept.remove());
    // Typing is checked once the reader pauses; a pasted draft is checked at once.
    draft.addEventListener("input", (e) => {
      result.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(check, e.inputType === "insertFromPaste" ? 0 : 300);
      store();
    });
    keep.addEventListener("change", store);
    wipe.addEventListener("click", () => {
      clearTimeout(timer);
      [draft.value, keep.checked] = ["", false];
      kept.remove();
      check().then(() => (status.textContent = "Deleted. Nothing from this page is stored on this device."));
      draft.focus();
    });
    check();
  };

  if (window.document$) document$.subscribe(init);
  else init();
})();
