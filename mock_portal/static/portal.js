// Progressive enhancement only: every page works with JavaScript off.
document.addEventListener("DOMContentLoaded", () => {
  // The error summary takes the focus so that a screen reader reads it first, unless the
  // visitor already moved it (a fast Tab or click while the page was still loading).
  const summary = document.querySelector(".error-summary");
  const untouched = !document.activeElement || document.activeElement === document.body;
  if (summary && untouched) summary.focus();

  // Follow-up fields show only under the answer that asks for them. Without JavaScript they
  // are all visible, and the server ignores those of the other answer.
  for (const group of document.querySelectorAll("[data-reveal-group]")) {
    const name = group.dataset.revealGroup;
    const details = group.querySelector("[data-reveal-details]");
    if (!details) continue;
    const update = () => {
      const checked = group.querySelector(`input[name="${name}"]:checked`);
      details.hidden = !checked || checked.value !== group.dataset.revealOn;
    };
    for (const radio of group.querySelectorAll(`input[name="${name}"]`)) {
      radio.addEventListener("change", update);
    }
    update();
  }

  // A second click while the first submission travels would send the form twice: the server
  // records it once anyway, this only spares the round trip.
  for (const form of document.querySelectorAll("form[method='post']")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.sent === "1") {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
    });
  }
});
