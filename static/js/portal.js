// The portal's own behaviour, kept out of the HTML so the CSP needs no 'unsafe-inline'.
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-print]");
  if (trigger) {
    event.preventDefault();
    window.print();
  }
});
