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
