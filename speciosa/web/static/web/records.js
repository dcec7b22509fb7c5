/* The record pages' small behaviours. Every page works without this file.
   - Import: a progress bar while the file uploads (htmx's htmx:xhr:progress), and the error
     report shown in place when the server answers 400 or 413.
   - Substance form: show only the fieldset for the chosen kind (alcohol or another substance).
   - Settings: a button that copies a new token.
   - Every page: Escape closes an open menu (More) and puts the focus back on its button.
   - Every page: a link to an entry inside folded <details> (a source on Sources) opens the folds
     around it and the entry's own fold, and scrolls to it. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      menu.open = false;
      var button = menu.querySelector("summary");
      if (button && menu.contains(document.activeElement)) button.focus();
    });
  });

  function unfoldTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var inner = target.querySelector("details");
    if (inner) inner.open = true;
    for (var fold = target.closest("details"); fold; fold = fold.parentElement && fold.parentElement.closest("details")) {
      fold.open = true;
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", unfoldTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", unfoldTarget);
  else unfoldTarget();

  function uploadParts(form) {
    if (!form || !form.dataset || !form.dataset.uploadProgress) return null;
    return {
      bar: document.getElementById(form.dataset.uploadProgress),
      status: document.getElementById(form.dataset.uploadStatus),
    };
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var parts = uploadParts(event.detail.elt);
    if (!parts || !parts.bar) return;
    parts.bar.hidden = false;
    parts.bar.removeAttribute("value");
    if (parts.status) parts.status.textContent = "Uploading…";
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var parts = uploadParts(event.target);
    if (!parts || !parts.bar || !event.detail.lengthComputable || !event.detail.total) return;
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    parts.bar.max = 100;
    parts.bar.value = percent;
    if (parts.status) {
      parts.status.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Uploaded; checking and importing…";
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var parts = uploadParts(event.detail.elt);
    if (!parts || !parts.bar) return;
    parts.bar.hidden = true;
    if (parts.status) {
      parts.status.textContent = event.detail.successful || event.detail.xhr.status === 400 || event.detail.xhr.status === 413
        ? "" : "The upload failed (" + (event.detail.xhr.status || "no answer") + "). Nothing was imported.";
    }
  });

  // htmx does not swap 4xx answers by default; the import's 400 and 413 answers are its error reports.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (event.detail.target && event.detail.target.id === "import-result" && (status === 400 || status === 413)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function applyKindSwitch(form) {
    var chosen = form.querySelector("input[name=kind]:checked");
    if (!chosen) return;
    form.querySelectorAll("[data-when-kind]").forEach(function (fieldset) {
      fieldset.hidden = fieldset.dataset.whenKind !== chosen.value;
    });
  }

  function setUp(root) {
    root.querySelectorAll("form[data-kind-switch]").forEach(function (form) {
      applyKindSwitch(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") applyKindSwitch(form);
      });
    });
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copy);
        var status = document.querySelector("[data-copy-status='" + button.dataset.copy + "']");
        navigator.clipboard.writeText(field.value).then(
          function () { if (status) status.textContent = "Copied."; },
          function () { field.select(); if (status) status.textContent = "Select the token and copy it."; }
        );
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
