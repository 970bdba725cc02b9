// Keeps the server-rendered countdown ticking. Without JavaScript the page still shows the
// time left when it was loaded; screen readers hear the summary, not every second.
(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  function start(box) {
    var target = Date.parse(box.getAttribute("data-until"));
    if (isNaN(target)) { return; }
    var parts = {};
    box.querySelectorAll("[data-unit]").forEach(function (el) { parts[el.getAttribute("data-unit")] = el; });
    function tick() {
      var left = Math.max(0, Math.floor((target - Date.now()) / 1000));
      parts.days.textContent = Math.floor(left / 86400);
      parts.hours.textContent = pad(Math.floor(left % 86400 / 3600));
      parts.minutes.textContent = pad(Math.floor(left % 3600 / 60));
      parts.seconds.textContent = pad(left % 60);
      if (left > 0) { window.setTimeout(tick, 1000 - (Date.now() % 1000)); }
    }
    tick();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-countdown]").forEach(start);
  });
})();
