// Runs inside headless Chromium next to the adaptivecards SDK bundle (plain JS: the page has no TypeScript).
// Renders a card at a given width and reports what a reviewer would look at: its size, its text, its
// buttons, and every element that pokes out of the card or has text cut off sideways.
window.probeCardLayout = function probeCardLayout(card, width) {
  document.body.innerHTML = '';
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.appendChild(host);
  const adaptive = new window.AdaptiveCards.AdaptiveCard();
  adaptive.parse(card);
  const element = adaptive.render();
  host.appendChild(element);
  const box = element.getBoundingClientRect();
  const overflowing = [];
  for (const el of Array.from(element.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const label = `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent || '').slice(0, 40)}`;
    if (r.right > box.right + 1 || r.left < box.left - 1) overflowing.push(`outside the card: ${label}`);
    if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      overflowing.push(`text cut off: ${label}`);
  }
  const buttons = Array.from(element.querySelectorAll('button')).map((b) => b.textContent || '');
  return { height: box.height, width: box.width, text: element.innerText, overflowing, buttons };
};
