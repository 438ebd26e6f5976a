// "Before you send": marks the phrases in a draft that give it away. Runs only in this page;
// the draft is never sent anywhere and is stored only if the reader keeps it as a letter.
(() => {
  const ROOT = new URL("..", document.currentScript.src);
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
        warm(data, document.querySelector(".ck[data-ready]"));
        return data;
      }));

  // The browser compiles a pattern fully only on its first uses. Doing that while the page is
  // idle keeps the first check of a long pasted draft fast; box.dataset.warm marks it done.
  const idle = window.requestIdleCallback || ((step) => setTimeout(() => step({ timeRemaining: () => 20 }), 20));
  const warm = (data, box) => {
    const queue = [...data.patterns.flatMap((p) => [p.find, p.skip]), ...data.practical.topics.map((t) => t.find)];
    const step = (deadline) => {
      do {
        const re = queue.shift();
        for (let i = 0; i < 2; i++) spans(re, "a few words to warm up");
      } while (queue.length && deadline.timeRemaining() > 2);
      if (queue.length) idle(step);
      else if (box) box.dataset.warm = "1";
    };
    idle(step);
  };

  const spans = (re, text) => (re ? [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]) : []);

  // The hits that no blocked span touches (or, with whole, covers), in one sweep over both sorted lists.
  const clear = (hits, blocked, whole = false) => {
    const sorted = [...blocked].sort((a, b) => a[0] - b[0]);
    const kept = [];
    let at = 0;
    let reach = -1; // the furthest end among the blocked spans that start early enough to matter
    for (const [s, e] of hits) {
      while (at < sorted.length && sorted[at][0] < (whole ? s + 1 : e)) reach = Math.max(reach, sorted[at++][1]);
      if (whole ? reach < e : reach <= s) kept.push([s, e]);
    }
    return kept;
  };

  // A phrase does not count after a negation a few words earlier in the same clause ("I'm not sorry").
  const negated = (text, start, neg) => {
    const clause = text.slice(Math.max(0, start - 80), start).split(/[.!?;:,\n]/).pop();
    return (clause.match(WORD) || []).slice(-neg.window).some((w) => neg.test.test(w));
  };

  // Safety patterns (those with a kind) come first in the compiled rules, so they are checked first;
  // words they find are not counted again by an ordinary pattern ("you'll regret this" is a threat,
  // not guilt), though an ordinary phrase that reaches further still counts.
  const scan = (text, r) => {
    const words = (text.match(WORD) || []).length;
    const found = [];
    const claimed = [];
    for (const p of r.patterns) {
      let hits = spans(p.find, text);
      if (hits.length) hits = clear(clear(hits, spans(p.skip, text)), p.kind ? [] : claimed, true);
      hits = hits.filter(([s]) => p.keep_negated || !negated(text, s, r.negation));
      if (p.kind) for (const hit of hits) claimed.push(hit);
      if (hits.length || (p.min_words && words >= p.min_words)) found.push({ p, hits });
      if (hits.length && p.kind === "crisis") break; // its panel replaces everything else
    }
    const topics = r.practical.topics.map((t) => ({ t, n: spans(t.find, text).length }));
    const best = topics.reduce((a, b) => (b.n > a.n ? b : a));
    const of = (kind) => found.filter((f) => f.p.kind === kind);
    return {
      crisis: of("crisis")[0],
      warnings: of("warning"),
      once: of("send-once"),
      ordinary: found.filter((f) => !f.p.kind),
      practical: best.n ? best.t : null,
    };
  };

  const el = (tag, text, attrs = {}) => {
    const node = Object.assign(document.createElement(tag), attrs);
    if (text) node.textContent = text;
    return node;
  };

  const list = (parts, and) =>
    parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} ${and} ${parts.at(-1)}`;

  // The draft with every found phrase wrapped in <mark>, built from text nodes only. A very long
  // draft is shown marked up to MARKED_CHARS: laying out thousands of marks would stall a phone.
  const MARKED_CHARS = 10000;
  const marked = (text, found, t) => {
    const hits = found.flatMap(({ p, hits }) => hits.map(([s, e]) => ({ s, e, p }))).sort((a, b) => a.s - b.s);
    const out = el("p", "", { className: "ck-marked" });
    const end = text.length > MARKED_CHARS ? text.lastIndexOf(" ", MARKED_CHARS) + 1 || MARKED_CHARS : text.length;
    let at = 0;
    for (const h of hits) {
      if (h.e > end) break;
      if (h.s < at) continue;
      out.append(text.slice(at, h.s), el("mark", text.slice(h.s, h.e), { title: h.p.label }));
      at = h.e;
    }
    out.append(text.slice(at, end));
    if (end < text.length) out.append(el("span", ` ${t.cut}`));
    return out;
  };

  const link = (p, text) => el("a", text, { href: new URL(p.url, ROOT).href });

  // The crisis answer replaces the analysis: the help lines the site puts in every page, one tap away.
  const crisisPanel = (p) => {
    const panel = el("section", "", { className: "ck-group ck-crisis" });
    panel.dataset.pattern = p.id;
    panel.setAttribute("aria-labelledby", "ck-crisis-title");
    panel.append(el("h2", p.label, { id: "ck-crisis-title" }), el("p", p.why));
    const lines = document.getElementById("kb-help-now");
    if (lines?.content) panel.append(lines.content.cloneNode(true));
    panel.append(el("p", p.urgent, { className: "ck-urgent" }));
    if (!lines?.content) {
      const more = el("p");
      more.append(link(p, p.link_text));
      panel.append(more);
    }
    return panel;
  };

  const group = (text, { p, hits }, t) => {
    const item = el("section", "", { className: p.kind ? "ck-group ck-safety" : "ck-group" });
    item.dataset.pattern = p.id;
    const said = [...new Set(hits.map(([s, e]) => text.slice(s, e)))];
    item.append(el("h2", said.length && !p.kind ? `${p.label} (${hits.length})` : p.label), el("p", p.why + " "));
    const more = link(p, p.link_text || t.why);
    if (!p.kind) more.setAttribute("aria-label", window.unsentFill(t.why_label, { label: p.label }));
    item.lastChild.append(more);
    if (p.example) item.append(el("blockquote", p.example, { className: "ck-example" }));
    if (said.length) item.append(el("p", window.unsentFill(t.you_wrote, { phrases: said.map((s) => `“${s}”`).join(", ") })));
    return item;
  };

  const render = (box, text, r, t) => {
    const out = box.querySelector(".ck-out");
    const status = box.querySelector(".ck-status");
    out.replaceChildren();
    if (!text.trim()) {
      status.textContent = "";
      box.dataset.state = "empty";
      return;
    }
    const { crisis, warnings, once, ordinary, practical } = scan(text, r);
    if (crisis) {
      box.dataset.state = "crisis";
      status.textContent = crisis.p.answer;
      out.append(crisisPanel(crisis.p));
      return;
    }
    const flagged = [...warnings, ...ordinary];
    const phrases = flagged.some((f) => f.hits.length);
    const said = [...warnings, ...once].map((f) => f.p.answer);
    if (ordinary.length) said.push(`${r.summary.lead} ${list(ordinary.map((f) => f.p.asks), r.summary.and)}.`);
    if (once.length && flagged.length) said.push(...once.map((f) => f.p.mixed));
    box.dataset.state = flagged.length ? "flags" : once.length ? "once" : practical ? "practical" : "none";
    if (box.dataset.state === "practical") {
      status.textContent = r.practical.answer;
      out.append(el("blockquote", practical.example, { className: "ck-example" }));
    } else {
      status.textContent = said.length ? said.join(" ") : r.summary.none;
    }
    for (const found of [...warnings, ...once, ...ordinary]) out.append(group(text, found, t));
    if (phrases) {
      if (practical && !once.length) out.append(el("p", r.practical.mixed));
      out.append(el("h2", t.marked), marked(text, flagged, t));
    }
    if (flagged.length) out.append(el("p", r.summary.advice, { className: "ck-advice" }));
  };

  window.unsentTool(".ck", (box, t, $) => {
    const [draft, go, toLetter, wipe, result, status, kept] = [
      "textarea",
      ".ck-check",
      "[data-act=letter]",
      "[data-act=wipe]",
      ".ck-result",
      ".ck-status",
      ".ck-kept",
    ].map($);
    // Kept: a short message, with a link to the letters page (the page's own link to it, so the
    // address is right in every build).
    const say = (message) => {
      kept.replaceChildren(message);
      const letters = document.querySelector("a.ck-letters");
      if (letters && message !== t.empty) kept.append(" ", Object.assign(letters.cloneNode(true), { className: "" }));
    };
    if (window.unsentLetters?.adopt(kept)) say(t.adopted);
    let timer;
    const check = () =>
      load(box.dataset.rules).then(
        (r) => {
          render(box, draft.value, r, t);
          result.setAttribute("aria-busy", "false");
        },
        () => (status.textContent = t.failed),
      );
    // On a phone the answer starts below the first screen: after a paste or "Check" it is scrolled
    // into view. Focus stays where the reader is; the status line (a live region) reads the answer out.
    const reveal = () => {
      const top = result.getBoundingClientRect().top;
      if (top < 0 || top > innerHeight / 2) result.scrollIntoView({ block: "start" });
    };
    // Typing is checked once the reader pauses; a pasted draft is checked at once.
    draft.addEventListener("input", (e) => {
      result.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      const pasted = e.inputType === "insertFromPaste";
      timer = setTimeout(() => check().then(pasted ? reveal : null), pasted ? 0 : 300);
    });
    // The status is emptied first, so a screen reader says the answer again for an unchanged draft.
    go.addEventListener("click", () => {
      clearTimeout(timer);
      status.textContent = "";
      timer = setTimeout(() => check().then(reveal), 100);
    });
    toLetter.addEventListener("click", () => {
      if (!draft.value.trim()) return say(t.empty);
      if (!window.unsentLetters.add(draft.value, kept)) return; // storage said why, and the draft stays
      draft.value = "";
      check();
      say(t.moved);
    });
    // Deleting is instant; the words stay in this page's memory for a few seconds, for "Undo".
    wipe.addEventListener("click", () => {
      clearTimeout(timer);
      const before = draft.value;
      draft.value = "";
      kept.replaceChildren();
      check().then(() => (status.textContent = t.deleted));
      window.unsentUndo(wipe, t.undo, () => {
        draft.value = before;
        check();
        draft.focus();
      });
      draft.focus();
    });
    // The rules (the page's largest file) are fetched once the page has painted, not before.
    requestAnimationFrame(() => setTimeout(check));
  });
})();
