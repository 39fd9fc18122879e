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

  async function refresh() {
    if (fetching) { again = true; return; }
    const wait = lastStart + 250 - Date.now();
    if (wait > 0) { waiting ??= setTimeout(() => { waiting = null; refresh(); }, wait); return; }
    fetching = true;
    lastStart = Date.now();
    try {
      if (!(root.dataset.patches && await patch())) await replaceWhole();
      addOptionsForNewRipples();
      sessionView();
      // Told of a newer version than the one received (the server answers a busy room in intervals): ask again.
      if (Number(shownVersion()) < announced) again = true;
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

  // Only what changed since the version shown: the picture keeps every ripple where it is and gains the new
  // ones. False when the picture's frame (its rings) changed, so the whole picture is needed.
  async function patch() {
    const answer = await fetch(`${root.dataset.patches}&after=${shownVersion()}`, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (answer.status === 204) return true;
    if (!answer.ok) return false;
    const changes = new DOMParser().parseFromString(await answer.text(), "text/html").body.firstElementChild;
    const svg = region.querySelector("svg");
    const drawn = changes.querySelector("svg");
    if (!svg || !drawn) return false;
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
  let announced = 0;
  for (const type of changes) stream.addEventListener(type, (e) => {
    announced = Math.max(announced, Number(e.lastEventId) || 0);
    // The session's marker stays until the session closes (a patch redraws only the ripples that changed).
    if (type === "mapping-session-closed") for (const marker of region.querySelectorAll(".new-here")) marker.remove();
    say("Live: changes appear as they are made.");
    refresh();
  });
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
    showCoding();
    set("select#link-to", id);
    if (previous) set("select#link-from", previous);
    previous = id;
    const label = document.getElementById("label");
    if (label) label.focus();
  });

  // The re-code form's boxes always show the chosen ripple's coding (as the form drew it, or as the picture shows a ripple
  // added since), and say whose coding they show, so saving never puts one ripple's capitals onto another.
  const recode = document.querySelector("select#recode-ripple");
  function showCoding() {
    const option = recode?.selectedOptions[0];
    if (!option) return;
    const drawn = region.querySelector(`g.ripple[id="r-${option.value}"]`);
    const coding = (option.dataset.capitals ?? drawn?.dataset.capitals ?? "").toLowerCase().split(" ");
    for (const box of recode.form.querySelectorAll("input[name='Recode.Capitals']")) box.checked = coding.includes(box.value.toLowerCase());
    recode.form.querySelector("input[name='Recode.Shown']").value = option.value;
  }
  recode?.addEventListener("change", showCoding);

  // A session's view of the list: fold a ripple's branch away and back, and find ripples by their words as they are typed
  // (marked in the list and on the picture). Both outlast the live swaps of the picture and list.
  const folded = new Set();
  const find = document.querySelector("[data-find] input[type=search]");
  function sessionView() {
    if (root.classList.contains("projector")) return;
    const items = [...region.querySelectorAll("li[data-ripple]")];
    const children = new Map();
    for (const li of items) for (const cause of (li.dataset.causes || "").split(" ").filter(Boolean)) {
      if (!children.has(cause)) children.set(cause, []);
      children.get(cause).push(li);
    }
    const hidden = new Set();
    const hide = (id) => { for (const child of children.get(id) ?? []) if (!hidden.has(child)) { hidden.add(child); hide(child.dataset.ripple); } };
    for (const id of folded) hide(id);
    const words = find ? find.value.trim().toLowerCase() : "";
    const svg = region.querySelector("svg");
    let found = 0;
    for (const li of items) {
      li.hidden = hidden.has(li);
      let button = li.querySelector(":scope > button.fold");
      if (!children.has(li.dataset.ripple)) button?.remove();
      else {
        if (!button) li.append(button = Object.assign(document.createElement("button"), { type: "button", className: "fold" }));
        const shut = folded.has(li.dataset.ripple);
        button.setAttribute("aria-expanded", String(!shut));
        button.textContent = shut ? "Show its branch" : "Fold its branch";
      }
      const has = words !== "" && li.firstChild.textContent.toLowerCase().includes(words);
      li.classList.toggle("found", has);
      svg?.getElementById(`r-${li.dataset.ripple}`)?.classList.toggle("found", has);
      if (has) found++;
    }
    const told = document.querySelector("[data-found]");
    if (told && find) told.textContent = words === "" ? "" : found === 0 ? `No ripple has the words “${find.value.trim()}”.`
      : found === 1 ? `1 ripple has the words “${find.value.trim()}”: it is marked.` : `${found} ripples have the words “${find.value.trim()}”: they are marked.`;
  }
  region.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("button.fold");
    if (!button) return;
    const id = button.closest("li").dataset.ripple;
    if (!folded.delete(id)) folded.add(id);
    sessionView();
  });
  find?.addEventListener("input", sessionView);
  find?.form.addEventListener("submit", (e) => { e.preventDefault(); sessionView(); });
  sessionView();

  // A panel's form, once saved, comes back with its confirmation where the form was on the screen (not where the
  // address's fragment would scroll it), and the confirmation takes the focus so that it is read out.
  const place = "board-panel-place";
  for (const form of document.querySelectorAll(".board-panel form[method=post]")) form.addEventListener("submit", () => {
    sessionStorage.setItem(place, String(form.closest("details").getBoundingClientRect().top));
  });
  const done = document.querySelector(".board-panel [data-done]");
  const top = sessionStorage.getItem(place);
  sessionStorage.removeItem(place);
  if (done) {
    const keep = () => {
      const at = (done.closest("details") ?? done).getBoundingClientRect();
      const below = done.getBoundingClientRect().bottom - at.top;
      scrollBy(0, at.top - Math.min(Math.max(Number(top ?? 0), 0), innerHeight - below - 8));
    };
    done.tabIndex = -1;
    done.focus({ preventScroll: true });
    keep();
    addEventListener("load", keep, { once: true });
  }

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
