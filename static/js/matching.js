// Matching pages. Loaded with the page's CSP nonce; no inline handlers.
// A mentor's answer: the reason field only matters for "no", so focus it when "no" is chosen.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== "answer" || input.value !== "decline") return;
  const form = input.closest("form");
  const reason = form && form.querySelector("textarea[name='reason']");
  if (reason) reason.focus();
});
