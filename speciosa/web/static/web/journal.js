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
