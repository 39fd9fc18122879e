// A learning review: on a wide screen the period's evidence sits beside the reflections, open; on a phone it stays
// folded under its headings above them, so the form is a short scroll away. Without script the folds open by a tap.
(() => {
  if (!window.matchMedia('(min-width: 64rem)').matches) return;
  for (const fold of document.querySelectorAll('.review-evidence > details')) fold.open = true;
})();
