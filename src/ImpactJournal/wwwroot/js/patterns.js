// Story patterns: the list beside each picture is the keyboard's way to the dots (up and down arrows move through it,
// Enter opens the story) and marks its dot while focused; the projector steps through the questions with the arrow keys.
(() => {
  for (const list of document.querySelectorAll("[data-dots]")) {
    const links = [...list.querySelectorAll("a")];
    const figure = list.closest("figure");
    const mark = (id, on) => figure.querySelectorAll(`svg [data-story="${id}"]`).forEach((dot) => dot.classList.toggle("marked", on));
    links.forEach((link, i) => {
      link.addEventListener("focus", () => mark(link.dataset.story, true));
      link.addEventListener("blur", () => mark(link.dataset.story, false));
      link.addEventListener("keydown", (e) => {
        const next = e.key === "ArrowDown" ? links[i + 1] : e.key === "ArrowUp" ? links[i - 1] : null;
        if (!next) return;
        e.preventDefault();
        next.focus();
      });
    });
  }

  const projector = document.querySelector(".pattern-projector");
  if (!projector) return;
  const questions = [...projector.querySelectorAll(".projector-question")];
  let at = Number(projector.dataset.at) || 0;
  const show = (i) => {
    at = (i + questions.length) % questions.length;
    questions.forEach((q, j) => { q.hidden = j !== at; });
    projector.dataset.at = String(at);
    const url = new URL(location.href);
    url.searchParams.set("q", String(at));
    history.replaceState?.(null, "", url);
    // The chips keep the question shown when a filter is chosen.
    for (const chip of projector.querySelectorAll(".chip")) {
      const href = new URL(chip.href);
      href.searchParams.set("q", String(at));
      chip.href = href.toString();
    }
  };
  document.addEventListener("keydown", (e) => {
    if (questions.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowRight" || e.key === "PageDown") show(at + 1);
    else if (e.key === "ArrowLeft" || e.key === "PageUp") show(at - 1);
    else return;
    e.preventDefault();
  });
})();
