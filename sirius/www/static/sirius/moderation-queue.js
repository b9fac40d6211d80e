// Keyboard shortcuts of the moderation queue (progressive enhancement: every action is a plain
// form button that works without this module). Hooked on data-sirius-* attributes.
//   j / ↓ next card, k / ↑ previous card, p publish, m publish with the proposed masking,
//   a alert, r reason of refusal (then Enter refuses), n note, ? shortcuts help.
// Keys typed in a field are left alone, except Enter in the reason list and Escape.

const queue = document.querySelector("[data-sirius-moderation-queue]");

if (queue) {
  const cards = Array.from(queue.querySelectorAll("[data-sirius-card]"));
  const announcer = document.querySelector("[data-sirius-announce]");
  const shortcutsList = document.querySelector("[data-sirius-shortcuts-list]");
  let current = null;

  const isTyping = (element) =>
    element instanceof HTMLElement &&
    (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));

  const cardTitle = (card) => {
    const heading = card.querySelector("h2");
    return heading ? heading.textContent.trim() : "";
  };

  const select = (card) => {
    if (!card) {
      return;
    }
    if (current) {
      current.classList.remove("sirius-card--current");
    }
    current = card;
    card.classList.add("sirius-card--current");
    card.focus();
    if (announcer) {
      const position = cards.indexOf(card) + 1;
      announcer.textContent = `Texte ${position} sur ${cards.length} : ${cardTitle(card)}`;
    }
  };

  const currentCard = () => {
    const focused = document.activeElement && document.activeElement.closest("[data-sirius-card]");
    return focused || current || cards[0];
  };

  const move = (step) => {
    const card = current || currentCard();
    const index = current ? cards.indexOf(card) + step : 0;
    select(cards[Math.min(Math.max(index, 0), cards.length - 1)]);
  };

  const within = (selector) => {
    const card = currentCard();
    return card ? card.querySelector(selector) : null;
  };

  const press = (action) => {
    const button = within(`[data-sirius-action="${action}"]`);
    if (button) {
      button.click();
    }
  };

  const focusField = (selector) => {
    const field = within(selector);
    if (field) {
      field.focus();
    }
  };

  const actions = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    p: () => press("publish"),
    m: () => press("mask"),
    a: () => press("alert"),
    r: () => focusField("[data-sirius-reason]"),
    n: () => focusField("[data-sirius-note]"),
    "?": () => {
      if (shortcutsList) {
        shortcutsList.hidden = !shortcutsList.hidden;
      }
    },
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target;
    if (isTyping(target)) {
      if (event.key === "Enter" && target.matches("[data-sirius-reason]")) {
        event.preventDefault();
        const button = target.form.querySelector('[data-sirius-action="reject"]');
        if (button) {
          button.click();
        }
      } else if (event.key === "Escape") {
        const card = target.closest("[data-sirius-card]");
        if (card) {
          select(card);
        }
      }
      return;
    }
    const action = actions[event.key];
    if (action && cards.length) {
      event.preventDefault();
      action();
    }
  });

  queue.addEventListener("focusin", (event) => {
    const card = event.target.closest("[data-sirius-card]");
    if (card && card !== current) {
      if (current) {
        current.classList.remove("sirius-card--current");
      }
      current = card;
      card.classList.add("sirius-card--current");
    }
  });

  const anchored = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (anchored && cards.includes(anchored)) {
    select(anchored);
  }
}
