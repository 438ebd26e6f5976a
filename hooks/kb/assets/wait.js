// "Wait it out": an urge timer with a breathing pace. Its texts come from the page (data-texts, from
// docs/tools/tools.yml). Only the reader's reasons can be stored, and only when they tick the box.
(() => {
  const fill = (...args) => window.unsentFill(...args);
  const clock = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };

  // A soft two-note chime made in the page, so no sound file is fetched; only if the reader asked.
  const chime = (audio) => {
    const now = audio.currentTime;
    [523.25, 392].forEach((freq, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.6);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.6 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.6 + 1.2);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + i * 0.6);
      tone.stop(now + i * 0.6 + 1.3);
    });
  };

  // Instant navigation keeps this script: the timers stop when the next page comes.
  window.unsentTool(".wt", (box, t, $) => {
    const [face, status, start, stop, done, circle, cue, sound, reasons, keep] = [
      ".wt-clock",
      ".wt-status",
      "[data-act=start]",
      "[data-act=stop]",
      ".wt-done",
      ".wt-circle",
      ".wt-cue",
      "#wt-sound",
      "#wt-reasons",
      "#wt-keep",
    ].map($);
    const [breatheIn, breatheOut] = box.dataset.breathe.split(",").map((n) => +n * 1000);
    const store = window.unsentStore("wait.reasons", keep.closest("p"));
    const saved = store.get();
    if (saved !== null) [reasons.value, keep.checked] = [saved, true];
    const keepReasons = () => (keep.checked ? store.set(reasons.value) : store.remove());
    reasons.addEventListener("input", keepReasons);
    keep.addEventListener("change", keepReasons);

    let audio = null;
    sound.addEventListener("change", () => {
      if (sound.checked && !audio && window.AudioContext) audio = new AudioContext(); // made on a tap, as browsers require
    });

    // The state: how long was chosen, when it ends (while running) or how much was left (paused).
    let total = 0;
    let ends = 0;
    let left = 0;
    let halfSaid = false;
    let tick = 0;
    let breath = 0;
    const minutes = () => +($("input[name=wt-minutes]:checked")?.value || 15);

    const breathe = (inward) => {
      circle.classList.toggle("wt-in", inward);
      circle.style.setProperty("--wt-phase", `${inward ? breatheIn : breatheOut}ms`);
      cue.textContent = inward ? t.breathe_in : t.breathe_out;
      breath = setTimeout(() => breathe(!inward), inward ? breatheIn : breatheOut);
    };
    const still = () => {
      clearTimeout(breath);
      circle.classList.remove("wt-in");
      cue.textContent = t.breathe_in;
    };

    const show = () => {
      const remaining = ends ? ends - Date.now() : left;
      face.textContent = clock(remaining);
      if (ends && !halfSaid && remaining <= total / 2) {
        halfSaid = true;
        status.textContent = t.half;
      }
      if (ends && remaining <= 0) finish();
    };
    const run = () => {
      ends = Date.now() + left;
      clearInterval(tick);
      tick = setInterval(show, 1000);
      box.dataset.state = "running";
      start.textContent = t.pause;
      stop.hidden = false;
      done.hidden = true;
      breathe(true);
      show();
    };
    const halt = (state, message) => {
      clearInterval(tick);
      if (ends) left = Math.max(0, ends - Date.now());
      ends = 0;
      box.dataset.state = state;
      start.textContent = state === "paused" ? t.resume : t.start;
      stop.hidden = state !== "paused" && state !== "running";
      status.textContent = message;
      still();
    };
    const finish = () => {
      halt("done", t.done);
      left = 0;
      face.textContent = clock(0);
      done.hidden = false;
      if (sound.checked && audio) chime(audio);
    };

    start.addEventListener("click", () => {
      const state = box.dataset.state;
      if (state === "running") return halt("paused", t.paused);
      if (state !== "paused") {
        total = left = minutes() * 60000;
        halfSaid = false;
        status.textContent = fill(t.started, { n: minutes() });
      } else {
        status.textContent = fill(t.started, { n: Math.ceil(left / 60000) });
      }
      audio?.resume?.();
      run();
    });
    stop.addEventListener("click", () => {
      halt("idle", t.stopped);
      left = minutes() * 60000;
      show();
      start.focus();
    });
    box.addEventListener("change", (e) => {
      if (e.target.name !== "wt-minutes" || box.dataset.state === "running") return;
      if (box.dataset.state === "paused") halt("idle", t.idle);
      left = minutes() * 60000;
      show();
    });
    box.dataset.state = "idle";
    return () => (clearInterval(tick), clearTimeout(breath));
  });
})();
