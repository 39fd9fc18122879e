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

  let fetching = false, again = false, lastStart = 0, waiting = null;
  const rippleIds = () => new Set([...region.querySelectorAll("g.ripple")].map((g) => g.id));
  // Ripples new to this page pulse for a moment, across however many swaps happen meanwhile.
  const freshUntil = new Map();

  // A board looking back, or at what changed since the last session, swaps in its whole fragment on each change.
  async function refresh() {
    if (fetching) { again = true; return; }
    const wait = lastStart + 250 - Date.now();
    if (wait > 0) { waiting ??= setTimeout(() => { waiting = null; refresh(); }, wait); return; }
    fetching = true;
    lastStart = Date.now();
    try {
      await replaceWhole();
      addOptionsForNewRipples();
    } catch {
      say("Reconnecting to the live map…");
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  }

  const shownVersion = () => region.querySelector("[data-version]")?.dataset.version ?? "0";

  function pulse(g) {
    if (!freshUntil.has(g.id)) freshUntil.set(g.id, Date.now() + 2500);
    const left = freshUntil.get(g.id) - Date.now();
    if (left <= 0) return;
    g.classList.add("fresh");
    setTimeout(() => g.classList.remove("fresh"), left);
  }

  async function replaceWhole() {
    const before = rippleIds();
    const answer = await fetch(root.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!answer.ok) return;
    region.innerHTML = await answer.text();
    for (const g of region.querySelectorAll("g.ripple")) if (!before.has(g.id) || freshUntil.has(g.id)) pulse(g);
  }

  // Only what changed, as the board's stream sent it: the picture keeps every ripple where it is and gains the new
  // ones. False when the patch cannot be put in (the whole fragment is fetched instead).
  function patch(changes) {
    const svg = region.querySelector("svg");
    const drawn = changes.querySelector("svg");
    if (!svg || !drawn) return false;
    if (changes.dataset.whole !== undefined) {
      // The rings changed: the patch carries the whole picture and ring list, drawn once for every board.
      const before = rippleIds();
      const rings = region.querySelector("section.rings");
      if (!rings) return false;
      svg.replaceWith(document.importNode(drawn, true));
      rings.replaceWith(document.importNode(changes.querySelector("section.rings"), true));
      for (const g of region.querySelectorAll("g.ripple")) if (!before.has(g.id) || freshUntil.has(g.id)) pulse(g);
      const activity = region.querySelector("#activity-list");
      if (activity) activity.replaceWith(document.importNode(changes.querySelector("#activity-list"), true));
      region.querySelector("[data-version]").dataset.version = changes.dataset.version;
      return true;
    }
    if (svg.dataset.frame !== drawn.dataset.frame) {
      // A ring added further out only needs the frame redrawn; rings that moved need the whole picture.
      const rings = (frame) => frame.split(" ").slice(0, -1);
      const now = rings(drawn.dataset.frame);
      if (!rings(svg.dataset.frame).every((ring, i) => now[i] === ring)) return false;
      for (const part of [...drawn.querySelector("[data-into=frame]").children]) svg.getElementById(part.id)?.replaceWith(document.importNode(part, true));
      svg.setAttribute("viewBox", drawn.dataset.viewbox);
      svg.dataset.frame = drawn.dataset.frame;
    }
    for (const [into, target] of [["links", svg.querySelector("#links")], ["ripples", svg.querySelector("#ripples")]]) {
      for (const part of [...drawn.querySelector(`[data-into=${into}]`).children]) {
        const existing = svg.getElementById(part.id);
        if (part.dataset.gone) { existing?.remove(); continue; }
        const imported = document.importNode(part, true);
        if (existing) existing.replaceWith(imported); else { target.append(imported); if (into === "ripples") pulse(imported); }
      }
    }
    svg.getElementById("map-desc")?.replaceWith(document.importNode(drawn.querySelector("desc"), true));
    for (const item of [...changes.querySelectorAll("[data-into=rings] > li")]) {
      const existing = region.querySelector(`li[data-ripple="${item.dataset.ripple}"]`);
      const list = region.querySelector(`ol[data-order="${item.dataset.order}"]`);
      if (existing) existing.replaceWith(document.importNode(item, true));
      else if (list) list.append(document.importNode(item, true));
      else return false;
    }
    const activity = region.querySelector("#activity-list");
    if (activity) activity.replaceWith(document.importNode(changes.querySelector("#activity-list"), true));
    region.querySelector("[data-version]").dataset.version = changes.dataset.version;
    return true;
  }

  // Patches are put in one at a time, in the order sent; one that needs the whole picture holds the rest until it is in.
  const arrived = [];
  let replacing = false;
  async function putIn() {
    while (arrived.length) {
      const changes = new DOMParser().parseFromString(arrived.shift(), "text/html").body.firstElementChild;
      if (Number(changes.dataset.version) <= Number(shownVersion())) continue;
      if (!patch(changes)) {
        replacing = true;
        try { await replaceWhole(); } catch { say("Reconnecting to the live map…"); } finally { replacing = false; }
      }
      addOptionsForNewRipples();
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

  // A board showing the map now follows its own stream, which sends each change as the patch to put in (made once
  // for every board); others follow the map's stream and fetch their whole fragment. Both resume with Last-Event-ID.
  const stream = new EventSource(root.dataset.patches ? `${root.dataset.patches}&after=${shownVersion()}` : root.dataset.live);
  const live = () => say("Live: changes appear as they are made.");
  stream.onopen = live;
  stream.onerror = () => say(stream.readyState === EventSource.CLOSED ? "The live map has stopped; reload the page." : "Reconnecting to the live map…");
  if (root.dataset.patches) {
    stream.addEventListener("connected", live);
    stream.addEventListener("patch", (e) => {
      live();
      arrived.push(e.data);
      if (!replacing) putIn();
    });
  } else {
    stream.addEventListener("connected", () => { live(); refresh(); });
    for (const type of changes) stream.addEventListener(type, () => { live(); refresh(); });
  }
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
