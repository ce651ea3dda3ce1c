// Loads MathJax from this site when `make book` could fetch it (npm package mathjax@3),
// so that pages with math also work offline; otherwise falls back to the public CDN.
(function () {
  var here = document.currentScript.src.replace(/mathjax-loader\.js.*$/, "");
  var local = document.createElement("script");
  local.src = here + "mathjax/tex-mml-chtml.js";
  local.async = true;
  local.onerror = function () {
    var cdn = document.createElement("script");
    cdn.src = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js";
    cdn.async = true;
    document.head.appendChild(cdn);
  };
  document.head.appendChild(local);
})();
