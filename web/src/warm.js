// warm.js — a classic script inlined at the top of the page, before anything is drawn: it makes the synchronous calls
// to the browser process that the first frame would otherwise make, while the main thread is still waiting (for
// app.js on the served site, for the parser in the single file). On Linux each font size and weight is one call (its
// render style, FontCache::GetFontPlatformData); the first use of localStorage is two (the permission, then the
// contents). The first result's frame waited 20–35 ms of its 50–60 ms on them (issue 13). A canvas asks for the same
// fonts as the page's text, so the frame finds them cached. build.mjs fills in TYPE_SCALE from styles.css :root (the
// scale's one place); nothing here changes what the page shows.
/* global TYPE_SCALE */
// In a task of its own: in the single file the parser reads on, between its slices, rather than waiting on these.
setTimeout(() => {
  try {
    localStorage.length; // a frame without storage throws: nothing to warm
  } catch {}
  const { font, sizes, weights } = TYPE_SCALE;
  const ctx = document.createElement('canvas').getContext('2d');
  for (const size of sizes) {
    for (const weight of weights) {
      ctx.font = `${weight} ${size}px ${font}`;
      ctx.measureText('0');
    }
  }
  performance.mark('tcoscope:warm');
});
