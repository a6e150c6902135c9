// Small enhancements; every page works without this file.
(function () {
  "use strict";
  // Fill the time zone of a sign-up form from the browser, where the user
  // has not chosen one.
  document.querySelectorAll("select[data-detect-zone]").forEach(function (sel) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && sel.value === "UTC" && sel.querySelector('option[value="' + zone + '"]')) {
        sel.value = zone;
      }
    } catch (e) { /* keep UTC */ }
  });
  // Copy buttons: copy the value of the element named by data-copy.
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var src = document.getElementById(btn.getAttribute("data-copy"));
      if (!src || !navigator.clipboard) { return; }
      navigator.clipboard.writeText(src.value || src.textContent).then(function () {
        btn.textContent = "Copied";
      });
    });
  });
  // Escape closes an open menu and gives the focus back to its summary.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") { return; }
    document.querySelectorAll("details.more[open]").forEach(function (d) {
      d.open = false;
      var s = d.querySelector("summary");
      if (s && d.contains(document.activeElement)) { s.focus(); }
    });
  });
})();
