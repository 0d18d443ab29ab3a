// warm.js — a classic script inlined at the top of the page, before anything is drawn: it makes the synchronous calls
// to the browser process that the first frame would otherwise make, while the main thread is still waiting (for
// app.js on the served site, for the parser in the single file). On Linux each font size and weight is one call (its
// render style, FontCache::GetFontPlatformData); the first use of localStorage is two (the permission, then the
// contents). The first result's frame waited 20–35 ms of its 50–60 ms on them (issue 13). A canvas asks for the same
// fonts as the page's text, so the frame finds them cached. build.mjs fills in TYPE_SCALE from styles.css :root (the
// scale's one place); nothing here changes what the page shows.
/* global TYPE_SCALE */
// In tasks of their own, four fonts each (each call takes 1–6 ms while the browser is busy loading): in the single
// file the parser reads on between them, and none of them is a long task (16 in one task took 38–51 ms). Queued at
// user-blocking priority, they all run before the served page's script, which would otherwise slip in between them
// and draw a frame that looks up what is left (as plain timers, 1 load in 4; two per task did worse still).
// A block: app.js is a classic script too, and its top-level names must not meet these.
{
  const { font, sizes, weights } = TYPE_SCALE;
  const fonts = sizes.flatMap((size) => weights.map((weight) => `${weight} ${size}px ${font}`));
  const ctx = document.createElement('canvas').getContext('2d');
  const later = (task) =>
    globalThis.scheduler?.postTask ? scheduler.postTask(task, { priority: 'user-blocking' }) : setTimeout(task);
  const warm = () => {
    for (const each of fonts.splice(0, 4)) {
      ctx.font = each;
      ctx.measureText('0');
    }
    if (fonts.length) later(warm);
    else performance.mark('tcoscope:warm');
  };
  later(() => {
    try {
      localStorage.length; // a frame without storage throws: nothing to warm
    } catch {}
    warm();
  });
}
