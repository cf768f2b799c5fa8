// Keyboard shortcuts for the reader: j/k move through lists, o opens, / focuses search.
(() => {
  const items = () => Array.from(document.querySelectorAll('.article-list li'));
  let current = -1;
  const select = (i) => {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((li, n) => li.classList.toggle('current', n === current));
    list[current].scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === 'j') select(current + 1);
    else if (event.key === 'k') select(current - 1);
    else if (event.key === 'o' && current >= 0) {
      const link = items()[current]?.querySelector('a');
      if (link) link.click();
    } else if (event.key === '/') {
      event.preventDefault();
      document.getElementById('q')?.focus();
    } else return;
  });
})();
