// Live character count under a text area. Markup (the server renders the first count, so the
// page works without JavaScript; `maxlength` on the text area stops the typing at the limit):
//   <p data-sirius-char-counter="text-area-id" data-sirius-max="1000">12 caractères sur 1000</p>
// Screen readers hear the count in a polite live region, once typing pauses.

const ANNOUNCE_DELAY_MS = 800;

function countLabel(length, max) {
  const plural = length > 1 ? "s" : "";
  return `${length} caractère${plural} sur ${max}`;
}

for (const counter of document.querySelectorAll("[data-sirius-char-counter]")) {
  const field = document.getElementById(counter.dataset.siriusCharCounter);
  const max = Number(counter.dataset.siriusMax);
  if (!field || !max) {
    continue;
  }
  const announcer = document.createElement("p");
  announcer.className = "fr-sr-only";
  announcer.setAttribute("aria-live", "polite");
  counter.after(announcer);
  let timer;
  field.addEventListener("input", () => {
    const label = countLabel(field.value.length, max);
    counter.textContent = label;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const left = max - field.value.length;
      announcer.textContent = `${label}, il en reste ${left}.`;
    }, ANNOUNCE_DELAY_MS);
  });
}
