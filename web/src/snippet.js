// snippet.js — the iframe snippet the Embed dialog generates (web/build.mjs uses it for dist/embed-example.html).
//
// The embedded page posts {type: "tcoscope:height", height} (CSS pixels, an integer) to its parent whenever its
// height changes; the optional script sizes the frame from it. A sandboxed frame's messages come from origin
// "null", so the script matches the frame by e.source, not by origin.

export const HEIGHT_MESSAGE = 'tcoscope:height';
export const EMBED_TITLE = 'LLM cost calculator: self-host or pay per token? (tcoscope)';
// allow-popups(-to-escape-sandbox) only so that "Open the full calculator" can open a normal tab; the frame keeps
// an opaque origin (no allow-same-origin), so it can read nothing of the host page.
export const EMBED_SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';

export const RESIZE_SCRIPT = `// tcoscope: size the frame to its content
addEventListener("message", function (e) {
  if (!e.data || e.data.type !== "${HEIGHT_MESSAGE}" || !(e.data.height > 0)) return;
  document.querySelectorAll("iframe").forEach(function (f) {
    if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + "px";
  });
});`;

const attr = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML to paste: the iframe and, with resize, the script that sizes it. */
export function embedSnippet({ src, height = 1020, resize = true, title = EMBED_TITLE }) {
  // Attributes, not a style attribute: a host page with a strict Content-Security-Policy refuses inline styles.
  const frame =
    `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" frameborder="0" ` +
    `loading="lazy" sandbox="${EMBED_SANDBOX}"></iframe>`;
  return resize ? `${frame}\n<script>\n${RESIZE_SCRIPT}\n</script>` : frame;
}
