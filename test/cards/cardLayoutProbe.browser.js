// Runs inside headless Chromium next to the adaptivecards SDK bundle (plain JS: the page has no TypeScript).
// Renders a card at a given width and reports what a head teacher reading it would trip over:
// - a word broken across two lines ("Meas / ure"): the SDK's renderer lets a word break anywhere when it
//   does not fit its column, which reads as garbage;
// - text cut off (an ellipsis, a line limit, or a box narrower than its text with overflow hidden);
// - anything (a table, a column set, an image) that pokes out of the card or out of a box that clips it.
// Each problem names the element and the start of its text, so a failure says which card row to mend.

/** Pieces of text a line may not break inside: runs without spaces, split after a hyphen, dash or slash. */
const WORD = /[^\s‐–—/-]+[‐–—/-]?|[‐–—/-]/g;

function labelOf(el) {
  const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
  return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${text}"`;
}

function visible(rect) {
  return rect.width > 0 && rect.height > 0;
}

/** Words whose glyphs sit on more than one line. */
function brokenWords(root) {
  const found = [];
  const walker = document.createTreeWalker(root, window.NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue || '';
    for (const match of text.matchAll(WORD)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = Array.from(range.getClientRects()).filter(visible);
      const lines = new Set(rects.map((r) => Math.round(r.top)));
      if (lines.size > 1) found.push(`word broken across lines: "${match[0]}" in ${labelOf(node.parentElement)}`);
    }
  }
  return found;
}

/**
 * Text squeezed into a column so narrow that it runs a word or two to a line down the card (the old marks
 * grid: "Mon /\\ Tue NN ..." as a tall thin stack beside the week labels). Counted in lines of the text's
 * own layout: three or more lines in under a quarter of the card's width.
 */
function squeezed(root, cardWidth) {
  const found = [];
  for (const el of Array.from(root.querySelectorAll('.ac-textBlock'))) {
    const text = (el.textContent || '').trim();
    if (text.split(/\s+/).length < 3) continue;
    const r = el.getBoundingClientRect();
    if (!visible(r) || r.width >= cardWidth / 4) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set(
      Array.from(range.getClientRects())
        .filter(visible)
        .map((x) => Math.round(x.top)),
    );
    if (lines.size >= 3)
      found.push(`squeezed into a narrow column (${lines.size} lines in ${Math.round(r.width)}px): ${labelOf(el)}`);
  }
  return found;
}

/** Whether a box hides (or scrolls) what does not fit it sideways. */
function clips(style) {
  return style.overflowX !== 'visible';
}

window.probeCardLayout = function probeCardLayout(card, width) {
  document.body.innerHTML = '';
  const host = document.createElement('div');
  host.id = 'card-host';
  host.style.width = `${width}px`;
  host.style.display = 'inline-block';
  document.body.appendChild(host);
  const adaptive = new window.AdaptiveCards.AdaptiveCard();
  adaptive.parse(card);
  const element = adaptive.render();
  host.appendChild(element);
  const box = element.getBoundingClientRect();
  const problems = [];
  for (const el of Array.from(element.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (!visible(r)) continue;
    const style = getComputedStyle(el);
    if (r.right > box.right + 1 || r.left < box.left - 1) problems.push(`outside the card: ${labelOf(el)}`);
    const hasText = Array.from(el.childNodes).some(
      (n) => n.nodeType === window.Node.TEXT_NODE && n.nodeValue.trim() !== '',
    );
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`text cut off with an ellipsis: ${labelOf(el)}`);
    else if (clips(style) && el.scrollWidth > el.clientWidth + 1 && (hasText || el.children.length === 0))
      problems.push(`text cut off sideways: ${labelOf(el)}`);
    if (hasText && style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)
      problems.push(`text cut off below (line limit): ${labelOf(el)}`);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`scrolls sideways: ${labelOf(el)}`);
    // A child wider than a parent that hides overflow is cut off, even when the parent itself fits.
    const parent = el.parentElement;
    if (parent && parent !== host && clips(getComputedStyle(parent))) {
      const p = parent.getBoundingClientRect();
      if (r.right > p.right + 1 || r.left < p.left - 1) problems.push(`cut off by its box: ${labelOf(el)}`);
    }
  }
  problems.push(...brokenWords(element), ...squeezed(element, box.width));
  const buttons = Array.from(element.querySelectorAll('button')).map((b) => b.textContent || '');
  return {
    height: box.height,
    width: box.width,
    text: element.innerText,
    problems: Array.from(new Set(problems)),
    buttons,
  };
};
