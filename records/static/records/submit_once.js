// Back-office forms that release decisions or send emails (<form data-submit-once>): a double click sends the form
// once. The second submit is stopped while the first is on its way; a page shown again from the browser's history
// can be sent again. (The services refuse a second release anyway; this keeps the browser on the first answer.)
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
    return;
  }
  if (form.dataset.submitting) {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "true";
});

window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submit-once]")) {
    delete form.dataset.submitting;
  }
});
