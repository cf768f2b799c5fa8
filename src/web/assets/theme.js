// Applies the reader's chosen theme before the page paints (no flash of the other theme).
// Loaded in <head> without defer on purpose; reader.js owns the switch itself.
(() => {
  try {
    const theme = localStorage.getItem('dateline-theme');
    if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
  } catch {
    // Storage may be disabled (private windows, policies): the system's theme applies.
  }
})();
