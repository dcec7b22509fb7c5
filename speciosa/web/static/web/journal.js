// speciosa: small progressive enhancements for the journal pages. Nothing here is required:
// every page works without JavaScript. No network requests.
(function () {
  "use strict";
  // Sign-up: preselect this browser's time zone, unless the person already chose one.
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
    if (!zone || select.value !== "UTC") { return; }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; break; }
    }
  });
})();
(function () {
  "use strict";
  // Dose form: the preview is swapped in again as the person types; a comparison they opened stays open.
  var preview = document.getElementById("dose-preview");
  if (!preview) { return; }
  var open = false;
  preview.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details.dose-compare")) { open = event.target.open; }
  }, true);
  preview.addEventListener("htmx:afterSwap", function () {
    var details = preview.querySelector("details.dose-compare");
    if (details && open) { details.open = true; }
  });
})();
(function () {
  "use strict";
  // Dose form on a phone: when the on-screen keyboard covers the bottom of the page (the layout viewport
  // keeps its height), lift the sticky Log dose bar above it, so it stays in view while the person types.
  var form = document.querySelector("form.dose-form");
  var viewport = window.visualViewport;
  if (!form || !viewport) { return; }
  function place() {
    var covered = Math.max(0, window.innerHeight - viewport.height - viewport.offsetTop);
    form.style.setProperty("--covered-bottom", Math.round(covered) + "px");
  }
  viewport.addEventListener("resize", place);
  viewport.addEventListener("scroll", place);
  place();
})();
