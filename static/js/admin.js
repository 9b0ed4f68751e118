// The admin's corrections that a template cannot make without copying Django's.
// Django 5.2's change-list search icon says alt="Search" in English whatever the
// admin's language: it takes the search button's wording, which is translated.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("changelist-search");
  const icon = form && form.querySelector("label[for=searchbar] img");
  const button = form && form.querySelector("input[type=submit]");
  if (icon && button) icon.alt = button.value;
});

// django-import-export's « select all » toggle on the export page: its inline
// handler is refused by the Content-Security-Policy (core/admin_imports.py
// removes it); the package's own function is bound here.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("input.select-toggle[name=select-all-toggle]");
  if (toggle && typeof window.onSelectToggleChange === "function") {
    toggle.addEventListener("change", window.onSelectToggleChange);
  }
});

// Autocomplete pickers (select2): the box select2 draws in place of the select
// is named by its current value only, so an empty one has no name (axe:
// aria-input-field-name), and its search field none at all (axe: label). They
// take the field's own label — again whenever select2 redraws them.
function nameAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    const name = (select.getAttribute("aria-label") || (label && label.textContent) || "")
      .trim().replace(/\s*:$/, "");
    const box = select.nextElementSibling;
    if (!name || !box || !box.classList.contains("select2")) return;
    const parts = ".select2-selection, .select2-selection__rendered, .select2-search__field";
    box.querySelectorAll(parts).forEach((part) => {
      if (part.getAttribute("aria-label") === name) return;
      part.setAttribute("aria-label", name);
      part.removeAttribute("aria-labelledby");
    });
  });
}
document.addEventListener("DOMContentLoaded", () => {
  nameAutocompletes();
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; nameAutocompletes(); });
  }).observe(document.body, { childList: true, subtree: true });
});
