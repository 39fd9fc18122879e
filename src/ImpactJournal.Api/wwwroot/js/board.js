// The ripple-mapping board and projector: follow the map's live stream and swap in the server's
// fresh picture, pulse the ripples that are new, let a click on the picture choose a ripple,
// step the projector through the capitals, and save the picture as a PNG for slides.
// Everything here is an addition: without script the board works as plain forms.
(() => {
  const root = document.querySelector("[data-live]");
  if (!root) return;
  const region = document.getElementById("board-live");
  const status = document.querySelector("[data-live-status]");
  const say = (words) => { if (status && status.textContent !== words) status.textContent = words; };
  const changes = ["ripple-added", "ripples-linked", "ripple-recoded", "ripple-link-disputed", "ripple-link-substantiated",
    "ripple-link-withdrawn", "mapping-session-scheduled", "mapping-session-closed"];

  let fetching = false, again = false;
  const rippleIds = () => new Set([...region.querySelectorAll("g.ripple")].map((g) => g.id));
  // Ripples new to this page pulse for a moment, across however many swaps happen meanwhile.
  const freshUntil = new Map();

  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      const before = rippleIds();
      const answer = await fetch(root.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (answer.ok) {
        region.innerHTML = await answer.text();
        const now = Date.now();
        for (const g of region.querySelectorAll("g.ripple")) {
          if (!before.has(g.id)) freshUntil.set(g.id, now + 2500);
          if ((freshUntil.get(g.id) || 0) <= now) continue;
          g.classList.add("fresh");
          setTimeout(() => g.classList.remove("fresh"), freshUntil.get(g.id) - now);
        }
        addOptionsForNewRipples();
      }
    } catch {
      say("Reconnecting to the live map…");
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  }

  // The panel's ripple lists gain the ripples others added, so they can be chosen without a reload.
  function addOptionsForNewRipples() {
    const listed = [...region.querySelectorAll("[data-ripple]")];
    for (const select of document.querySelectorAll("select#cause, select#link-from, select#link-to, select#recode-ripple")) {
      const known = new Set([...select.options].map((o) => o.value));
      for (const item of listed) {
        if (known.has(item.dataset.ripple)) continue;
        const label = item.firstChild ? item.firstChild.textContent.trim() : "";
        select.add(new Option(label, item.dataset.ripple));
      }
    }
  }

  const stream = new EventSource(root.dataset.live);
  stream.addEventListener("connected", () => { say("Live: changes appear as they are made."); refresh(); });
  stream.onopen = () => say("Live: changes appear as they are made.");
  stream.onerror = () => say(stream.readyState === EventSource.CLOSED ? "The live map has stopped; reload the page." : "Reconnecting to the live map…");
  for (const type of changes) stream.addEventListener(type, () => { say("Live: changes appear as they are made."); refresh(); });
  stream.addEventListener("closed", (e) => { say(JSON.parse(e.data).reason); stream.close(); });

  // A click on a ripple chooses it: the cause of the next ripple, and the ends of a link.
  let previous = null;
  region.addEventListener("click", (e) => {
    const g = e.target.closest && e.target.closest("g.ripple");
    if (!g) return;
    const id = g.id.slice(2);
    const set = (selector, value) => { const s = document.querySelector(selector); if (s && value) s.value = value; };
    set("select#cause", id);
    set("select#recode-ripple", id);
    set("select#link-to", id);
    if (previous) set("select#link-from", previous);
    previous = id;
    const label = document.getElementById("label");
    if (label) label.focus();
  });

  // Enter in the evidence search finds evidence rather than adding the ripple.
  const search = document.getElementById("search");
  if (search) search.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    search.parentElement.querySelector("button[formaction]").click();
  });

  // The history slider shows its stop as soon as it moves.
  const slider = document.querySelector("[data-history]");
  if (slider) slider.querySelector("input[type=range]").addEventListener("change", () => slider.submit());

  // The projector steps through the capitals with the arrow keys; 0 shows them all.
  const capitals = ["natural", "cultural", "human", "social", "political", "financial", "built"];
  const names = { natural: "Natural", cultural: "Cultural", human: "Human", social: "Social", political: "Political", financial: "Financial", built: "Built" };
  if (root.classList.contains("projector")) {
    const shown = document.querySelector("[data-capital-name]");
    document.addEventListener("keydown", (e) => {
      const at = capitals.indexOf(root.dataset.capital || "");
      let next;
      if (e.key === "ArrowRight") next = capitals[(at + 1) % capitals.length];
      else if (e.key === "ArrowLeft") next = capitals[(at - 1 + capitals.length) % capitals.length];
      else if (e.key === "0" || e.key === "Escape") next = "";
      else return;
      if (next) root.dataset.capital = next; else delete root.dataset.capital;
      shown.textContent = next ? `${names[next]} capital` : "All capitals";
      const url = new URL(location.href);
      if (next) url.searchParams.set("capital", next); else url.searchParams.delete("capital");
      history.replaceState?.(null, "", url);
    });
  }

  // The picture as a PNG, drawn from the SVG on the page at twice its size.
  const png = document.querySelector("[data-png]");
  if (png) png.addEventListener("click", () => {
    const svg = region.querySelector("svg");
    const box = svg.viewBox.baseVal;
    const scale = Math.min(2, 4000 / box.width);
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = box.width * scale;
      canvas.height = box.height * scale;
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "ripple-map.png";
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  });
})();
