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
    const was = spots();
    const answer = await fetch(root.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!answer.ok) return;
    region.innerHTML = await answer.text();
    showView();
    glide(was);
    for (const g of region.querySelectorAll("g.ripple")) if (!before.has(g.id) || freshUntil.has(g.id)) pulse(g);
  }

  // Only what changed, as the board's stream sent it: the picture keeps every ripple where it is and gains the new
  // ones. False when the patch cannot be put in (the whole fragment is fetched instead).
  function patch(changes) {
    const svg = region.querySelector("svg");
    const drawn = changes.querySelector("svg");
    if (!svg || !drawn) return false;
    // The session closed: its ripples' markers go (a patch redraws only the ripples that changed).
    if (changes.dataset.session === "") for (const marker of region.querySelectorAll(".new-here")) marker.remove();
    if (changes.dataset.whole !== undefined) {
      // The map was laid out afresh: the patch carries the whole picture and ring list, drawn once for every board.
      const before = rippleIds();
      const was = spots();
      const rings = region.querySelector("section.rings");
      if (!rings) return false;
      svg.replaceWith(document.importNode(drawn, true));
      glide(was);
      rings.replaceWith(document.importNode(changes.querySelector("section.rings"), true));
      for (const g of region.querySelectorAll("g.ripple")) if (!before.has(g.id) || freshUntil.has(g.id)) pulse(g);
      const activity = region.querySelector("#activity-list");
      if (activity) activity.replaceWith(document.importNode(changes.querySelector("#activity-list"), true));
      region.querySelector("[data-version]").dataset.version = changes.dataset.version;
      showView();
      return true;
    }
    // The patch builds on the version shown and on the layout drawn (or on the one its moved ripples come from);
    // otherwise the whole picture is needed.
    if (Number(changes.dataset.after) > Number(shownVersion())) return false;
    if (svg.dataset.layout !== (drawn.dataset.movedFrom ?? drawn.dataset.layout)) return false;
    const was = spots();
    if (svg.dataset.frame !== drawn.dataset.frame) {
      for (const part of [...drawn.querySelector("[data-into=frame]").children]) svg.getElementById(part.id)?.replaceWith(document.importNode(part, true));
      svg.dataset.home = drawn.dataset.viewbox;
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
    svg.dataset.layout = drawn.dataset.layout;
    // Ripples whose sector grew glide where they now are.
    glide(was);
    // The ring list comes whole when a ring was added or went; otherwise the entries changed, each in its ring's list.
    const rings = changes.querySelector("section.rings");
    if (rings) region.querySelector("section.rings")?.replaceWith(document.importNode(rings, true));
    for (const item of [...changes.querySelectorAll("[data-into=rings] > li")]) {
      const existing = region.querySelector(`li[data-ripple="${item.dataset.ripple}"]`);
      const list = region.querySelector(`ol[data-order="${item.dataset.order}"]`);
      if (!list) return false;
      if (existing?.parentElement === list) existing.replaceWith(document.importNode(item, true));
      else { existing?.remove(); list.append(document.importNode(item, true)); }
    }
    const activity = region.querySelector("#activity-list");
    if (activity) activity.replaceWith(document.importNode(changes.querySelector("#activity-list"), true));
    region.querySelector("[data-version]").dataset.version = changes.dataset.version;
    showView();
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
      sessionView();
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
  let announced = 0;
  if (root.dataset.patches) {
    stream.addEventListener("connected", live);
    stream.addEventListener("patch", (e) => {
      live();
      arrived.push(e.data);
      if (!replacing) putIn();
    });
  } else {
    stream.addEventListener("connected", () => { live(); refresh(); });
    for (const type of changes) stream.addEventListener(type, (e) => {
      announced = Math.max(announced, Number(e.lastEventId) || 0);
      live();
      refresh();
    });
  }
  stream.addEventListener("closed", (e) => { say(JSON.parse(e.data).reason); stream.close(); });

  // A click on a ripple chooses it: the cause of the next ripple, and the ends of a link.
  let previous = null;
  region.addEventListener("click", (e) => {
    const g = e.target.closest && e.target.closest("g.ripple");
    if (!g || dragged) return;
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
    // Themes follow the choice only when the form drew that ripple's themes; otherwise the server keeps them as they are.
    const themes = recode.form.querySelector("input[name='Recode.Themes']");
    const themesOf = recode.form.querySelector("input[name='Recode.ThemesOf']");
    if (themes && themesOf) {
      themes.value = option.dataset.themes ?? "";
      themesOf.value = option.dataset.themes === undefined ? "" : option.value;
    }
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
    // A folded branch leaves the picture too, with the links to and from its ripples.
    const gone = new Set([...hidden].map((li) => li.dataset.ripple));
    for (const g of svg?.querySelectorAll("g.ripple") ?? []) g.classList.toggle("folded", gone.has(g.id.slice(2)));
    for (const link of svg?.querySelectorAll("path.link") ?? []) link.classList.toggle("folded", gone.has(link.dataset.from) || gone.has(link.dataset.to));
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

  // The projector steps through the branches with page down and up (what a presenter's clicker sends) or the down and up
  // arrows, and through the capitals with the right and left arrows; 0 or Escape shows the whole map. Each key follows
  // the step control's link, so keys, the control and the addresses always agree.
  if (root.classList.contains("projector")) {
    const keys = { PageDown: "next-branch", ArrowDown: "next-branch", PageUp: "previous-branch", ArrowUp: "previous-branch",
      ArrowRight: "next-capital", ArrowLeft: "previous-capital", "0": "whole-map", Escape: "whole-map" };
    document.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || document.querySelector("dialog[open]")) return;
      const step = keys[e.key] && document.querySelector(`[data-step="${keys[e.key]}"]`);
      if (!step) return;
      e.preventDefault();
      step.click();
    });
  }

  // A ripple's whole text, one key or tap away: a ripple whose label is shortened can take the focus, and Enter, Space or a
  // tap shows its whole text in a dialog that screen readers announce; Escape or Close puts the focus back.
  const reader = document.createElement("dialog");
  reader.className = "ripple-text";
  reader.setAttribute("aria-labelledby", "ripple-text-words");
  reader.innerHTML = '<p id="ripple-text-words"></p><p class="hint" data-coded></p><form method="dialog"><button type="submit">Close</button></form>';
  document.body.append(reader);
  function readWhole(g) {
    const title = g.querySelector("title").textContent;
    const cut = title.lastIndexOf(" — ");
    reader.querySelector("#ripple-text-words").textContent = cut < 0 ? title : title.slice(0, cut);
    reader.querySelector("[data-coded]").textContent = cut < 0 ? "" : title.slice(cut + 3);
    reader.showModal();
  }
  region.addEventListener("keydown", (e) => {
    const g = e.target.closest && e.target.closest("g.ripple[tabindex]");
    if (!g || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    readWhole(g);
  });
  region.addEventListener("click", (e) => {
    const g = e.target.closest && e.target.closest("g.ripple[tabindex]");
    if (g && !dragged) readWhole(g);
  });

  // Ripples the map moved (a sector had to grow) glide from where they were over half a second while their links fade in;
  // with reduced motion they are simply drawn where they now are.
  const spots = () => new Map([...region.querySelectorAll("g.ripple")].map((g) => [g.id, [Number(g.dataset.x), Number(g.dataset.y)]]));
  function glide(was) {
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    let moved = 0;
    for (const g of region.querySelectorAll("g.ripple")) {
      const from = was.get(g.id);
      if (!from) continue;
      const [dx, dy] = [from[0] - Number(g.dataset.x), from[1] - Number(g.dataset.y)];
      if (Math.hypot(dx, dy) < 0.5) continue;
      g.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: "translate(0px, 0px)" }], { duration: 500, easing: "ease-in-out" });
      moved++;
    }
    if (moved) for (const link of region.querySelectorAll("path.link")) link.animate([{ opacity: 0 }, { opacity: 0.75 }], { duration: 500 });
  }

  // Zoom and pan: the wheel, a pinch or a drag on the picture; +, −, the arrow keys and 0 (fit) when the picture
  // has the focus; and buttons. "Follow the newest ripple" keeps the latest ripple in view as the map grows.
  // The projector never shrinks the picture below its own size, so its text stays at least 24 px.
  const projector = root.classList.contains("projector");
  // scale null: the picture's own choice (fit; on the projector never below its own size); fitted: "Fit" was asked for.
  const view = { scale: null, fitted: false, x: 0, y: 0, follow: projector };
  const picture = () => region.querySelector(".board-picture svg");
  const home = (svg) => (svg.dataset.home ??= svg.getAttribute("viewBox")).split(" ").map(Number);
  // The picture's drawing area as laid out (fractions of a pixel kept, so a picture drawn at its own size is exactly that).
  const area = (svg) => { const r = svg.getBoundingClientRect(); return [r.width - 2 * svg.clientLeft, r.height - 2 * svg.clientTop]; };
  const fitScale = (svg) => { const [, , w, h] = home(svg); const [width, height] = area(svg); return Math.min(width / w, height / h); };
  const smallest = (svg) => fitScale(svg) / 2;
  const chosen = (svg) => view.scale ?? (projector && !view.fitted ? Math.max(1, fitScale(svg)) : fitScale(svg));
  function newest(svg) {
    let best = null;
    for (const g of svg.querySelectorAll("g.ripple")) if (!best || Number(g.dataset.added) > Number(best.dataset.added)) best = g;
    return best;
  }
  function showView() {
    const svg = picture();
    if (!svg || !svg.clientWidth) return;
    const [hx, hy, hw, hh] = home(svg);
    const scale = Math.max(chosen(svg), smallest(svg));
    const [width, height] = area(svg);
    const w = width / scale, h = height / scale;
    if (view.scale === null) { view.x = hx + hw / 2; view.y = hy + hh / 2; }
    // A picture larger than the screen at its own size: the radial map centred on its focus, an outline from its top left.
    if (view.scale === null && scale > fitScale(svg) * 1.01) {
      if (svg.classList.contains("outline")) { view.x = hx + w / 2; view.y = hy + h / 2; } else { view.x = 0; view.y = 0; }
    }
    // Following: when a newer ripple arrives (or following is switched on), the view moves just enough to show it whole;
    // otherwise it stays where the person zoomed or moved it.
    const latest = view.follow && scale > fitScale(svg) * 1.01 ? newest(svg) : null;
    if (latest && (view.scale === null || latest.id !== view.followed)) {
      view.followed = latest.id;
      into(latest, w, h);
    }
    svg.setAttribute("viewBox", `${view.x - w / 2} ${view.y - h / 2} ${w} ${h}`);
    svg.dataset.scale = String(scale);
  }
  // Moves the view (w × h in the picture's units) just enough to show a ripple whole, or centres it when it is larger.
  function into(g, w, h) {
    const b = g.getBBox(), pad = 20;
    const shift = (centre, half, low, high) => high - low > 2 * half ? (low + high) / 2 : Math.min(Math.max(centre, high - half), low + half);
    view.x = shift(view.x, w / 2, b.x - pad, b.x + b.width + pad);
    view.y = shift(view.y, h / 2, b.y - pad, b.y + b.height + pad);
  }
  // A ripple reached with the keyboard is brought into view.
  region.addEventListener("focusin", (e) => {
    const g = e.target.closest && e.target.closest("g.ripple");
    const svg = picture();
    if (!g || !svg) return;
    const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
    if (view.scale === null) view.scale = Number(svg.dataset.scale) || null;
    into(g, w, h);
    showView();
  });
  function zoom(factor, at) {
    const svg = picture();
    if (!svg) return;
    const scale = Math.max(chosen(svg), smallest(svg));
    const next = Math.min(Math.max(scale * factor, smallest(svg)), 8);
    if (at) { view.x = at.x + (view.x - at.x) * scale / next; view.y = at.y + (view.y - at.y) * scale / next; }
    view.scale = next;
    showView();
  }
  function pan(dx, dy) {
    const svg = picture();
    if (!svg) return;
    const scale = Number(svg.dataset.scale) || 1;
    if (view.scale === null) view.scale = scale;
    view.x += dx / scale; view.y += dy / scale;
    showView();
  }
  function fit() { view.scale = null; view.fitted = true; showView(); }
  const toPicture = (svg, e) => {
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return { x: point.x, y: point.y };
  };
  const controls = document.createElement("div");
  controls.className = "picture-controls";
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "Zoom the picture");
  controls.innerHTML = '<button type="button" class="secondary" data-zoom="in" aria-label="Zoom in">+</button>'
    + '<button type="button" class="secondary" data-zoom="out" aria-label="Zoom out">−</button>'
    + '<button type="button" class="secondary" data-zoom="fit">Fit</button>'
    + '<label><input type="checkbox" data-follow> Follow the newest ripple</label>';
  region.before(controls);
  controls.querySelector("[data-follow]").checked = view.follow;
  controls.addEventListener("click", (e) => {
    const which = e.target.closest("[data-zoom]")?.dataset.zoom;
    if (which === "in") zoom(1.25); else if (which === "out") zoom(0.8); else if (which === "fit") fit();
  });
  controls.querySelector("[data-follow]").addEventListener("change", (e) => { view.follow = e.target.checked; view.followed = null; showView(); });
  region.addEventListener("wheel", (e) => {
    const svg = e.target.closest && e.target.closest(".board-picture svg");
    if (!svg) return;
    e.preventDefault();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, toPicture(svg, e));
  }, { passive: false });
  const pointers = new Map();
  let pinchFrom = null, dragged = false, pressedAt = null;
  region.addEventListener("pointerdown", (e) => {
    if (!(e.target.closest && e.target.closest(".board-picture svg"))) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    dragged = false;
    pressedAt = { x: e.clientX, y: e.clientY };
    if (pointers.size === 2) { const [a, b] = [...pointers.values()]; pinchFrom = Math.hypot(a.x - b.x, a.y - b.y); }
  });
  region.addEventListener("pointermove", (e) => {
    const was = pointers.get(e.pointerId);
    if (!was) return;
    const now = { x: e.clientX, y: e.clientY };
    pointers.set(e.pointerId, now);
    if (pointers.size === 2 && pinchFrom) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      zoom(distance / pinchFrom);
      pinchFrom = distance;
    } else if (pointers.size === 1 && (dragged || Math.hypot(now.x - pressedAt.x, now.y - pressedAt.y) > 5)) {
      dragged = true;
      pan(was.x - now.x, was.y - now.y);
    }
  });
  for (const type of ["pointerup", "pointercancel", "pointerleave"]) region.addEventListener(type, (e) => { pointers.delete(e.pointerId); if (pointers.size < 2) pinchFrom = null; });
  region.addEventListener("keydown", (e) => {
    if (!(e.target.classList && e.target.classList.contains("board-picture"))) return;
    const step = 80;
    const keys = { "+": () => zoom(1.25), "=": () => zoom(1.25), "-": () => zoom(0.8), "−": () => zoom(0.8), "0": fit, f: fit,
      ArrowLeft: () => pan(-step, 0), ArrowRight: () => pan(step, 0), ArrowUp: () => pan(0, -step), ArrowDown: () => pan(0, step) };
    if (!keys[e.key]) return;
    e.preventDefault();
    e.stopPropagation();
    keys[e.key]();
  });
  window.addEventListener("resize", showView);
  showView();

  // The picture as a PNG, drawn from the SVG on the page at twice its size.
  const png = document.querySelector("[data-png]");
  if (png) png.addEventListener("click", () => {
    const svg = region.querySelector("svg").cloneNode(true);
    svg.setAttribute("viewBox", svg.dataset.home ?? svg.getAttribute("viewBox"));
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
