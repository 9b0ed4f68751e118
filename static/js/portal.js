// The portal's own behaviour, kept out of the HTML so the CSP needs no 'unsafe-inline'.
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-print]");
  if (trigger) {
    event.preventDefault();
    window.print();
  }
});

// Irreversible steps ask first: a button with data-confirm="…" submits its form
// only once the person has said yes.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Searchable pickers (core/pickers.py). Typing in a picker's search field lists
// matches into its <select>; it is not an edit of the form around it, whose
// filters would otherwise run again at every key.
document.addEventListener("htmx:load", (event) => {
  const root = event.detail.elt;
  const fields = root.matches("[data-picker-search]") ? [root] : root.querySelectorAll("[data-picker-search]");
  fields.forEach((field) => field.addEventListener("input", (input) => input.stopPropagation()));
});

// A new list of matches must not drop the choice already made among the old ones:
// the chosen option moves out of the matches before they are replaced.
document.addEventListener("htmx:beforeSwap", (event) => {
  const matches = event.detail.target;
  if (!matches || matches.tagName !== "OPTGROUP") {
    return;
  }
  const chosen = matches.querySelector("option:checked");
  if (chosen && chosen.value) {
    matches.before(chosen);
  }
});
